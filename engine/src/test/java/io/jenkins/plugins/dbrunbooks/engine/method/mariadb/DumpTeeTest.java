package io.jenkins.plugins.dbrunbooks.engine.method.mariadb;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.fingerprint.MariaDbDumpRows;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.Arrays;
import org.junit.Test;

public class DumpTeeTest {

    /** Every byte reaches the payload in order, and the rows are hashed from the same bytes, cut anywhere. */
    @Test
    public void shouldWriteEveryByteAndHashTheRowsFromTheSameBytes() throws Exception {
        try (TestDatabase db = TestServers.newMariaDbDatabase(); Connection c = db.connect()) {
            db.execute("CREATE TABLE t (id INT, v VARCHAR(20))");
            MariaDbDumpRows rows = MariaDbDumpRows.plan(c);
            StringBuilder dump = new StringBuilder("LOCK TABLES `t` WRITE;\nINSERT INTO `t` VALUES ");
            for (int i = 0; i < 100_000; i++) {
                dump.append(i == 0 ? "" : ",").append("(").append(i).append(",'v\\'").append(i).append("')");
            }
            dump.append(";\nUNLOCK TABLES;\n");
            byte[] bytes = dump.toString().getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            try (DumpTee tee = DumpTee.start(payload, rows)) {
                int offset = 0;
                for (int size = 1; offset < bytes.length; size = size * 3 % 300_007 + 1) {
                    int n = Math.min(size, bytes.length - offset);
                    tee.write(bytes, offset, n);
                    offset += n;
                }
                tee.finish();
            }
            assertThat(Arrays.equals(payload.toByteArray(), bytes)).isTrue();
            assertThat(rows.fingerprints().get("t").rows()).isEqualTo(100_000);
        }
    }

    /** A copy that broke ends the reader's stream, so no thread is left waiting for bytes. */
    @Test
    public void shouldEndTheReaderWhenTheCopyBreaks() throws Exception {
        try (TestDatabase db = TestServers.newMariaDbDatabase(); Connection c = db.connect()) {
            db.execute("CREATE TABLE t (id INT)");
            MariaDbDumpRows rows = MariaDbDumpRows.plan(c);
            DumpTee tee = DumpTee.start(new ByteArrayOutputStream(), rows);
            tee.write("LOCK TABLES `t` WRITE;\nINSERT INTO `t` VALUES (1),".getBytes(StandardCharsets.UTF_8));
            tee.write(new byte[5_000_000]);
            tee.close();
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().equals("dbrunbooks-dump-rows")) {
                    t.join(30_000);
                    assertThat(t.isAlive()).as("reader ended").isFalse();
                }
            }
            assertThat(rows.fingerprints()).isEmpty();
        }
    }
}
