package io.jenkins.plugins.dbrunbooks.engine.method.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.testing.ExternalTools;
import io.jenkins.plugins.dbrunbooks.engine.testing.PostgresSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ArchiveOffsetsTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void shouldMakeAPipedDumpTheSameAsOneWrittenToAFile() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            fill(db);
            Path dir = tmp.getRoot().toPath();
            ExternalTools.sh(dir, dump(db) + " -f written.dump && " + dump(db) + " | cat > piped.dump");
            byte[] written = Files.readAllBytes(dir.resolve("written.dump"));
            int header = headerEnd(written, db.name());
            assertThat(differencesAfter(Files.readAllBytes(dir.resolve("piped.dump")), written, header))
                    .as("a piped dump lacks the offsets").isPositive();

            ArchiveOffsets.Outcome outcome = ArchiveOffsets.fill(dir.resolve("piped.dump"));

            assertThat(outcome.unchangedBecause()).isNull();
            assertThat(outcome.filled()).as("three tables and the large objects").isEqualTo(4);
            assertThat(outcome.tableData()).isEqualTo(3);
            assertThat(differencesAfter(Files.readAllBytes(dir.resolve("piped.dump")), written, header))
                    .as("only the creation time may differ").isZero();
        }
    }

    @Test
    public void shouldFindTheOffsetsWhileCopyingAPipedDump() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            fill(db);
            Path dir = tmp.getRoot().toPath();
            ExternalTools.sh(dir, dump(db) + " -f written.dump && " + dump(db) + " | cat > piped.dump");
            byte[] written = Files.readAllBytes(dir.resolve("written.dump"));
            byte[] piped = Files.readAllBytes(dir.resolve("piped.dump"));
            Path copy = dir.resolve("copy.dump");

            ArchiveOffsets.Pending pending;
            try (OutputStream out = Files.newOutputStream(copy)) {
                // Reads of a few bytes at a time, as a decoding stream may give them, cross every field.
                pending = ArchiveOffsets.copy(new TrickleInputStream(piped), out);
            }
            assertThat(Files.readAllBytes(copy)).as("copied whole, untouched so far").isEqualTo(piped);
            ArchiveOffsets.Outcome outcome = pending.writeInto(copy);

            assertThat(outcome).isEqualTo(new ArchiveOffsets.Outcome(4, null, 3));
            assertThat(differencesAfter(Files.readAllBytes(copy), written, headerEnd(written, db.name())))
                    .as("the same offsets as pg_dump wrote to its file").isZero();
            assertThat(ArchiveOffsets.fill(copy)).as("nothing left to fill")
                    .isEqualTo(new ArchiveOffsets.Outcome(0, null, 3));
        }
    }

    @Test
    public void shouldCopyWhatItCannotReadAsItIs() throws Exception {
        byte[] plain = "CREATE TABLE t (id int);\n".getBytes(StandardCharsets.UTF_8);
        byte[] truncated = {'P', 'G', 'D', 'M', 'P', 1, 14, 0, 4, 8, 1};
        for (byte[] archive : List.of(plain, truncated)) {
            Path copy = tmp.newFile().toPath();
            ArchiveOffsets.Pending pending;
            try (OutputStream out = Files.newOutputStream(copy)) {
                pending = ArchiveOffsets.copy(new ByteArrayInputStream(archive), out);
            }
            assertThat(pending.writeInto(copy).unchangedBecause()).isNotNull();
            assertThat(Files.readAllBytes(copy)).isEqualTo(archive);
        }
    }

    /** Hands out at most 7 bytes a read. */
    private static final class TrickleInputStream extends ByteArrayInputStream {
        TrickleInputStream(byte[] bytes) {
            super(bytes);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 7));
        }
    }

    @Test
    public void shouldRestoreInParallelFromTheFilledArchive() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            fill(db);
            Path dir = tmp.getRoot().toPath();
            ExternalTools.sh(dir, dump(db) + " | cat > piped.dump");
            assertThat(ArchiveOffsets.fill(dir.resolve("piped.dump")).filled()).isEqualTo(4);
            String copy = db.name() + "_copy";
            try {
                ExternalTools.sh(dir, "createdb " + connection() + " " + copy + " && pg_restore " + connection()
                        + " --exit-on-error --jobs=2 -d " + copy + " piped.dump");
                assertThat(PostgresSnapshot.of(copy, db)).isEqualTo(PostgresSnapshot.of(db));
            } finally {
                TestServers.dropPostgres(copy);
            }
        }
    }

    @Test
    public void shouldLeaveAnArchiveWithOffsetsOrWithoutDataAsItIs() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            Path dir = tmp.getRoot().toPath();
            ExternalTools.sh(dir, dump(db) + " | cat > empty.dump");
            fill(db);
            ExternalTools.sh(dir, dump(db) + " -f written.dump");
            byte[] before = Files.readAllBytes(dir.resolve("written.dump"));

            assertThat(ArchiveOffsets.fill(dir.resolve("empty.dump")))
                    .isEqualTo(new ArchiveOffsets.Outcome(0, null, 0));
            assertThat(ArchiveOffsets.fill(dir.resolve("written.dump")))
                    .as("three tables' rows").isEqualTo(new ArchiveOffsets.Outcome(0, null, 3));
            assertThat(Files.readAllBytes(dir.resolve("written.dump"))).isEqualTo(before);
        }
    }

    @Test
    public void shouldLeaveWhatItCannotReadAlone() throws Exception {
        Path plain = tmp.newFile("plain.sql").toPath();
        Files.writeString(plain, "CREATE TABLE t (id int);\n");
        Path truncated = tmp.newFile("truncated.dump").toPath();
        Files.write(truncated, new byte[] {'P', 'G', 'D', 'M', 'P', 1, 14, 0, 4, 8, 1});

        assertThat(ArchiveOffsets.fill(plain).unchangedBecause()).isEqualTo("it is not a custom-format archive");
        assertThat(ArchiveOffsets.fill(truncated).unchangedBecause()).isEqualTo("it ends early");
        assertThat(Files.readString(plain)).isEqualTo("CREATE TABLE t (id int);\n");
    }

    private static void fill(TestDatabase db) {
        db.execute("CREATE TABLE big (id bigint PRIMARY KEY, v text)",
                "INSERT INTO big SELECT i, md5(i::text) FROM generate_series(1, 20000) i",
                "CREATE TABLE small (id int PRIMARY KEY, b bytea)",
                "INSERT INTO small SELECT i, decode(md5(i::text), 'hex') FROM generate_series(1, 10) i",
                "CREATE TABLE empty_table (id int)", "SELECT lo_from_bytea(0, 'large object')");
    }

    private static String connection() {
        return "-h " + TestServers.PG_HOST + " -p " + TestServers.PG_PORT + " -U " + TestServers.PG_USER;
    }

    private static String dump(TestDatabase db) {
        return "pg_dump " + connection() + " --format=custom --compress=0 " + db.name();
    }

    /** Where the table of contents starts: after the database name and the two version strings. */
    private static int headerEnd(byte[] archive, String database) {
        String text = new String(archive, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(database);
        assertThat(at).isPositive();
        return at + database.length();
    }

    private static int differencesAfter(byte[] actual, byte[] expected, int from) {
        assertThat(actual).hasSameSizeAs(expected);
        int differences = 0;
        for (int i = from; i < actual.length; i++) {
            differences += actual[i] == expected[i] ? 0 : 1;
        }
        return differences;
    }
}
