package io.jenkins.plugins.dbrunbooks.engine.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The notes of databases a run created: those of a run that is gone are found, a live run's are not, and a note
 * anybody else could have written is never believed, so no one can make a run drop a database by planting one.
 */
public class TemporaryDatabaseTest {
    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    @Test
    public void findsTheNotesOfGoneRunsOnlyAndOnlyPrivateOnes() throws Exception {
        Path work = tmp.getRoot().toPath();
        long dead = deadPid();
        Path killed = note(work, dead, "1", "orders_restore_00aa", "rw-------");
        note(work, dead, "2", "orders_important", "rw-rw-rw-");
        try (TemporaryDatabase live = TemporaryDatabase.note(work, "qa", "orders", "orders_restore_00bb")) {
            List<TemporaryDatabase.Left> left = TemporaryDatabase.left(work);

            assertThat(left).extracting(TemporaryDatabase.Left::name).containsExactly("orders_restore_00aa");
            assertThat(left.get(0).note()).isEqualTo(killed);
            assertThat(left.get(0).environment()).isEqualTo("qa");
            assertThat(left.get(0).database()).isEqualTo("orders");
        }
        TemporaryDatabase.forget(work, "qa", "orders", "orders_restore_00aa");
        assertThat(killed).doesNotExist();
    }

    @Test
    public void removesTheNoteOfARunKilledWhileWritingIt() throws Exception {
        Path work = tmp.getRoot().toPath();
        long dead = deadPid();
        Path empty = work.resolve("dbrunbooks-db-" + dead + "-3.properties");
        Files.writeString(empty, "");
        Files.setPosixFilePermissions(empty, PosixFilePermissions.fromString("rw-------"));
        Path unfinished = note(work, dead, "4", "", "rw-------");
        try (TemporaryDatabase live = TemporaryDatabase.note(work, "qa", "orders", "orders_restore_00cc")) {
            Files.writeString(work.resolve("dbrunbooks-db-" + ProcessHandle.current().pid() + "-5.properties"), "");

            assertThat(TemporaryDatabase.left(work)).isEmpty();
            assertThat(empty).doesNotExist();
            assertThat(unfinished).doesNotExist();
            assertThat(work.resolve("dbrunbooks-db-" + ProcessHandle.current().pid() + "-5.properties"))
                    .as("a live run's note, being written").exists();
        }
    }

    private static Path note(Path work, long pid, String random, String name, String mode) throws Exception {
        Path note = work.resolve("dbrunbooks-db-" + pid + "-" + random + ".properties");
        Files.writeString(note, "environment=qa\ndatabase=orders\nname=" + name + "\n");
        Files.setPosixFilePermissions(note, PosixFilePermissions.fromString(mode));
        return note;
    }
}
