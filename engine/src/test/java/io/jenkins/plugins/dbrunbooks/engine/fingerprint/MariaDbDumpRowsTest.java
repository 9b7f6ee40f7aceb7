package io.jenkins.plugins.dbrunbooks.engine.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.method.mariadb.MariaDbNativeMethod;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.Test;

public class MariaDbDumpRowsTest {

    /** Every type family, NULLs, odd strings and binary values, generated and invisible columns. */
    @Test
    public void shouldTakeTheFingerprinterSumsFromTheDump() throws Exception {
        try (TestDatabase db = TestServers.newMariaDbDatabase(); Connection c = db.connect()) {
            db.execute(MariaDbTextFingerprinterTest.MIXED);
            db.execute(ODD);
            MariaDbDumpRows rows = MariaDbDumpRows.plan(c);
            rows.read(dump(db));

            DataFingerprints selected = new MariaDbTextFingerprinter().take(c);
            assertThat(rows.planned()).containsExactlyInAnyOrder("mixed", "odd `name` t", "strings", "numbers",
                    "binaries", "empty", "only_generated", "shapes", "many");
            assertThat(rows.others()).containsExactlyInAnyOrder("history", "periods");
            Map<String, TableFingerprint> dumped = rows.fingerprints();
            assertThat(dumped.keySet()).isEqualTo(rows.planned());
            assertThat(dumped.get("many").rows()).isEqualTo(30000);
            assertThat(dumped.get("strings").rows()).isEqualTo(4);
            assertThat(dumped.get("empty").rows()).isZero();
            for (String table : rows.planned()) {
                assertThat(dumped.get(table)).as(table).isEqualTo(selected.tables().get(table));
            }
        }
    }

    /**
     * Values, escapes and hex digit pairs split at every place between two reads (the reader's buffer ends there)
     * read as they do whole.
     */
    @Test
    public void shouldReadTheSameWhateverTheReadsSizes() throws Exception {
        try (TestDatabase db = TestServers.newMariaDbDatabase(); Connection c = db.connect()) {
            db.execute(MariaDbTextFingerprinterTest.MIXED);
            db.execute(ODD);
            byte[] whole = dump(db).readAllBytes();
            MariaDbDumpRows rows = MariaDbDumpRows.plan(c);
            rows.read(new ByteArrayInputStream(whole));
            for (int seed = 0; seed < 3; seed++) {
                MariaDbDumpRows pieces = MariaDbDumpRows.plan(c);
                pieces.read(new Pieces(whole, new Random(seed), seed == 0 ? 3 : 40));
                assertThat(pieces.fingerprints()).as("seed %d", seed).isEqualTo(rows.fingerprints())
                        .hasSize(rows.planned().size());
            }
        }
    }

    /** Gives a stream's bytes in reads of random sizes up to a bound. */
    private static final class Pieces extends InputStream {
        private final byte[] data;
        private final Random random;
        private final int most;
        private int at;

        Pieces(byte[] data, Random random, int most) {
            this.data = data;
            this.random = random;
            this.most = most;
        }

        @Override
        public int read() {
            return at < data.length ? data[at++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (at == data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, data.length - at), 1 + random.nextInt(most));
            System.arraycopy(data, at, b, off, n);
            at += n;
            return n;
        }
    }

    /** A table whose rows are not in the form expected, or not there whole, gets no fingerprint; the others do. */
    @Test
    public void shouldLeaveOutTablesWhoseRowsAreNotInTheExpectedForm() throws Exception {
        try (TestDatabase db = TestServers.newMariaDbDatabase(); Connection c = db.connect()) {
            db.execute("CREATE TABLE a (id INT, v VARCHAR(10))", "INSERT INTO a VALUES (1, 'x'), (2, 'y')",
                    "CREATE TABLE b (id INT, g INT AS (id + 1) STORED)", "INSERT INTO b (id) VALUES (1), (2)",
                    "CREATE TABLE c (id INT)", "CREATE TABLE d (id INT)", "CREATE TABLE e (id INT)");
            MariaDbDumpRows rows = MariaDbDumpRows.plan(c);
            String dump = String.join("\n", "-- a comment", "LOCK TABLES `a` WRITE;",
                    "INSERT INTO `a` VALUES (1,_utf8mb4'x'),(2,'y');", "UNLOCK TABLES;",
                    "DELIMITER ;;", "/*!50003 CREATE PROCEDURE p() INSERT INTO `b` VALUES (7,8) */;;",
                    "LOCK TABLES `b` WRITE;", "/*!40000 ALTER TABLE `b` DISABLE KEYS */;",
                    "INSERT INTO `b` VALUES (1,2),", "(2,3);", "/*!40000 ALTER TABLE `b` ENABLE KEYS */;",
                    "UNLOCK TABLES;", "LOCK TABLES `c` WRITE;", "INSERT INTO `c` VALUES (1,2);", "UNLOCK TABLES;",
                    "LOCK TABLES `d` WRITE;", "UNLOCK TABLES;", "LOCK TABLES `e` WRITE;",
                    "INSERT INTO `e` VALUES (1);");
            rows.read(new ByteArrayInputStream(dump.getBytes(StandardCharsets.UTF_8)));

            DataFingerprints selected = new MariaDbTextFingerprinter().take(c);
            assertThat(rows.fingerprints()).containsOnlyKeys("b", "d")
                    .containsEntry("b", selected.tables().get("b")).containsEntry("d", new TableFingerprint(0,
                            RowSum.hex(0)));
        }
    }

    public static final String[] ODD = {
        "CREATE TABLE strings (id INT PRIMARY KEY, a VARCHAR(200), b TEXT CHARACTER SET latin1, c CHAR(10),"
            + " d MEDIUMTEXT, e TINYTEXT CHARACTER SET ucs2)",
        "INSERT INTO strings VALUES (1, 'it''s \\\\ \"q\" \\n \\r \\t \\0 \\Z end', 'Ærø ñ', 'pad  ', '', 'Ω'),"
            + " (2, 'INSERT INTO `strings` VALUES (1);\\nUNLOCK TABLES;\\n', NULL, NULL, NULL, NULL),"
            + " (3, '),(', ''';', ' ', CONCAT('line', CHAR(10), 'LOCK TABLES `x` WRITE;'), '0x00'),"
            + " (4, '\\\\%\\\\_', 'a\\\\b', 'x', REPEAT('🦆é', 50000), NULL)",
        "CREATE TABLE numbers (id BIGINT PRIMARY KEY AUTO_INCREMENT, t TINYINT, s SMALLINT UNSIGNED,"
            + " m MEDIUMINT, n DECIMAL(30,10), f FLOAT(7,3), d DOUBLE, y YEAR, t4 INET4, b1 BIT(1), b64 BIT(64))",
        "INSERT INTO numbers (t, s, m, n, f, d, y, t4, b1, b64) VALUES (-128, 65535, -8388608,"
            + " -12345678901234567890.0123456789, 1234.5, -2.5e-10, 2155, '10.0.0.1', b'1', b'1111111111111111111'),"
            + " (0, 0, 0, 0, 0, 0, 1901, '0.0.0.0', b'0', b'0'), (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
            + " NULL, NULL), (1, 2, 3, 4.5, -0.001, 1e100, 0, '255.255.255.255', b'1', 18446744073709551615)",
        "CREATE TABLE binaries (id INT PRIMARY KEY, b VARBINARY(300), l LONGBLOB, f BINARY(3), t TINYBLOB)",
        "INSERT INTO binaries VALUES (1, x'00275c0a0d1a22', RANDOM_BYTES(1024), x'', x'ff'),"
            + " (2, '', NULL, NULL, ''), (3, RANDOM_BYTES(300), REPEAT(x'5c27', 100000), x'0102', NULL)",
        "CREATE TABLE empty (id INT)",
        "CREATE TABLE only_generated (id INT AS (1) VIRTUAL)",
        "CREATE TABLE shapes (id INT, g GEOMETRY, l LINESTRING, p POLYGON, mp MULTIPOINT, gc GEOMETRYCOLLECTION)",
        "INSERT INTO shapes VALUES (1, ST_GeomFromText('POINT(1 1)', 4326), ST_GeomFromText('LINESTRING(0 0,1 2)'),"
            + " ST_GeomFromText('POLYGON((0 0,1 0,1 1,0 0))'), ST_GeomFromText('MULTIPOINT(1 1,2 2)'),"
            + " ST_GeomFromText('GEOMETRYCOLLECTION(POINT(1 1))')), (2, NULL, NULL, NULL, NULL, NULL)",
        "CREATE TABLE many (id INT PRIMARY KEY, v VARCHAR(100), at DATETIME(6), b BLOB)",
        "INSERT INTO many SELECT seq, CONCAT('row ', seq, '''\\\\'), '2024-01-01' + INTERVAL seq SECOND,"
            + " IF(seq % 3 = 0, NULL, RANDOM_BYTES(seq % 50)) FROM seq_1_to_30000"};

    private static InputStream dump(TestDatabase db) throws Exception {
        List<String> command = new ArrayList<>(List.of("mariadb-dump", "-h" + TestServers.MARIADB_HOST,
                "-P" + TestServers.MARIADB_PORT, "-u" + TestServers.MARIADB_USER));
        // The native method's own options, so that the rows are read in the form its dumps have.
        command.addAll(MariaDbNativeMethod.DUMP_OPTIONS);
        command.addAll(List.of("--", db.name()));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] bytes = p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).as(new String(bytes, 0, Math.min(bytes.length, 2000), StandardCharsets.UTF_8))
                .isZero();
        return new ByteArrayInputStream(bytes);
    }
}
