package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupResult;
import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.mariadb.MariaDbNativeMethodTest;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreOperation;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreRequest;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.Queries;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Consumer;
import java.util.Random;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * MariaDB values the driver's plain conversions would lose or change, carried from MariaDB to MariaDB unchanged,
 * through LOAD DATA and through the batched INSERTs alike, and refused on their way into an engine that cannot hold
 * them.
 */
public class MariaDbFidelityTest {
    /** The restore's sessions run with zero dates forbidden, as many servers are configured. */
    private static final String NO_ZERO_DATES = "?sessionVariables=sql_mode=TRADITIONAL";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private EngineFixture fixture(String sourceUrl, String... targets) {
        EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), TestServers.mariaDbLogin())
                .environment("qa", EngineFixture.database("orders", sourceUrl, MethodChoice.JDBC));
        for (int i = 0; i < targets.length; i++) {
            fixture.environment("dev" + i, EngineFixture.database("copy", targets[i], MethodChoice.NATIVE));
        }
        return fixture;
    }

    private static BackupResult backup(EngineFixture fixture) {
        return new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
    }

    /**
     * Restores the last backup of {@code fixture}'s {@code orders} into a new database beside {@code source}, checks
     * it with the copy's URL, and drops it.
     */
    private static void inRestoredCopy(EngineFixture fixture, TestDatabase source, Consumer<String> check) {
        String copy = source.name() + "_copy";
        try {
            new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders").intoNew(copy));
            check.accept(TestServers.mariaDbUrl(copy));
        } finally {
            TestServers.dropMariaDb(copy);
        }
    }

    /** The columns every table of the test has; {@code via_insert} adds a SET, which LOAD DATA leaves alone. */
    private static final String COLUMNS = "id INT PRIMARY KEY, f FLOAT, g DOUBLE, tm TIME(6), t0 TIME,"
            + " d DATE DEFAULT '0000-00-00', dt DATETIME(6), ts TIMESTAMP NULL, b1 BIT(1), b10 BIT(10), b64 BIT(64),"
            + " yr YEAR, flag TINYINT(1), bool BOOLEAN, dt3 DATETIME(3), ts3 TIMESTAMP(3) NULL";

    @Test
    public void shouldKeepEveryAwkwardMariaDbValueIdentical() throws Exception {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            try (Connection c = source.connect(); Statement s = c.createStatement()) {
                s.execute("SET SESSION sql_mode = ''");
                s.execute("CREATE TABLE via_load (" + COLUMNS + ")");
                s.execute("CREATE TABLE via_insert (" + COLUMNS + ", tags SET('x','y'))");
                for (String table : List.of("via_load", "via_insert")) {
                    s.execute("INSERT INTO " + table + " (id, f, g, tm, t0, d, dt, ts, b1, b10, b64, yr, flag, bool)"
                            + " VALUES (1, 0.1, 0.1, '-838:59:59.999999', '838:59:59', '0000-00-00',"
                            + " '0000-00-00 00:00:00', '0000-00-00 00:00:00', b'1', b'1100000101',"
                            + " 18446744073709551615, 0, 5, -128),"
                            + " (2, 16777215, -2.2250738585072014e-308, '-10:00:00', '24:00:00', '2024-02-00',"
                            + " '2024-00-00 10:11:12.123456', '2038-01-19 03:14:07', b'0', b'0', 0, 1901, -1, 127),"
                            + " (3, 3.4028234e38, 1.7976931348623157e308, '-00:00:00.000001', '00:00:00',"
                            + " '0000-01-01', '2024-02-00 23:59:59.999999', NULL, NULL, b'1111111111',"
                            + " 9223372036854775808, 2155, 1, 0),"
                            + " (4, NULL, NULL, '100:00:00.5', '-00:00:01', '2024-00-10', '0000-00-10 00:00:00.000001',"
                            + " '1970-01-02 00:00:00', b'1', NULL, 1, NULL, 0, NULL),"
                            // Fractions with leading zeros, which the driver's own text drops (.001 as .1000).
                            + " (5, NULL, NULL, '00:00:01.000100', '-00:00:00', '2021-01-01',"
                            + " '2021-01-01 00:00:11.001000', '2021-01-01 00:00:11', NULL, NULL, NULL, NULL, NULL,"
                            + " NULL)");
                    s.execute("UPDATE " + table + " SET dt3 = '2021-01-01 00:00:11.001', ts3 = '2021-01-01 00:00:11.010'"
                            + " WHERE id = 5");
                }
                // Floats and doubles of every exponent and 24 (53) significant bits.
                Random random = new Random(42);
                for (String table : List.of("via_load", "via_insert")) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (id, f, g)"
                            + " VALUES (?, ?, ?)")) {
                        for (int i = 10; i < 2010; i++) {
                            float f;
                            double g;
                            do {
                                f = Float.intBitsToFloat(random.nextInt());
                            } while (!Float.isFinite(f));
                            do {
                                g = Double.longBitsToDouble(random.nextLong());
                            } while (!Double.isFinite(g));
                            ps.setInt(1, i);
                            ps.setDouble(2, f);
                            ps.setDouble(3, g);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                }
            }
            if (query(source.url(), "SELECT COUNT(*) FROM via_load WHERE f + 0e0 <> ROUND(f, 5 - FLOOR(LOG10(ABS(f))))"
                    + " AND f <> 0").get(0).equals("0")) {
                throw new AssertionError("the floats should need more than 6 digits");
            }
            EngineFixture fixture = fixture(source.url());
            BackupResult backup = backup(fixture);
            assertThat(backup.manifest().rowCounts()).containsEntry("via_load", 2005L).containsEntry("via_insert",
                    2005L);
            // The restore connects with the source's URL and options: here with zero dates forbidden.
            EngineFixture strict = fixture(source.url() + NO_ZERO_DATES);
            inRestoredCopy(strict, source, target -> {
                for (String table : List.of("via_load", "via_insert")) {
                    // Temporal values as the server writes them, not as the driver re-formats them.
                    String values = "SELECT id, f + 0e0, g, CAST(tm AS CHAR), CAST(t0 AS CHAR), CAST(d AS CHAR),"
                            + " CAST(dt AS CHAR), CAST(ts AS CHAR), HEX(b1), HEX(b10), HEX(b64), yr, flag, bool,"
                            + " CAST(dt3 AS CHAR), CAST(ts3 AS CHAR) FROM " + table + " ORDER BY id";
                    assertThat(query(target, values)).isEqualTo(query(source.url(), values)).hasSize(2005 * 16)
                            .startsWith("1", "0.10000000149011612", "0.1", "-838:59:59.999999", "838:59:59",
                                    "0000-00-00", "0000-00-00 00:00:00.000000", "0000-00-00 00:00:00", "1", "305",
                                    "FFFFFFFFFFFFFFFF", "0000", "5", "-128");
                    assertThat(query(target, "SHOW CREATE TABLE " + table))
                            .isEqualTo(query(source.url(), "SHOW CREATE TABLE " + table));
                    assertThat(query(target, "CHECKSUM TABLE " + table).get(1))
                            .isEqualTo(query(source.url(), "CHECKSUM TABLE " + table).get(1)).isNotNull();
                }
            });
        }
    }

    /**
     * Foreign keys no index serves (see {@link MariaDbNativeMethodTest}): each gets the plain index MariaDB makes for
     * one, named after the constraint, also where a FULLTEXT index already has that name, as with {@code native}.
     */
    @Test
    public void shouldGiveAForeignKeyWithoutAnIndexInnoDbCanUseTheOneMariaDbMakesForIt() {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            source.execute(MariaDbNativeMethodTest.FOREIGN_KEYS_WITHOUT_INDEXES);
            EngineFixture fixture = fixture(source.url());
            backup(fixture);
            inRestoredCopy(fixture, source, target -> {
                List<String> tables = List.of("authors", "books", "notes", "reviews", "loose");
                assertThat(tables.stream().flatMap(t -> query(target, "SHOW CREATE TABLE " + t).stream()).toList())
                        .isEqualTo(MariaDbNativeMethodTest.withForeignKeyIndexes(tables.stream()
                                .flatMap(t -> query(source.url(), "SHOW CREATE TABLE " + t).stream()).toList()));
                String rows = "SELECT * FROM notes";
                assertThat(query(target, rows)).isEqualTo(query(source.url(), rows)).containsExactly("1", "Bo");
            });
        }
    }

    /**
     * Rows that break their table's checks (see {@link MariaDbNativeMethodTest}) load, through LOAD DATA and the
     * batched INSERTs, and the checks and keys are added and the AUTO_INCREMENT given after them, on the restore's
     * connections alone: the copy's checks refuse a new row that breaks them.
     */
    @Test
    public void shouldRestoreRowsThatBreakTheirTablesChecksAsTheSourceHoldsThem() {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            source.execute(MariaDbNativeMethodTest.ROWS_BREAKING_CHECKS);
            EngineFixture fixture = fixture(source.url());
            backup(fixture);
            inRestoredCopy(fixture, source, target -> {
                for (String table : List.of("t", "c", "u")) {
                    assertThat(query(target, "SHOW CREATE TABLE " + table))
                            .isEqualTo(query(source.url(), "SHOW CREATE TABLE " + table));
                    assertThat(query(target, "SELECT * FROM " + table)).isEqualTo(query(source.url(),
                            "SELECT * FROM " + table));
                    assertThat(query(target, "CHECKSUM TABLE " + table).get(1))
                            .isEqualTo(query(source.url(), "CHECKSUM TABLE " + table).get(1)).isNotNull();
                }
                assertThat(query(target, "SELECT a FROM t ORDER BY id")).containsExactly("-5", "5");
                assertThatThrownBy(() -> TestServers.execute(target, TestServers.MARIADB_USER,
                        "INSERT INTO t VALUES (3, -1)")).hasMessageContaining("CONSTRAINT `pos` failed");
            });
        }
    }

    /** Spatial values of every type, with and without an SRID and NULL, come back byte for byte. */
    @Test
    public void shouldKeepSpatialValuesByteForByte() {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            source.execute("CREATE TABLE places (id INT PRIMARY KEY, g GEOMETRY, p POINT NOT NULL, l LINESTRING,"
                    + " a POLYGON, mp MULTIPOINT, ml MULTILINESTRING, ma MULTIPOLYGON, c GEOMETRYCOLLECTION,"
                    // The server says a SPATIAL index's column has a length of 32, which it does not take back.
                    + " SPATIAL KEY by_p (p))",
                    "INSERT INTO places VALUES (1, ST_GeomFromText('POINT(1.5 -2.25)', 4326), POINT(0.1, 1e-300),"
                            + " ST_GeomFromText('LINESTRING(0 0, 1 1, 2 0.333333333333333)'),"
                            + " ST_GeomFromText('POLYGON((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 2 1, 2 2, 1 1))'),"
                            + " ST_GeomFromText('MULTIPOINT(1 1, 2 2)'),"
                            + " ST_GeomFromText('MULTILINESTRING((0 0, 1 1), (2 2, 3 3))'),"
                            + " ST_GeomFromText('MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)))'),"
                            + " ST_GeomFromText('GEOMETRYCOLLECTION(POINT(1 2), LINESTRING(0 0, 1 1))', 3857)),"
                            + " (2, NULL, POINT(-180, 90), NULL, NULL, NULL, NULL, NULL, NULL)");
            EngineFixture fixture = fixture(source.url());
            backup(fixture);
            String copy = source.name() + "_geo";
            try {
                new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders").intoNew(copy));
                String values = "SELECT id, HEX(g), HEX(p), HEX(l), HEX(a), HEX(mp), HEX(ml), HEX(ma), HEX(c),"
                        + " ST_SRID(g), ST_SRID(c) FROM places ORDER BY id";
                assertThat(query(TestServers.mariaDbUrl(copy), values)).isEqualTo(query(source.url(), values))
                        .contains("4326", "3857");
                assertThat(query(TestServers.mariaDbUrl(copy), "SHOW CREATE TABLE places"))
                        .isEqualTo(query(source.url(), "SHOW CREATE TABLE places"));
            } finally {
                TestServers.dropMariaDb(copy);
            }
        }
    }

    @Test
    public void shouldRecreateGeneratedAndInvisibleColumnsAndLoadNoValuesIntoThem() {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            String columns = "id INT PRIMARY KEY, a INT, doubled INT AS (a * 2) VIRTUAL INVISIBLE COMMENT 'twice',"
                    + " label VARCHAR(20) AS (CONCAT('n', a)) STORED, secret INT INVISIBLE DEFAULT 3,"
                    + " KEY by_label (label)";
            source.execute("CREATE TABLE via_load (" + columns + ")",
                    "CREATE TABLE via_insert (" + columns + ", tags SET('x','y'))",
                    "INSERT INTO via_load (id, a, secret) SELECT seq, seq * 10, seq FROM seq_1_to_100",
                    "INSERT INTO via_insert (id, a, secret, tags) SELECT seq, seq * 10, seq, 'x' FROM seq_1_to_100");
            EngineFixture fixture = fixture(source.url());
            backup(fixture);
            inRestoredCopy(fixture, source, target -> {
                for (String table : List.of("via_load", "via_insert")) {
                    assertThat(query(target, "SHOW CREATE TABLE " + table))
                            .isEqualTo(query(source.url(), "SHOW CREATE TABLE " + table));
                    String values = "SELECT id, a, doubled, label, secret FROM " + table + " ORDER BY id";
                    assertThat(query(target, values)).isEqualTo(query(source.url(), values)).hasSize(500)
                            .startsWith("1", "10", "20", "n10", "1");
                    // SELECT * leaves the invisible columns out, as in the source.
                    assertThat(query(target, "SELECT * FROM " + table + " WHERE id = 2"))
                            .isEqualTo(query(source.url(), "SELECT * FROM " + table + " WHERE id = 2"));
                }
                // Values loaded into a generated column would have failed (error 1906); the columns compute again.
                TestServers.execute(target, TestServers.MARIADB_USER, "UPDATE via_load SET a = 7 WHERE id = 1");
                assertThat(query(target, "SELECT doubled, label FROM via_load WHERE id = 1"))
                        .containsExactly("14", "n7");
            });
        }
    }

    @Test
    public void shouldKeepCharacterSetsCollationsSetsEnumsJsonAndWideNumbers() {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            String columns = "id INT PRIMARY KEY, code VARCHAR(10) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,"
                    + " old VARCHAR(10) CHARACTER SET latin1 COLLATE latin1_swedish_ci, emoji TEXT,"
                    + " e ENUM('a','B','c d'), j JSON, ubig BIGINT UNSIGNED, wide DECIMAL(65,30),"
                    + " UNIQUE KEY by_code (code)";
            source.execute("CREATE TABLE via_load (" + columns + ")",
                    "CREATE TABLE via_insert (" + columns + ", tags SET('x','y','z'))",
                    // 'a' and 'A' are different codes only under utf8mb4_bin.
                    "INSERT INTO via_load VALUES (1, 'a', 'Grüße', '😀 𝄞 four bytes', 'B', '{\"k\": [1, 2.5e10]}',"
                            + " 18446744073709551615, '-12345678901234567890123456789012345.123456789012345678901234567891'),"
                            + " (2, 'A', NULL, '', 'c d', '[]', 9223372036854775808, 0)",
                    "INSERT INTO via_insert SELECT *, 'x,z' FROM via_load WHERE id = 1",
                    "INSERT INTO via_insert SELECT *, '' FROM via_load WHERE id = 2");
            EngineFixture fixture = fixture(source.url());
            backup(fixture);
            inRestoredCopy(fixture, source, target -> {
                for (String table : List.of("via_load", "via_insert")) {
                    assertThat(query(target, "SHOW CREATE TABLE " + table))
                            .isEqualTo(query(source.url(), "SHOW CREATE TABLE " + table));
                    assertThat(query(target, "CHECKSUM TABLE " + table).get(1))
                            .isEqualTo(query(source.url(), "CHECKSUM TABLE " + table).get(1)).isNotNull();
                    String values = "SELECT * FROM " + table + " ORDER BY id";
                    assertThat(query(target, values)).isEqualTo(query(source.url(), values));
                }
            });
        }
    }

    @Test
    public void shouldKeepATextColumnCheckedAsJsonAsTheTextItIs() {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            // A JSON column is a utf8mb4_bin LONGTEXT with this check; a TEXT column with the same check is not one.
            source.execute("CREATE TABLE docs (id INT PRIMARY KEY, doc JSON,"
                            + " body TEXT CHARACTER SET latin1 CHECK (json_valid(body)),"
                            + " loose LONGTEXT CHECK (json_valid(loose)))",
                    "INSERT INTO docs VALUES (1, '{\"a\": 1}', '[\"Müller\"]', '{}')");
            EngineFixture fixture = fixture(source.url());
            backup(fixture);
            inRestoredCopy(fixture, source, target -> {
                assertThat(query(target, "SHOW CREATE TABLE docs")).isEqualTo(query(source.url(), "SHOW CREATE TABLE docs"));
                assertThat(query(target, "SELECT * FROM docs")).isEqualTo(query(source.url(), "SELECT * FROM docs"));
                assertThatThrownBy(() -> TestServers.execute(target, TestServers.MARIADB_USER,
                        "INSERT INTO docs (id, body) VALUES (2, 'not json')")).hasMessageContaining("body");
            });
        }
    }

    @Test
    public void shouldKeepTheAlgorithmOfIndexesThatAreNotTheirEnginesDefault() {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            // A MEMORY table's indexes are HASH unless said otherwise; a HASH index on a prefix was written
            // CREATE HASH INDEX, which MariaDB does not take.
            source.execute("CREATE TABLE lookup (id INT NOT NULL, code VARCHAR(40) NOT NULL, KEY by_code (code(4))"
                            + " USING HASH, KEY by_id (id) USING BTREE, KEY plain_id (id)) ENGINE = MEMORY",
                    "INSERT INTO lookup VALUES (1, 'alpha'), (2, 'beta')",
                    // On InnoDB, a unique key said USING HASH is a long unique key, kept by a hidden hash column.
                    "CREATE TABLE stamps (id INT PRIMARY KEY, at TIMESTAMP NULL, UNIQUE KEY by_at (at) USING HASH)",
                    "INSERT INTO stamps VALUES (1, '2024-01-01 00:00:00'), (2, NULL)");
            EngineFixture fixture = fixture(source.url());
            backup(fixture);
            inRestoredCopy(fixture, source, target -> {
                String indexes = "SELECT INDEX_NAME, INDEX_TYPE, SUB_PART FROM information_schema.STATISTICS"
                        + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'lookup' ORDER BY INDEX_NAME";
                assertThat(query(target, indexes)).isEqualTo(query(source.url(), indexes))
                        .containsExactly("by_code", "HASH", "4", "by_id", "BTREE", null, "plain_id", "HASH", null);
                String values = "SELECT * FROM lookup ORDER BY id";
                assertThat(query(target, values)).isEqualTo(query(source.url(), values));
                assertThat(query(target, "SHOW CREATE TABLE stamps"))
                        .isEqualTo(query(source.url(), "SHOW CREATE TABLE stamps"));
            });
        }
    }

    @Test
    public void shouldKeepATablesDefaultCharacterSetOtherThanItsDatabases() {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            source.execute("CREATE TABLE legacy (id INT PRIMARY KEY, name VARCHAR(20)) DEFAULT CHARSET = latin1"
                            + " COLLATE latin1_german2_ci",
                    "CREATE TABLE mixed (id INT PRIMARY KEY, name VARCHAR(20) CHARACTER SET utf8mb4)"
                            + " DEFAULT CHARSET = utf8mb3",
                    "INSERT INTO legacy VALUES (1, 'Müller')", "INSERT INTO mixed VALUES (1, '😀')");
            EngineFixture fixture = fixture(source.url());
            backup(fixture);
            inRestoredCopy(fixture, source, target -> {
                for (String table : List.of("legacy", "mixed")) {
                    assertThat(query(target, "SHOW CREATE TABLE " + table))
                            .isEqualTo(query(source.url(), "SHOW CREATE TABLE " + table));
                    String values = "SELECT * FROM " + table + " ORDER BY id";
                    assertThat(query(target, values)).isEqualTo(query(source.url(), values));
                }
                // A column added later takes the table's default, as it would in the source.
                TestServers.execute(target, TestServers.MARIADB_USER, "ALTER TABLE legacy ADD note TEXT");
                assertThat(query(target, "SELECT COLLATION_NAME FROM information_schema.COLUMNS"
                        + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'legacy' AND COLUMN_NAME = 'note'"))
                        .containsExactly("latin1_german2_ci");
            });
        }
    }

    @Test
    public void shouldKeepAZeroInAnAutoIncrementColumnWhateverLoadsIt() {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            try (Connection c = source.connect(); Statement s = c.createStatement()) {
                s.execute("SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO'");
                // A latin1 column sends the rows to the batched INSERTs; an AUTO_INCREMENT column that does not
                // lead the primary key gets its AUTO_INCREMENT in an ALTER TABLE after LOAD DATA.
                s.execute("CREATE TABLE via_insert (id INT AUTO_INCREMENT PRIMARY KEY,"
                        + " v VARCHAR(10) CHARACTER SET latin1)");
                s.execute("INSERT INTO via_insert VALUES (0, 'zero'), (5, 'five')");
                s.execute("CREATE TABLE keyed_later (a INT, id INT NOT NULL AUTO_INCREMENT, UNIQUE KEY by_id (id))");
                s.execute("INSERT INTO keyed_later VALUES (1, 0), (2, 7)");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            EngineFixture fixture = fixture(source.url());
            backup(fixture);
            inRestoredCopy(fixture, source, target -> {
                assertThat(query(target, "SELECT id, v FROM via_insert ORDER BY id"))
                        .containsExactly("0", "zero", "5", "five");
                assertThat(query(target, "SELECT a, id FROM keyed_later ORDER BY a")).containsExactly("1", "0", "2", "7");
            });
        }
    }

    @Test
    public void shouldRestoreAnInvisibleAutoIncrementColumnThatDoesNotLeadThePrimaryKey() {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            // The column is created before its key, and MariaDB takes an INVISIBLE NOT NULL column only with a default.
            source.execute("CREATE TABLE tagged (a INT, serial INT NOT NULL INVISIBLE AUTO_INCREMENT,"
                            + " UNIQUE KEY by_serial (serial)) AUTO_INCREMENT = 40",
                    "INSERT INTO tagged (a) VALUES (1), (2)");
            EngineFixture fixture = fixture(source.url());
            backup(fixture);
            inRestoredCopy(fixture, source, target -> {
                assertThat(query(target, "SHOW CREATE TABLE tagged"))
                        .isEqualTo(query(source.url(), "SHOW CREATE TABLE tagged"));
                String values = "SELECT a, serial FROM tagged ORDER BY serial";
                assertThat(query(target, values)).isEqualTo(query(source.url(), values))
                        .containsExactly("1", "40", "2", "41");
            });
        }
    }

    @Test
    public void shouldKeepAnAutoIncrementColumnNumberedPerGroupWithExactlyItsKeys() {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            // MyISAM and Aria number an AUTO_INCREMENT column that is not first in its key within each group of
            // the columns before it; a key led by the column would make the numbering one for the whole table.
            source.execute("CREATE TABLE tagged (b VARCHAR(20), id INT NOT NULL AUTO_INCREMENT, c INT, KEY by_c (c),"
                            + " KEY k (b(8), id), KEY by_b (b)) ENGINE = MyISAM",
                    "CREATE TABLE grouped (grp INT NOT NULL, id INT NOT NULL AUTO_INCREMENT, PRIMARY KEY (grp, id))"
                            + " ENGINE = MyISAM AUTO_INCREMENT = 100",
                    // TRANSACTIONAL said outright: the catalog lists an Aria table's default as one of its
                    // options, which the restore then sets.
                    "CREATE TABLE grouped_aria (grp INT NOT NULL, id INT NOT NULL AUTO_INCREMENT,"
                            + " PRIMARY KEY (grp, id)) ENGINE = Aria TRANSACTIONAL = 1",
                    "INSERT INTO tagged (b) VALUES ('x'), ('x'), ('y')",
                    "INSERT INTO grouped (grp) VALUES (1), (1), (2)", "INSERT INTO grouped VALUES (3, 500)",
                    "INSERT INTO grouped_aria (grp) VALUES (1), (1), (1), (2)");
            EngineFixture fixture = fixture(source.url());
            backup(fixture);
            inRestoredCopy(fixture, source, target -> {
                String counters = "SELECT TABLE_NAME, AUTO_INCREMENT FROM information_schema.TABLES"
                        + " WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME";
                assertThat(query(target, counters)).isEqualTo(query(source.url(), counters));
                for (String url : List.of(source.url(), target)) {
                    TestServers.execute(url, TestServers.MARIADB_USER, "INSERT INTO tagged (b) VALUES ('x'), ('z')",
                            "INSERT INTO grouped (grp) VALUES (1), (3), (4)",
                            "INSERT INTO grouped_aria (grp) VALUES (2), (1)");
                }
                for (String table : List.of("tagged", "grouped", "grouped_aria")) {
                    assertThat(query(target, "SHOW CREATE TABLE " + table))
                            .isEqualTo(query(source.url(), "SHOW CREATE TABLE " + table));
                    String values = "SELECT * FROM " + table + " ORDER BY 1, 2";
                    assertThat(query(target, values)).isEqualTo(query(source.url(), values));
                }
                assertThat(query(target, "SELECT grp, id FROM grouped ORDER BY grp, id"))
                        .containsExactly("1", "1", "1", "2", "1", "3", "2", "1", "3", "500", "3", "501", "4", "1");
            });
        }
    }

    @Test
    public void shouldRestoreAnAutoIncrementColumnWhoseOnlyKeyIsAnIndex() {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            // InnoDB takes AUTO_INCREMENT only on a column that leads a key: here keys on a prefix, and a plain one.
            source.execute("CREATE TABLE prefixed (b VARCHAR(20), id INT NOT NULL AUTO_INCREMENT, KEY k (id, b(8)))",
                    "CREATE TABLE indexed (a INT, id INT NOT NULL AUTO_INCREMENT, KEY by_id (id)) AUTO_INCREMENT = 10",
                    "CREATE TABLE paired (grp INT NOT NULL, id INT NOT NULL AUTO_INCREMENT, PRIMARY KEY (grp, id),"
                            + " UNIQUE KEY by_id (id DESC))",
                    "INSERT INTO prefixed (b) VALUES ('x'), ('y')", "INSERT INTO indexed (a) VALUES (1), (2)",
                    "INSERT INTO paired (grp) VALUES (1), (1), (2)");
            EngineFixture fixture = fixture(source.url());
            backup(fixture);
            inRestoredCopy(fixture, source, target -> {
                for (String table : List.of("prefixed", "indexed", "paired")) {
                    assertThat(query(target, "SHOW CREATE TABLE " + table))
                            .isEqualTo(query(source.url(), "SHOW CREATE TABLE " + table));
                    String values = "SELECT * FROM " + table + " ORDER BY 1, 2";
                    assertThat(query(target, values)).isEqualTo(query(source.url(), values));
                }
            });
        }
    }

    @Test
    public void shouldCarryAnAutoIncrementCounterPastTheLargestSignedBigint() {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            source.execute("CREATE TABLE huge (id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY, v INT)",
                    "INSERT INTO huge VALUES (18446744073709551610, 1)", "DELETE FROM huge",
                    "INSERT INTO huge VALUES (9223372036854775808, 2)");
            EngineFixture fixture = fixture(source.url());
            backup(fixture);
            inRestoredCopy(fixture, source, target -> {
                String counter = "SELECT AUTO_INCREMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                        + " AND TABLE_NAME = 'huge'";
                assertThat(query(target, counter)).isEqualTo(query(source.url(), counter))
                        .containsExactly("18446744073709551611");
                assertThat(query(target, "SELECT * FROM huge")).containsExactly("9223372036854775808", "2");
            });
        }
    }

    @Test
    public void shouldLoadAFixedPointFloatHeldPastItsBound() {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            // Each value is within its column's bound, but the float or double the server keeps of it is not.
            String columns = "id INT PRIMARY KEY, f FLOAT(10,3) UNSIGNED, big FLOAT(30,0), d DOUBLE(20,0)";
            source.execute("CREATE TABLE via_load (" + columns + ")",
                    "CREATE TABLE via_insert (" + columns + ", tags SET('x','y'))",
                    "INSERT INTO via_load VALUES (1, 9999999.999, 999999999999999999999999999999,"
                            + " 99999999999999999999), (2, 1.5, -999999999999999999999999999999,"
                            + " -99999999999999999999), (3, 0, 1, 2)",
                    "INSERT INTO via_insert SELECT *, 'x' FROM via_load");
            EngineFixture fixture = fixture(source.url());
            backup(fixture);
            inRestoredCopy(fixture, source, target -> {
                for (String table : List.of("via_load", "via_insert")) {
                    assertThat(query(target, "CHECKSUM TABLE " + table).get(1))
                            .isEqualTo(query(source.url(), "CHECKSUM TABLE " + table).get(1));
                    String values = "SELECT id, f + 0e0, big + 0e0, d FROM " + table + " ORDER BY id";
                    assertThat(query(target, values)).isEqualTo(query(source.url(), values));
                }
            });
        }
    }

    @Test
    public void shouldKeepTheYear2000OfATwoDigitYearColumn() {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            // YEAR(2) shows 2000 as 00, as it shows year 0 of a YEAR(4): loaded back as year 0, it became 0000.
            source.execute("CREATE TABLE seasons (id INT PRIMARY KEY, short_year YEAR(2), full_year YEAR)",
                    "INSERT INTO seasons VALUES (1, 2000, 0), (2, 1999, 1999), (3, 2069, 2000)");
            EngineFixture fixture = fixture(source.url());
            backup(fixture);
            inRestoredCopy(fixture, source, target -> {
                assertThat(query(target, "CHECKSUM TABLE seasons").get(1))
                        .isEqualTo(query(source.url(), "CHECKSUM TABLE seasons").get(1));
                TestServers.execute(target, TestServers.MARIADB_USER, "ALTER TABLE seasons MODIFY short_year YEAR");
                assertThat(query(target, "SELECT short_year, full_year FROM seasons ORDER BY id"))
                        .containsExactly("2000", "0000", "1999", "1999", "2069", "2000");
            });
        }
    }

    @Test
    public void shouldKeepKeysOnPrefixesAndDescendingColumns() {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            // The catalog's keys name whole columns: a key on a TEXT column could not be created without its
            // prefix length, and a unique key on a VARCHAR prefix would come back weaker, on the whole column.
            source.execute("CREATE TABLE notes (body TEXT NOT NULL, code VARCHAR(50), pos INT,"
                            + " PRIMARY KEY (body(10)), UNIQUE KEY by_code (code(3)), UNIQUE KEY by_pos (pos DESC))",
                    // Indexes come back in the table's order, not by name.
                    "CREATE TABLE ranked (a INT, b INT, c INT, PRIMARY KEY (a DESC, b), KEY z_first (c, b),"
                            + " KEY a_second (b), KEY m_third (c DESC))",
                    "INSERT INTO notes VALUES ('first note', 'abc1', 1), ('second note', 'abd2', 2)",
                    "INSERT INTO ranked VALUES (1, 1, 1), (2, 1, 2)");
            EngineFixture fixture = fixture(source.url());
            backup(fixture);
            inRestoredCopy(fixture, source, target -> {
                for (String table : List.of("notes", "ranked")) {
                    assertThat(query(target, "SHOW CREATE TABLE " + table))
                            .isEqualTo(query(source.url(), "SHOW CREATE TABLE " + table));
                    String values = "SELECT * FROM " + table + " ORDER BY 1";
                    assertThat(query(target, values)).isEqualTo(query(source.url(), values));
                }
                assertThatThrownBy(() -> TestServers.execute(target, TestServers.MARIADB_USER,
                        "INSERT INTO notes VALUES ('third note', 'abc3', 3)")).hasMessageContaining("by_code");
            });
        }
    }

    @Test
    public void shouldKeepUniqueKeysInTheTablesOrderNotByName() {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            // MediaWiki's change_tag: unique keys on nullable columns, named out of alphabetical order.
            source.execute("CREATE TABLE change_tag (ct_id INT PRIMARY KEY, ct_rc_id BIGINT, ct_log_id INT,"
                            + " ct_rev_id INT, ct_tag_id INT NOT NULL, UNIQUE KEY ct_rc_tag_id (ct_rc_id, ct_tag_id),"
                            + " UNIQUE KEY ct_log_tag_id (ct_log_id, ct_tag_id),"
                            + " UNIQUE KEY ct_rev_tag_id (ct_rev_id, ct_tag_id), KEY ct_tag_id (ct_tag_id))",
                    "INSERT INTO change_tag VALUES (1, 10, NULL, NULL, 1), (2, NULL, 20, NULL, 1)");
            EngineFixture fixture = fixture(source.url());
            backup(fixture);
            inRestoredCopy(fixture, source, target -> assertThat(query(target, "SHOW CREATE TABLE change_tag"))
                    .isEqualTo(query(source.url(), "SHOW CREATE TABLE change_tag")));
        }
    }

    /**
     * MariaDB tells a foreign key written with NO ACTION from one written without a rule (RESTRICT); both act alike
     * in InnoDB, but SHOW CREATE TABLE and the catalog keep the difference, as schemas generated by tools have it.
     */
    @Test
    public void shouldKeepAForeignKeysRulesAsWritten() {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            source.execute("CREATE TABLE artists (id INT PRIMARY KEY)",
                    "CREATE TABLE albums (id INT PRIMARY KEY, artist INT, KEY by_artist (artist),"
                            + " CONSTRAINT fk_no_action FOREIGN KEY (artist) REFERENCES artists (id)"
                            + " ON DELETE NO ACTION ON UPDATE NO ACTION)",
                    "CREATE TABLE tracks (id INT PRIMARY KEY, album INT, artist INT,"
                            + " CONSTRAINT fk_restrict FOREIGN KEY (album) REFERENCES albums (id) ON DELETE RESTRICT,"
                            + " CONSTRAINT fk_mixed FOREIGN KEY (artist) REFERENCES artists (id)"
                            + " ON DELETE NO ACTION ON UPDATE CASCADE)",
                    "INSERT INTO artists VALUES (1)", "INSERT INTO albums VALUES (1, 1)",
                    "INSERT INTO tracks VALUES (1, 1, 1)");
            EngineFixture fixture = fixture(source.url());
            backup(fixture);
            inRestoredCopy(fixture, source, target -> {
                for (String table : List.of("albums", "tracks")) {
                    assertThat(query(target, "SHOW CREATE TABLE " + table))
                            .isEqualTo(query(source.url(), "SHOW CREATE TABLE " + table));
                }
                String rules = "SELECT CONSTRAINT_NAME, UPDATE_RULE, DELETE_RULE FROM information_schema"
                        + ".REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() ORDER BY 1";
                assertThat(query(target, rules)).isEqualTo(query(source.url(), rules)).containsExactly(
                        "fk_mixed", "CASCADE", "NO ACTION", "fk_no_action", "NO ACTION", "NO ACTION",
                        "fk_restrict", "RESTRICT", "RESTRICT");
            });
        }
    }

    @Test
    public void shouldRefuseATimeBeyondADayIntoPostgresNamingTheColumn() {
        refuseIntoPostgres("CREATE TABLE spans (id INT PRIMARY KEY, took TIME)",
                "INSERT INTO spans VALUES (1, '12:00:00'), (2, '-10:00:00')",
                "column took of spans holds TIME values outside one day");
    }

    @Test
    public void shouldRefuseAZeroDateIntoPostgresNamingTheColumn() {
        refuseIntoPostgres("CREATE TABLE days (id INT PRIMARY KEY, day DATE)",
                "INSERT INTO days VALUES (1, '2024-02-01'), (2, '2024-02-00')",
                "column day of days holds dates with a zero month or day");
    }

    @Test
    public void shouldRefuseABooleanThatIsNotZeroOrOneIntoPostgresNamingTheColumn() {
        refuseIntoPostgres("CREATE TABLE flags (id INT PRIMARY KEY, on_off BOOLEAN)",
                "INSERT INTO flags VALUES (1, 1), (2, 2)",
                "column on_off of flags holds BOOLEAN (TINYINT(1)) values other than 0 and 1");
    }

    @Test
    public void shouldRefuseAZeroDateDefaultIntoPostgresBeforeTouchingIt() {
        try (TestDatabase source = TestServers.newMariaDbDatabase();
                TestDatabase target = TestServers.newPostgresDatabase()) {
            try (Connection c = source.connect(); Statement s = c.createStatement()) {
                s.execute("SET SESSION sql_mode = ''");
                s.execute("CREATE TABLE days (id INT PRIMARY KEY, due DATE NOT NULL DEFAULT '0000-00-00',"
                        + " seen DATETIME DEFAULT '2024-02-00 10:00:00', fine DATE DEFAULT '2024-02-01')");
                s.execute("INSERT INTO days VALUES (1, '2024-01-01', '2024-01-01 10:00:00', '2024-01-02')");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            EngineFixture fixture = fixture(source.url(), target.url());
            backup(fixture);
            fixture.login(target.login());
            assertThatThrownBy(() -> new RestoreOperation(fixture.context())
                    .run(RestoreRequest.of("dev0", "copy").from("qa", "orders").withSafetyBackup(false)))
                    .hasMessageContaining("default of days.due ('0000-00-00')")
                    .hasMessageContaining("default of days.seen ('2024-02-00 10:00:00')")
                    .hasMessageNotContaining("days.fine").hasMessageContaining("nothing was touched");
        }
    }

    @Test
    public void shouldRefuseATimeDefaultOutsideADayIntoPostgresBeforeTouchingIt() {
        try (TestDatabase source = TestServers.newMariaDbDatabase();
                TestDatabase target = TestServers.newPostgresDatabase()) {
            // MariaDB's TIME is a span of -838:59:59 to 838:59:59; PostgreSQL's a time of day, which refuses
            // such a default when the table is created.
            source.execute("CREATE TABLE spans (id INT PRIMARY KEY, back TIME(2) DEFAULT '-12:00:00.5',"
                    + " later TIME DEFAULT '25:00:00', fine TIME DEFAULT '23:59:59')",
                    "INSERT INTO spans (id, back, later) VALUES (1, '01:00:00', '02:00:00')");
            EngineFixture fixture = fixture(source.url(), target.url());
            backup(fixture);
            fixture.login(target.login());
            assertThatThrownBy(() -> new RestoreOperation(fixture.context())
                    .run(RestoreRequest.of("dev0", "copy").from("qa", "orders").withSafetyBackup(false)))
                    .hasMessageContaining("default of spans.back ('-12:00:00.50')")
                    .hasMessageContaining("default of spans.later ('25:00:00')")
                    .hasMessageNotContaining("spans.fine").hasMessageContaining("nothing was touched");
        }
    }

    @Test
    public void shouldRestoreJsonIntoPostgresAsWritten() {
        try (TestDatabase source = TestServers.newMariaDbDatabase();
                TestDatabase target = TestServers.newPostgresDatabase()) {
            // MariaDB keeps JSON as its text: key order, spacing, numbers as written and repeated keys.
            source.execute("CREATE TABLE docs (id INT PRIMARY KEY, meta JSON)",
                    "INSERT INTO docs VALUES (1, '{\"b\": 1,  \"a\":[1,2], \"a\": 3}'), (2, '[1.50, 1e2]')");
            EngineFixture fixture = fixture(source.url(), target.url());
            backup(fixture);
            fixture.login(target.login());
            new RestoreOperation(fixture.context())
                    .run(RestoreRequest.of("dev0", "copy").from("qa", "orders").withSafetyBackup(false));
            assertThat(Queries.rows(target.url(), TestServers.PG_USER, "SELECT meta::text FROM docs ORDER BY id"))
                    .containsExactly("{\"b\": 1,  \"a\":[1,2], \"a\": 3}", "[1.50, 1e2]");
        }
    }

    @Test
    public void shouldRestoreABigintUnsignedAutoIncrementIntoPostgresAsAnIdentity() {
        try (TestDatabase source = TestServers.newMariaDbDatabase();
                TestDatabase target = TestServers.newPostgresDatabase()) {
            // The id column of many schemas; PostgreSQL takes an identity of integer types only.
            source.execute("CREATE TABLE users (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                    + " name VARCHAR(20)) AUTO_INCREMENT = 100", "INSERT INTO users (name) VALUES ('a'), ('b')");
            EngineFixture fixture = fixture(source.url(), target.url());
            backup(fixture);
            fixture.login(target.login());
            new RestoreOperation(fixture.context())
                    .run(RestoreRequest.of("dev0", "copy").from("qa", "orders").withSafetyBackup(false));
            assertThat(Queries.rows(target.url(), TestServers.PG_USER, "SELECT id, name FROM users ORDER BY id"))
                    .containsExactly("100", "a", "101", "b");
            assertThat(Queries.rows(target.url(), TestServers.PG_USER,
                    "INSERT INTO users (name) VALUES ('c') RETURNING id")).containsExactly("102");
        }
    }

    /** The backup recorded the column, so the restore is refused before the target is touched. */
    private void refuseIntoPostgres(String create, String insert, String why) {
        try (TestDatabase source = TestServers.newMariaDbDatabase();
                TestDatabase target = TestServers.newPostgresDatabase()) {
            try (Connection c = source.connect(); Statement s = c.createStatement()) {
                s.execute("SET SESSION sql_mode = ''");
                s.execute(create);
                s.execute(insert);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            EngineFixture fixture = fixture(source.url(), target.url());
            backup(fixture);
            fixture.login(target.login());
            assertThatThrownBy(() -> new RestoreOperation(fixture.context())
                    .run(RestoreRequest.of("dev0", "copy").from("qa", "orders").withSafetyBackup(false)))
                    .isInstanceOfSatisfying(RunbookException.class,
                            e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_CARRIED))
                    .hasMessageContaining(why).hasMessageContaining("nothing was touched");
            assertThat(Queries.rows(target.url(), TestServers.PG_USER,
                    "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).containsExactly("0");
        }
    }

    /** Every column of every row, as text, in order. */
    static List<String> query(String url, String sql) {
        return Queries.rows(url, TestServers.MARIADB_USER, sql);
    }
}
