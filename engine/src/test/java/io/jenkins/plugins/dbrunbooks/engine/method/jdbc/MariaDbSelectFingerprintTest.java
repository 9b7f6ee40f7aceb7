package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.fingerprint.DataFingerprints;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.MariaDbDumpRowsTest;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.MariaDbTextFingerprinter;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.MariaDbTextFingerprinterTest;
import io.jenkins.plugins.dbrunbooks.engine.method.BackupReceipt;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.method.RestoreOptions;
import io.jenkins.plugins.dbrunbooks.engine.testing.JdbcMethods;
import io.jenkins.plugins.dbrunbooks.engine.testing.RecordingListener;
import io.jenkins.plugins.dbrunbooks.engine.testing.StreamSource;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The jdbc backup of MariaDB sums each table's fingerprint from the rows it reads for the backup: the sums must be
 * the fingerprinter's own, on the source and on a restored copy, for every type, and tables whose session settings
 * would give other text must be left to the fingerprinter's SELECT.
 */
public class MariaDbSelectFingerprintTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final RecordingListener listener = new RecordingListener();

    /** Types whose text differs by declaration: zerofill, fixed decimals, fractions, charsets, flags. */
    static final String[] MORE = {
        "CREATE TABLE more_types (id INT PRIMARY KEY, zi INT(6) ZEROFILL, zb BIGINT(20) UNSIGNED ZEROFILL,"
            + " dd DOUBLE(10,2), dz DECIMAL(10,2) ZEROFILL, fz FLOAT(7,3), fd FLOAT, dz0 DOUBLE ZEROFILL,"
            + " flag TINYINT(1), y YEAR, ts TIMESTAMP(6) NULL, ts0 TIMESTAMP NULL, dt DATETIME(3), t6 TIME(6),"
            + " b64 BIT(64), j JSON, l1 CHAR(5) CHARACTER SET latin1, u8 VARCHAR(20) CHARACTER SET utf8mb3,"
            + " gb VARCHAR(10) CHARACTER SET gbk, vb VARBINARY(8), m MEDIUMBLOB, e ENUM('é','b'),"
            + " s SET('x','ÿ'), secret VARCHAR(5) INVISIBLE, g INT AS (id + 1) VIRTUAL,"
            + " gs VARCHAR(30) AS (CONCAT(u8, '|', id)) STORED, dbig DECIMAL(65,30), dneg DECIMAL(18,4))",
        "INSERT INTO more_types (id, zi, zb, dd, dz, fz, fd, dz0, flag, y, ts, ts0, dt, t6, b64, j, l1, u8, gb, vb, m,"
            + " e, s, secret) VALUES (1, 7, 18446744073709551615, 1.5, 3.5, 1234.5, 0.1, 2.5e-10, 5, 2024,"
            + " '2024-02-29 23:59:59.000001', '1970-01-01 00:00:01', '2024-01-01 00:00:00.001', '-12:00:00.5',"
            + " 18446744073709551615, '{\"k\": \"v ✓\", \"n\": [1e3, -0.0]}', 'Ærø', 'zwölf', '中文', x'0001',"
            + " x'00ff', 'é', 'x,ÿ', 'hid')",
        "INSERT INTO more_types (id, dd, fd, flag, ts, t6, l1, u8) VALUES (2, -0.005, 3.40282e38, -128,"
            + " '2038-01-19 03:14:07.999999', '838:59:59.999999', '', 'tab\\there')",
        "INSERT INTO more_types (id) VALUES (3)",
        "UPDATE more_types SET dbig = -12345678901234567890123456789012345.123456789012345678901234567890,"
            + " dneg = -99999999999999.9999 WHERE id = 1",
        "UPDATE more_types SET dbig = 0.000000000000000000000000000001, dneg = -0.0001 WHERE id = 2",
        "INSERT INTO more_types (id, fd, dd) SELECT 3 + seq, seq / 7, seq / 3 FROM seq_1_to_2000"};

    /** Whole numbers at their bounds, whose hashed digits come from the values the backup read. */
    static final String[] WHOLE = {
        "CREATE TABLE whole_numbers (id INT PRIMARY KEY, t TINYINT, tu TINYINT UNSIGNED, s SMALLINT,"
            + " su SMALLINT UNSIGNED, m MEDIUMINT, mu MEDIUMINT UNSIGNED, i INT, iu INT UNSIGNED, b BIGINT,"
            + " bz BIGINT(5) ZEROFILL, d4 INT(4), y YEAR)",
        "INSERT INTO whole_numbers VALUES (1, -128, 255, -32768, 65535, -8388608, 16777215, -2147483648,"
            + " 4294967295, -9223372036854775808, 42, 123456, 0),"
            + " (2, 127, 0, 32767, 0, 8388607, 0, 2147483647, 0, 9223372036854775807, 0, -1, 1901),"
            + " (3, 0, NULL, -1, NULL, -10, NULL, 10, NULL, -1000000000000, NULL, NULL, NULL)"};

    private MethodContext context(TestDatabase db, String url) {
        return new MethodContext(url, db.login(), null, tmp.getRoot().toPath().resolve("work"), listener);
    }

    private BackupReceipt backup(MethodContext context, ByteArrayOutputStream out) {
        return JdbcMethods.mariaDb(2).backup(context, out);
    }

    private static DataFingerprints selected(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            return new MariaDbTextFingerprinter().take(c);
        }
    }

    @Test
    public void shouldSumTheFingerprinterValuesFromTheRowsItReadsAndMatchTheRestoredCopy() throws Exception {
        try (TestDatabase source = TestServers.newMariaDbDatabase();
                TestDatabase target = TestServers.newMariaDbDatabase()) {
            source.execute(MariaDbTextFingerprinterTest.MIXED);
            source.execute(MariaDbDumpRowsTest.ODD);
            source.execute(MORE);
            source.execute(WHOLE);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BackupReceipt receipt = backup(context(source, source.url()), out);

            DataFingerprints taken = receipt.fingerprints();
            DataFingerprints expected = selected(source);
            assertThat(taken.scheme()).isEqualTo(MariaDbTextFingerprinter.SCHEME);
            assertThat(taken.tables().keySet()).contains("mixed", "strings", "numbers", "binaries", "shapes", "many",
                    "more_types", "empty", "only_generated", "odd `name` t", "whole_numbers");
            for (String table : taken.tables().keySet()) {
                assertThat(taken.tables().get(table)).as(table).isEqualTo(expected.tables().get(table));
            }
            assertThat(taken.tables().get("more_types").rows()).isEqualTo(2003);
            // Only the table of generated columns alone is read a second time (system-versioned ones are not carried).
            assertThat(listener.messages).contains("Not carried: system-versioned table history, system-versioned"
                    + " table periods", "Taking data fingerprints of 1 table not hashed as they were read in the"
                    + " backup's snapshot");

            JdbcMethods.mariaDb().restore(context(target, target.url()),
                    StreamSource.of(new ByteArrayInputStream(out.toByteArray())), RestoreOptions.defaults());
            DataFingerprints restored = selected(target);
            for (String table : taken.tables().keySet()) {
                assertThat(restored.tables().get(table)).as("restored " + table)
                        .isEqualTo(taken.tables().get(table));
            }
        }
    }

    /**
     * Sessions whose text differs from the fingerprinter's: in another time zone the tables with a TIMESTAMP are
     * read again, the others still summed; where CHAR values are padded every table is read again. Either way the
     * fingerprints are the fingerprinter's.
     */
    @Test
    public void shouldLeaveToTheFingerprinterWhatTheSessionWouldReadOtherwise() throws Exception {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            source.execute(MORE);
            source.execute("CREATE TABLE plain (id INT PRIMARY KEY, c CHAR(4), d DATETIME)",
                    "INSERT INTO plain VALUES (1, 'a', '2024-01-01 10:00:00'), (2, NULL, NULL)");
            DataFingerprints expected = selected(source);

            String zoned = source.url() + (source.url().contains("?") ? "&" : "?")
                    + "sessionVariables=time_zone='-07:00'";
            DataFingerprints taken = backup(context(source, zoned), new ByteArrayOutputStream()).fingerprints();
            assertThat(taken.tables()).isEqualTo(expected.tables());
            assertThat(listener.messages).contains("Taking data fingerprints of 1 table not hashed as they were read"
                    + " in the backup's snapshot");

            listener.messages.clear();
            String padded = source.url() + (source.url().contains("?") ? "&" : "?")
                    + "sessionVariables=sql_mode='PAD_CHAR_TO_FULL_LENGTH'";
            taken = backup(context(source, padded), new ByteArrayOutputStream()).fingerprints();
            assertThat(taken.tables()).isEqualTo(expected.tables());
            assertThat(listener.messages).contains("Taking data fingerprints of 2 tables in the backup's snapshot");
        }
    }
}
