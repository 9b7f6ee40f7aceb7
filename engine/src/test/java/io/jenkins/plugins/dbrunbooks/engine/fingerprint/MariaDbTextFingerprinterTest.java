package io.jenkins.plugins.dbrunbooks.engine.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class MariaDbTextFingerprinterTest {

    /** Types whose text depends on a session setting or on how the value got in, and columns left out or hidden. */
    public static final String[] MIXED = {
        "CREATE TABLE mixed (id INT PRIMARY KEY, f FLOAT, d DOUBLE, n DECIMAL(12,4), u BIGINT UNSIGNED,"
            + " z INT(6) ZEROFILL, ts TIMESTAMP(3) NULL, dt DATETIME(6), d0 DATE, t TIME(2), y YEAR, b BIT(10),"
            + " bin BINARY(4), vb VARBINARY(20), bl BLOB, c CHAR(6), v VARCHAR(40), l1 TEXT CHARACTER SET latin1,"
            + " j JSON, lt LONGTEXT, e ENUM('a','b'), s SET('x','y'), uu UUID, ip INET6, p POINT,"
            + " hidden INT INVISIBLE, twice INT AS (id * 2) VIRTUAL, label VARCHAR(20) AS (CONCAT('n', id)) STORED)",
        "SET time_zone = '+05:00'",
        "INSERT INTO mixed (id, f, d, n, u, z, ts, dt, d0, t, y, b, bin, vb, bl, c, v, l1, j, lt, e, s, uu, ip, p,"
            + " hidden) VALUES (1, 3.1415927, 0.1, 12345678.1234, 18446744073709551615, 42,"
            + " '2024-03-31 02:30:00.125', '2024-01-02 03:04:05.000001', '0000-00-00', '-838:59:59', 1999,"
            + " b'1010000001', x'00ff0010', x'', x'deadbeef00', 'ab  ', 'zwölf 🦆', 'café',"
            + " '{\"a\": [1, 2.50]}', REPEAT('long ', 20000), 'b', 'x,y', '123e4567-e89b-12d3-a456-426614174000',"
            + " '2001:db8::1', POINT(1.5, -2), 7)",
        "INSERT INTO mixed (id, f, d, c, v, bin, s) VALUES (2, 1e-30, 1.7976931348623157e308, '', '', NULL, '')",
        "INSERT INTO mixed (id) VALUES (3)",
        "CREATE TABLE history (id INT PRIMARY KEY, amount INT) WITH SYSTEM VERSIONING",
        "INSERT INTO history VALUES (1, 10), (2, 20)",
        "CREATE TABLE periods (id INT PRIMARY KEY, amount INT, since TIMESTAMP(6) AS ROW START INVISIBLE,"
            + " upto TIMESTAMP(6) AS ROW END INVISIBLE, PERIOD FOR SYSTEM_TIME(since, upto)) WITH SYSTEM VERSIONING",
        "INSERT INTO periods (id, amount) VALUES (1, 10), (2, 20)",
        "CREATE TABLE `odd ``name`` t` (`odd ``col`` c` VARCHAR(5))",
        "INSERT INTO `odd ``name`` t` VALUES ('a'), ('a'), (NULL)",
        "CREATE VIEW v AS SELECT id FROM mixed"};

    /** The same rows in a copy made by mariadb-dump and the client, and read in other session settings. */
    @Test
    public void shouldGiveTheSameFingerprintsForTheSameDataMadeDifferently() throws Exception {
        try (TestDatabase source = TestServers.newMariaDbDatabase();
                TestDatabase copy = TestServers.newMariaDbDatabase()) {
            source.execute(MIXED);
            // History the copy does not have.
            source.execute("UPDATE history SET amount = 11 WHERE id = 1", "UPDATE periods SET amount = 21 WHERE id = 2",
                    "UPDATE periods SET amount = 20 WHERE id = 2");
            dumpAndLoad(source, copy);

            DataFingerprints original;
            DataFingerprints restored;
            try (Connection c = source.connect()) {
                original = new MariaDbTextFingerprinter().take(c);
            }
            try (Connection c = copy.connect(); Connection other = copy.connect()) {
                for (Connection each : List.of(c, other)) {
                    try (Statement s = each.createStatement()) {
                        s.execute("SET time_zone = '-07:00', sql_mode = 'PAD_CHAR_TO_FULL_LENGTH,ANSI_QUOTES'");
                    }
                }
                restored = new MariaDbTextFingerprinter().take(List.of(c, other), null);
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT @@session.time_zone, @@session.sql_mode")) {
                    rs.next();
                    assertThat(rs.getString(1)).as("settings put back").isEqualTo("-07:00");
                    assertThat(rs.getString(2)).isEqualTo("ANSI_QUOTES,PAD_CHAR_TO_FULL_LENGTH");
                }
            }

            assertThat(original.scheme()).isEqualTo(MariaDbTextFingerprinter.SCHEME);
            assertThat(original.tables().keySet()).as("views left out")
                    .containsExactlyInAnyOrder("mixed", "history", "periods", "odd `name` t");
            assertThat(original.tables().get("mixed").rows()).isEqualTo(3);
            assertThat(original.tables().get("history").rows()).as("current rows only").isEqualTo(2);
            assertThat(restored).isEqualTo(original);
        }
    }

    @Test
    public void shouldChangeTheChecksumWithAValue() throws Exception {
        List<String> changes = List.of("UPDATE mixed SET ts = ts + INTERVAL 1 HOUR WHERE id = 1",
                "UPDATE mixed SET b = b'1010000000' WHERE id = 1", "UPDATE mixed SET bin = x'00ff0011' WHERE id = 1",
                "UPDATE mixed SET c = 'ab' WHERE id = 2", "UPDATE mixed SET hidden = 8 WHERE id = 1",
                "UPDATE mixed SET v = NULL WHERE id = 2", "UPDATE mixed SET lt = CONCAT(lt, '.') WHERE id = 1",
                "UPDATE mixed SET d = 0.1 + 1e-16 WHERE id = 1", "UPDATE mixed SET f = 3.14158 WHERE id = 1");
        try (TestDatabase db = TestServers.newMariaDbDatabase(); Connection c = db.connect()) {
            db.execute(MIXED);
            List<String> checksums = new ArrayList<>();
            checksums.add(new MariaDbTextFingerprinter().take(c).tables().get("mixed").checksum());
            for (String change : changes) {
                db.execute(change);
                TableFingerprint after = new MariaDbTextFingerprinter().take(c).tables().get("mixed");
                assertThat(after.rows()).isEqualTo(3);
                assertThat(checksums).as(change).doesNotContain(after.checksum());
                checksums.add(after.checksum());
            }
        }
    }

    /** The documented row bytes: each value's length (-1 for NULL) and bytes, hashed with XXH64, summed. */
    @Test
    public void shouldSumTheXxh64OfLengthPrefixedValues() throws Exception {
        try (TestDatabase db = TestServers.newMariaDbDatabase(); Connection a = db.connect();
                Connection b = db.connect()) {
            db.execute("CREATE TABLE small (id INT, name VARCHAR(10), at DATETIME)",
                    "INSERT INTO small VALUES (1, 'one', '2024-01-02 03:04:05'), (-20, NULL, NULL), (3, '', NULL)",
                    "CREATE TABLE other (x INT)", "INSERT INTO other SELECT seq FROM seq_1_to_5000");
            long expected = rowHash("1", "one", "2024-01-02 03:04:05") + rowHash("-20", null, null)
                    + rowHash("3", "", null);

            DataFingerprints one = new MariaDbTextFingerprinter().take(a);
            DataFingerprints two = new MariaDbTextFingerprinter().take(List.of(a, b), null);

            assertThat(one.tables().get("small")).isEqualTo(new TableFingerprint(3, RowSum.hex(expected)));
            assertThat(two).isEqualTo(one);
            assertThat(new MariaDbTextFingerprinter().take(List.of(a, b), List.of("other")).tables())
                    .containsOnlyKeys("other").containsEntry("other", one.tables().get("other"));
        }
    }

    private static long rowHash(String... values) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (String value : values) {
            byte[] text = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
            out.writeInt(text == null ? -1 : text.length);
            if (text != null) {
                out.write(text);
            }
        }
        return Xxh64.hash(bytes.toByteArray(), 0, bytes.size());
    }

    private static void dumpAndLoad(TestDatabase from, TestDatabase to) throws Exception {
        String login = " -h" + TestServers.MARIADB_HOST + " -P" + TestServers.MARIADB_PORT + " -u"
                + TestServers.MARIADB_USER;
        Process p = new ProcessBuilder("sh", "-c", "mariadb-dump" + login + " --single-transaction --hex-blob"
                + " --default-character-set=utf8mb4 " + from.name() + " | mariadb" + login + " --binary-mode "
                + to.name()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
    }
}
