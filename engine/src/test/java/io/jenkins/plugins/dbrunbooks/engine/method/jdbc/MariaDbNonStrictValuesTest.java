package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreOperation;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreRequest;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.Queries;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Values a MariaDB table took without strict mode, which its own generated columns and checks would refuse in strict
 * mode, restore into MariaDB as they are; a value from another engine that MariaDB cannot hold still stops the
 * restore.
 */
public class MariaDbNonStrictValuesTest {
    /** The restore's sessions start in strict mode, as a server's default is. */
    private static final String STRICT = "?sessionVariables=sql_mode=TRADITIONAL";
    /** The restore's sessions start without strict mode. */
    private static final String NOT_STRICT = "?sessionVariables=sql_mode=NO_ENGINE_SUBSTITUTION";
    /** The restore's sessions start without strict mode and without checking CHECK constraints. */
    private static final String NOT_CHECKING = NOT_STRICT + ",check_constraint_checks=0";

    /**
     * Each table holds values its own definitions compute, or check, with a warning: a key on a virtual column whose
     * value overflows, is cut short, is no date, or divides by zero is built after the rows by an ALTER TABLE, which
     * strict mode stops; a table's check too. A stored generated column and a column's check are computed as the
     * rows load, through LOAD DATA and (the SET column) through the batched INSERTs.
     */
    private static final List<String> TABLES = List.of(
            "CREATE TABLE overflow_key (id INT PRIMARY KEY, a INT, product INT AS (a * 1000) VIRTUAL,"
                    + " KEY by_product (product))",
            "CREATE TABLE quotient_key (id INT PRIMARY KEY, a INT, b INT, q DECIMAL(10,2) AS (a / b) VIRTUAL,"
                    + " KEY by_q (q))",
            "CREATE TABLE short_key (id INT PRIMARY KEY, s VARCHAR(10), code CHAR(3) AS (s) VIRTUAL,"
                    + " KEY by_code (code))",
            "CREATE TABLE date_key (id INT PRIMARY KEY, s VARCHAR(20), day DATE AS (s) VIRTUAL, KEY by_day (day))",
            "CREATE TABLE ratio_check (id INT PRIMARY KEY, a INT, b INT, CONSTRAINT positive CHECK (a / b > 0"
                    + " OR a / b IS NULL), CONSTRAINT small CHECK (tiny >= 0), tiny TINYINT AS (a) VIRTUAL)",
            "CREATE TABLE via_load (id INT PRIMARY KEY, a INT, b INT CHECK (10 / b > 0 OR 10 / b IS NULL),"
                    + " product SMALLINT AS (a * 1000) STORED)",
            "CREATE TABLE via_insert (id INT PRIMARY KEY, a INT, b INT CHECK (10 / b > 0 OR 10 / b IS NULL),"
                    + " product SMALLINT AS (a * 1000) STORED, tags SET('x','y'))");

    private static final List<String> ROWS = List.of(
            "INSERT INTO overflow_key (id, a) VALUES (1, 5), (2, 10000000)",
            "INSERT INTO quotient_key (id, a, b) VALUES (1, 1, 2), (2, 1, 0)",
            "INSERT INTO short_key (id, s) VALUES (1, 'ab'), (2, 'abcdef')",
            "INSERT INTO date_key (id, s) VALUES (1, '2024-01-01'), (2, '2024-02-30'), (3, 'soon')",
            "INSERT INTO ratio_check (id, a, b) VALUES (1, 1, 2), (2, 1, 0), (3, 1000, 1)",
            "INSERT INTO via_load (id, a, b) VALUES (1, 5, 2), (2, 10000000, 0)",
            "INSERT INTO via_insert (id, a, b, tags) VALUES (1, 5, 2, 'x'), (2, 10000000, 0, 'y')");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private EngineFixture fixture(String sourceUrl, MethodChoice method, String... targets) {
        EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), TestServers.mariaDbLogin())
                .environment("qa", EngineFixture.database("orders", sourceUrl, method));
        for (int i = 0; i < targets.length; i++) {
            fixture.environment("dev" + i, EngineFixture.database("copy", targets[i], MethodChoice.NATIVE));
        }
        return fixture;
    }

    private static void backup(EngineFixture fixture) {
        new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
    }

    @Test
    public void shouldRestoreIntoMariaDbWhatItsTablesTookWithoutStrictMode() {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            try (Connection c = source.connect(); Statement s = c.createStatement()) {
                s.execute("SET SESSION sql_mode = ''");
                for (String sql : TABLES) {
                    s.execute(sql);
                }
                for (String sql : ROWS) {
                    s.execute(sql);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            for (MethodChoice method : List.of(MethodChoice.JDBC, MethodChoice.NATIVE)) {
                // The restore connects with the source's URL and options: here in strict mode.
                EngineFixture fixture = fixture(source.url() + STRICT, method);
                backup(fixture);
                String copy = source.name() + "_" + method.name().toLowerCase(Locale.ROOT);
                try {
                    new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders").intoNew(copy));
                    String target = TestServers.mariaDbUrl(copy);
                    for (String table : List.of("overflow_key", "quotient_key", "short_key", "date_key",
                            "ratio_check", "via_load", "via_insert")) {
                        assertThat(query(target, "SHOW CREATE TABLE " + table)).as(method + " " + table)
                                .isEqualTo(query(source.url(), "SHOW CREATE TABLE " + table));
                        assertThat(query(target, "CHECKSUM TABLE " + table).get(1)).as(method + " " + table)
                                .isEqualTo(query(source.url(), "CHECKSUM TABLE " + table).get(1)).isNotNull();
                        String values = "SELECT * FROM " + table + " ORDER BY id";
                        assertThat(query(target, values)).as(method + " " + table)
                                .isEqualTo(query(source.url(), values));
                    }
                    assertThat(query(target, "SELECT product FROM overflow_key FORCE INDEX (by_product)"
                            + " ORDER BY product")).containsExactly("5000", "2147483647");
                    assertThat(query(target, "SELECT product FROM via_load ORDER BY id")).containsExactly("5000",
                            "32767");
                } finally {
                    TestServers.dropMariaDb(copy);
                }
            }
        }
    }

    /**
     * Restored into MariaDB, a load fails on a warning about a value it fed, whichever way the server names the
     * column, or about a row's fields; not on one the table's own definitions raise.
     */
    @Test
    public void shouldTellTheWarningsOfLoadedValuesFromTheOnesATablesOwnDefinitionsRaise() throws Exception {
        try (TestDatabase db = TestServers.newMariaDbDatabase(); Connection c = db.connect();
                Statement s = c.createStatement()) {
            // A restore's session on a server of the default sql_mode, strict mode left out.
            s.execute("SET SESSION sql_mode = 'ERROR_FOR_DIVISION_BY_ZERO'");
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, a INT, b INT CHECK (10 / b > 0 OR 10 / b IS NULL),"
                    + " product SMALLINT AS (a * 1000) STORED)");
            s.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(new ByteArrayInputStream(
                    "1\tx\t2\n2\t99999999999\t1\n3\t1\n4\t1\t0\n".getBytes(StandardCharsets.UTF_8)));
            s.execute("LOAD DATA LOCAL INFILE 'rows.tsv' INTO TABLE t (id, a, b)");
            List<String> fed = new ArrayList<>();
            List<String> own = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SHOW WARNINGS")) {
                while (rs.next()) {
                    (MariaDbBulkLoader.aboutFedValue(rs.getInt(2), rs.getString(3), List.of("id", "a", "b")) ? fed
                            : own).add(rs.getString(3));
                }
            }
            assertThat(fed).containsExactlyInAnyOrder("Incorrect integer value: 'x' for column `" + db.name()
                    + "`.`t`.`a` at row 1", "Out of range value for column 'a' at row 2",
                    "Row 3 doesn't contain data for all columns");
            assertThat(own).containsOnly("Out of range value for column 'product' at row 2",
                    "Division by 0");
        }
    }

    @Test
    public void shouldStopARestoreFromPostgresAtATextTooLongForItsMariaDbColumn() {
        refuseFromPostgres("", "CREATE TABLE notes (id int PRIMARY KEY, body text)", "CREATE INDEX by_body ON notes"
                + " (body)", "INSERT INTO notes VALUES (1, 'short'), (2, repeat('x', 800))");
    }

    /** Text from PostgreSQL is utf8mb4 whatever the database's character set: a latin1 one holds it whole. */
    @Test
    public void shouldRestoreTextFromPostgresWholeIntoALatin1Database() {
        try (TestDatabase source = TestServers.newPostgresDatabase();
                TestDatabase target = TestServers.newMariaDbDatabase()) {
            restoreFromPostgres(source, target, " CHARACTER SET latin1",
                    "CREATE TABLE notes (id int PRIMARY KEY, body varchar(20))",
                    "INSERT INTO notes VALUES (1, 'plain'), (2, 'Grüße 日本')");
            assertThat(query(target.url(), "SELECT body FROM notes ORDER BY id")).containsExactly("plain", "Grüße 日本");
        }
    }

    /**
     * A check PostgreSQL compares case by case holds in MariaDB too, the text being in a binary collation: 'ABC'
     * is not 'abc' in either.
     */
    @Test
    public void shouldRestoreARowItsCheckTakesInPostgresAsItIsInMariaDb() {
        try (TestDatabase source = TestServers.newPostgresDatabase();
                TestDatabase target = TestServers.newMariaDbDatabase()) {
            restoreFromPostgres(source, target, "",
                    "CREATE TABLE notes (id int PRIMARY KEY, body text CHECK (body <> 'abc'))",
                    "INSERT INTO notes VALUES (1, 'ABC')");
            assertThat(query(target.url(), "SELECT body FROM notes")).containsExactly("ABC");
        }
    }

    /**
     * A row that holds to its check in PostgreSQL and breaks it as MariaDB reads it (every MariaDB collation but the
     * nopad ones ignores trailing spaces) stops the restore rather than being stored against the check, whatever
     * the server's session says.
     */
    @Test
    public void shouldStopARestoreFromPostgresAtARowItsCheckRefusesInMariaDbWhateverTheServersSetting() {
        refuseFromPostgres("", "CREATE TABLE notes (id int PRIMARY KEY, body text CHECK (body <> 'abc'))",
                "INSERT INTO notes VALUES (1, 'abc ')");
    }

    private void refuseFromPostgres(String characterSet, String... setup) {
        try (TestDatabase source = TestServers.newPostgresDatabase();
                TestDatabase target = TestServers.newMariaDbDatabase()) {
            assertThatThrownBy(() -> restoreFromPostgres(source, target, characterSet, setup))
                    .isInstanceOfSatisfying(RunbookException.class,
                            e -> assertThat(e.kind()).isEqualTo(ErrorKind.RESTORE_FAILED))
                    .hasMessageContaining("notes").hasMessageContaining("body");
        }
    }

    private void restoreFromPostgres(TestDatabase source, TestDatabase target, String characterSet,
            String... setup) {
        source.execute(setup);
        if (!characterSet.isEmpty()) {
            TestServers.execute(target.url(), TestServers.MARIADB_USER, "ALTER DATABASE " + target.name()
                    + characterSet);
        }
        EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), source.login())
                .environment("qa", EngineFixture.database("orders", source.url(), MethodChoice.JDBC))
                .environment("dev0", EngineFixture.database("copy", target.url() + NOT_CHECKING,
                        MethodChoice.NATIVE));
        backup(fixture);
        fixture.login(target.login());
        new RestoreOperation(fixture.context())
                .run(RestoreRequest.of("dev0", "copy").from("qa", "orders").withSafetyBackup(false));
    }

    /** Every column of every row, as text, in order. */
    private static List<String> query(String url, String sql) {
        return Queries.rows(url, TestServers.MARIADB_USER, sql);
    }
}
