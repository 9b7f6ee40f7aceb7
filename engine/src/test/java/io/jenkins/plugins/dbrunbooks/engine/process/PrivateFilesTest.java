package io.jenkins.plugins.dbrunbooks.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** What a killed run left in its private directories goes with the next run; nothing else does. */
public class PrivateFilesTest {
    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    @Test
    public void theNextRunRemovesWhatAKilledRunLeftAndSaysSo() throws Exception {
        Path work = tmp.getRoot().toPath();
        Path killed = Files.createDirectory(work.resolve("dbrunbooks-pg-" + deadPid() + "-42"));
        Files.writeString(killed.resolve("pgpass"), "*:*:*:*:secret\n");
        Files.writeString(killed.resolve("payload.dump"), "decrypted rows");
        Path running = Files.createDirectory(work.resolve("dbrunbooks-restore-" + ProcessHandle.current().pid()
                + "-7"));
        Path unrelated = Files.createDirectory(work.resolve("pg-1-2"));
        List<Path> heard = new ArrayList<>();

        try (PrivateFiles files = PrivateFiles.create(work, "mariadb-", heard::add)) {
            assertThat(files.directory().getFileName().toString())
                    .startsWith("dbrunbooks-mariadb-" + ProcessHandle.current().pid() + "-");
        }

        assertThat(killed).doesNotExist();
        assertThat(heard).containsExactly(killed);
        assertThat(running).exists();
        assertThat(unrelated).exists();
    }

    @Test
    public void stagedDataIsReadableByItsOwnerAlone() throws Exception {
        try (PrivateFiles files = PrivateFiles.create(tmp.getRoot().toPath(), "restore-")) {
            try (OutputStream out = files.newFile("payload")) {
                out.write("decrypted".getBytes());
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.directory().resolve(
                    "payload")))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.directory())))
                    .isEqualTo("rwx------");
        }
    }
}
