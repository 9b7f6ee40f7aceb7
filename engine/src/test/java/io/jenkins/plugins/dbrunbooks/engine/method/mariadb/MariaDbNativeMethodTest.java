package io.jenkins.plugins.dbrunbooks.engine.method.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.DataFingerprints;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.MariaDbDumpRowsTest;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.MariaDbTextFingerprinter;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.MariaDbTextFingerprinterTest;
import io.jenkins.plugins.dbrunbooks.engine.method.BackupReceipt;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseAdmin;
import io.jenkins.plugins.dbrunbooks.engine.method.Jdbc;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.method.RestoreOptions;
import io.jenkins.plugins.dbrunbooks.engine.process.ToolLocator;
import io.jenkins.plugins.dbrunbooks.engine.progress.Progress;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressListener;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.RecordingListener;
import io.jenkins.plugins.dbrunbooks.engine.testing.StreamSource;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class MariaDbNativeMethodTest {
    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final MariaDbNativeMethod method = new MariaDbNativeMethod();
    private final List<String> cleanups = new ArrayList<>();

    @After
    public void cleanUp() {
        for (String sql : cleanups) {
            TestServers.execute(TestServers.mariaDbUrl(""), TestServers.MARIADB_USER, sql);
        }
    }

    private MethodContext context(String url, DbCredential login, ProgressListener listener) {
        return new MethodContext(url, login, ToolLocator.fromEnvironment(List.of()), temp.getRoot().toPath(),
                listener);
    }

    private MethodContext context(String url) {
        return context(url, TestServers.mariaDbLogin(), ProgressListener.NONE);
    }

    private String newDatabaseName(DatabaseAdmin admin, String like) {
        String name = TestServers.uniqueName();
        admin.create(name, like);
        cleanups.add("DROP DATABASE IF EXISTS " + name);
        return name;
    }

    @Test
    public void roundTripKeepsSchemaAndEveryRow() throws Exception {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            fillAwkwardData(source);
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            BackupReceipt receipt = method.backup(context(source.url()), payload);
            assertThat(receipt.serverVersion()).contains("MariaDB");
            assertThat(receipt.tool()).isIn("mariadb-dump", "mysqldump");

            DatabaseAdmin admin = method.admin(context(source.url()));
            assertThat(admin.currentDatabaseName()).isEqualTo(source.name());
            String copy = newDatabaseName(admin, source.name());
            assertThat(admin.exists(copy)).isTrue();
            assertThat(charset(copy)).isEqualTo(charset(source.name()));
            method.restore(context(admin.jdbcUrlFor(copy)), StreamSource.of(new ByteArrayInputStream(payload.toByteArray())),
                    RestoreOptions.defaults());

            assertThat(catalog(copy)).isEqualTo(catalog(source.name())).hasSizeGreaterThan(15);
            assertThat(checksums(copy)).isEqualTo(checksums(source.name())).hasSize(3)
                    .allSatisfy(c -> assertThat(c).doesNotEndWith(" null").doesNotEndWith(" 0"));
            assertThat(rowCount(copy, "`order`")).isEqualTo(3);
            assertThat(rowCount(copy, "`child table`")).isEqualTo(3);
            // The trigger fired on the source only; the dump carries its rows, not a second firing.
            assertThat(rowCount(copy, "audit")).isEqualTo(3);
        }
    }

    /**
     * A column whose default takes a sequence's next value: mariadb-dump writes the default with the database's
     * name and loads the rows under a LOCK TABLES that leaves the sequence out, which MariaDB refuses. The copy
     * loads, and its default takes the copy's own sequence, not the source's.
     */
    @Test
    public void aDefaultTakingASequenceRestoresIntoADatabaseOfAnotherNameWithItsOwnSequence() throws Exception {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            source.execute("CREATE SEQUENCE ticket_numbers START WITH 100",
                    "CREATE TABLE tickets (id INT PRIMARY KEY DEFAULT (NEXT VALUE FOR ticket_numbers), what TEXT)",
                    "INSERT INTO tickets (what) VALUES ('first'), ('second')",
                    "CREATE TABLE plain (id INT PRIMARY KEY)", "INSERT INTO plain VALUES (1)");
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            method.backup(context(source.url()), payload);

            DatabaseAdmin admin = method.admin(context(source.url()));
            String copy = newDatabaseName(admin, source.name());
            method.restore(context(admin.jdbcUrlFor(copy)), StreamSource.of(new ByteArrayInputStream(payload.toByteArray())),
                    RestoreOptions.defaults());

            assertThat(checksums(copy)).isEqualTo(checksums(source.name())).hasSize(2);
            assertThat(query(copy, List.of("SELECT COLUMN_DEFAULT FROM information_schema.COLUMNS"
                    + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'tickets' AND COLUMN_NAME = 'id'"), copy))
                    .containsExactly("nextval(" + MariaDbAdmin.quote(copy) + ".`ticket_numbers`)");
            // The sequence comes back at its position: past the values the source's cache held (1000 of them).
            List<String> position = List.of("SELECT next_not_cached_value FROM ticket_numbers");
            assertThat(query(copy, position, null)).containsExactly("1100");
            TestServers.execute(admin.jdbcUrlFor(copy), TestServers.MARIADB_USER,
                    "INSERT INTO tickets (what) VALUES ('third')");
            assertThat(query(copy, List.of("SELECT id FROM tickets WHERE what = 'third'"), null))
                    .containsExactly("1100");
            assertThat(query(copy, position, null)).containsExactly("2100");
            assertThat(query(source.name(), position, null)).containsExactly("1100");
        }
    }

    /**
     * Foreign keys no index serves: MariaDB drops the index it made for a key when a FULLTEXT index on its column is
     * added (even one of the constraint's name), and lets one drop it with foreign_key_checks off; it then refuses
     * the table as mariadb-dump writes it. The copy loads, each such key with the plain index MariaDB makes for one,
     * and a key that an index on its leading columns serves gets none.
     */
    @Test
    public void aForeignKeyWithoutAnIndexInnoDbCanUseGetsTheOneMariaDbMakesForIt() throws Exception {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            source.execute(FOREIGN_KEYS_WITHOUT_INDEXES);
            RecordingListener listener = new RecordingListener();
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            method.backup(context(source.url()), payload);
            DatabaseAdmin admin = method.admin(context(source.url()));
            String copy = newDatabaseName(admin, source.name());
            method.restore(context(admin.jdbcUrlFor(copy), TestServers.mariaDbLogin(), listener),
                    StreamSource.of(new ByteArrayInputStream(payload.toByteArray())), RestoreOptions.defaults());

            assertThat(createTables(copy)).isEqualTo(withForeignKeyIndexes(createTables(source.name())));
            assertThat(checksums(copy)).isEqualTo(checksums(source.name())).hasSize(5);
            assertThat(listener.messages).anySatisfy(m -> assertThat(m).contains("'books'.'by_author' on (author)",
                    "'notes'.'on_author_2' on (author)", "'loose'.'loose_author' on (author)").doesNotContain("reviews"));
            // The source refuses to delete even a parent row nothing refers to; the copy does not.
            assertThatThrownBy(() -> source.execute("DELETE FROM authors WHERE name = 'Cy'"))
                    .hasMessageContaining("foreign key constraint fails");
            TestServers.execute(admin.jdbcUrlFor(copy), TestServers.MARIADB_USER,
                    "DELETE FROM authors WHERE name = 'Cy'");
        }
    }

    /** Tables whose foreign keys lack an index InnoDB can use, and one whose key has one; shared with jdbc's tests. */
    public static final String[] FOREIGN_KEYS_WITHOUT_INDEXES = {
        "CREATE TABLE authors (name VARCHAR(100) PRIMARY KEY)",
        "CREATE TABLE books (id INT PRIMARY KEY, author VARCHAR(100),"
                + " CONSTRAINT by_author FOREIGN KEY (author) REFERENCES authors (name))",
        "ALTER TABLE books ADD FULLTEXT KEY author_words (author)",
        "CREATE TABLE notes (id INT PRIMARY KEY, author VARCHAR(100),"
                + " CONSTRAINT on_author FOREIGN KEY (author) REFERENCES authors (name) ON DELETE CASCADE)",
        "ALTER TABLE notes ADD FULLTEXT KEY on_author (author)",
        "CREATE TABLE reviews (id INT PRIMARY KEY, author VARCHAR(100), FULLTEXT KEY words (author),"
                + " KEY author_id (author, id), CONSTRAINT of_author FOREIGN KEY (author) REFERENCES authors (name))",
        "SET SESSION foreign_key_checks = 0",
        "CREATE TABLE loose (id INT PRIMARY KEY, author VARCHAR(100),"
                + " CONSTRAINT loose_author FOREIGN KEY (author) REFERENCES authors (name))",
        "ALTER TABLE loose DROP INDEX loose_author",
        "SET SESSION foreign_key_checks = 1",
        "INSERT INTO authors VALUES ('Ann'), ('Bo'), ('Cy')",
        "INSERT INTO books VALUES (1, 'Ann'), (2, NULL)", "INSERT INTO notes VALUES (1, 'Bo')",
        "INSERT INTO reviews VALUES (1, 'Ann')", "INSERT INTO loose VALUES (1, 'Bo')"};

    /** The source's SHOW CREATE TABLE of {@link #FOREIGN_KEYS_WITHOUT_INDEXES}, with the indexes a restore adds. */
    public static List<String> withForeignKeyIndexes(List<String> tables) {
        return tables.stream().map(t -> t
                .replace("  FULLTEXT KEY `author_words`", "  KEY `by_author` (`author`),\n  FULLTEXT KEY `author_words`")
                .replace("  FULLTEXT KEY `on_author`", "  KEY `on_author_2` (`author`),\n  FULLTEXT KEY `on_author`")
                .replace("  CONSTRAINT `loose_author`", "  KEY `loose_author` (`author`),\n  CONSTRAINT `loose_author`"))
                .toList();
    }

    private static List<String> createTables(String database) throws SQLException {
        List<String> tables = new ArrayList<>();
        for (String table : List.of("authors", "books", "notes", "reviews", "loose")) {
            tables.addAll(query(database, List.of("SHOW CREATE TABLE " + table), null));
        }
        return tables;
    }

    /**
     * Rows that break their table's checks, which MariaDB holds when the checks were added, or the rows went in, with
     * check_constraint_checks off: mariadb-dump writes each check in its CREATE TABLE, before the rows. The copy
     * holds them as the source does, and its checks refuse new rows that break them.
     */
    @Test
    public void rowsThatBreakTheirTablesChecksRestoreAsTheSourceHoldsThem() throws Exception {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            source.execute(ROWS_BREAKING_CHECKS);
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            method.backup(context(source.url()), payload);
            DatabaseAdmin admin = method.admin(context(source.url()));
            String copy = newDatabaseName(admin, source.name());
            method.restore(context(admin.jdbcUrlFor(copy)), StreamSource.of(new ByteArrayInputStream(
                    payload.toByteArray())), RestoreOptions.defaults());

            List<String> tables = List.of("SHOW CREATE TABLE t", "SHOW CREATE TABLE c", "SHOW CREATE TABLE u");
            assertThat(query(copy, tables, null)).isEqualTo(query(source.name(), tables, null))
                    .allSatisfy(t -> assertThat(t).contains("CHECK ("));
            assertThat(checksums(copy)).isEqualTo(checksums(source.name())).hasSize(3);
            assertThat(query(copy, List.of("SELECT a FROM t ORDER BY id"), null)).containsExactly("-5", "5");
            // The restore's session alone ran without checks.
            assertThatThrownBy(() -> TestServers.execute(admin.jdbcUrlFor(copy), TestServers.MARIADB_USER,
                    "INSERT INTO t VALUES (3, -1)")).hasMessageContaining("CONSTRAINT `pos` failed");
            assertThatThrownBy(() -> TestServers.execute(admin.jdbcUrlFor(copy), TestServers.MARIADB_USER,
                    "UPDATE c SET b = 11 WHERE code = 'b'")).hasMessageContaining("CONSTRAINT `c.b` failed");
        }
    }

    /**
     * Tables whose rows break their checks: one added to a table holding such rows, a column's check written in its
     * CREATE TABLE before rows that break it went in, and a column's check added to its column by ALTER TABLE.
     * Shared with jdbc's tests, whose restore builds keys and an AUTO_INCREMENT by copying the rows, and loads the
     * table with a SET column by INSERTs.
     */
    public static final String[] ROWS_BREAKING_CHECKS = {
        "SET SESSION check_constraint_checks = 0",
        "CREATE TABLE t (id INT PRIMARY KEY, a INT, KEY by_a (a))",
        "INSERT INTO t VALUES (1, -5), (2, 5)",
        "ALTER TABLE t ADD CONSTRAINT pos CHECK (a > 0)",
        "CREATE TABLE c (code CHAR(2) PRIMARY KEY, n INT NOT NULL AUTO_INCREMENT UNIQUE, b INT CHECK (b < 10))",
        "INSERT INTO c (code, b) VALUES ('a', 50), ('b', 5)",
        "CREATE TABLE u (id INT PRIMARY KEY, b INT, tags SET('x', 'y'))",
        "INSERT INTO u VALUES (1, 50, ''), (2, 1, 'x')",
        "ALTER TABLE u MODIFY b INT CHECK (b < 10), ADD CONSTRAINT tagged CHECK (tags <> '')",
        "SET SESSION check_constraint_checks = 1"};

    /**
     * The fingerprints taken from the dump's rows (and, for system-versioned tables, by a SELECT) are those of the
     * source and of the restored copy, for every type family, NULLs, odd strings, binary and spatial values.
     */
    @Test
    public void fingerprintsFromTheDumpAreThoseOfTheSourceAndOfTheRestore() throws Exception {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            source.execute(MariaDbTextFingerprinterTest.MIXED);
            source.execute(MariaDbDumpRowsTest.ODD);
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            BackupReceipt receipt = method.backup(context(source.url()), payload);

            DatabaseAdmin admin = method.admin(context(source.url()));
            String copy = newDatabaseName(admin, source.name());
            method.restore(context(admin.jdbcUrlFor(copy)),
                    StreamSource.of(new ByteArrayInputStream(payload.toByteArray())), RestoreOptions.defaults());

            DataFingerprints selected;
            try (Connection c = source.connect()) {
                selected = new MariaDbTextFingerprinter().take(c);
            }
            DataFingerprints restored;
            try (Connection c = Jdbc.connect(MariaDbUrl.SCHEME, admin.jdbcUrlFor(copy), TestServers.mariaDbLogin())) {
                restored = new MariaDbTextFingerprinter().take(c);
            }
            assertThat(receipt.fingerprints()).isNotNull();
            assertThat(receipt.fingerprints().tables()).hasSize(11).containsKey("history").containsKey("many");
            assertThat(receipt.fingerprints()).isEqualTo(selected).isEqualTo(restored);
        }
    }

    /**
     * The global read lock that aligns the fingerprints' snapshot with the dump's is let go once the dump's
     * transaction has started, not when the dump ends. The payload's first bytes wait here for a write to commit,
     * with the dump still running behind them: a lock kept for the whole dump would hold that write until its own
     * timeout. The write came after both snapshots, so neither the dump nor the fingerprints see it.
     */
    @Test
    public void writesGoOnWhileTheDumpRuns() throws Exception {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            source.execute("CREATE TABLE bulk (id INT PRIMARY KEY, pad VARCHAR(200)) ENGINE=InnoDB",
                    "INSERT INTO bulk SELECT seq, REPEAT('x', 200) FROM seq_1_to_20000",
                    "CREATE TABLE late (x INT) ENGINE=InnoDB");
            List<String> written = new ArrayList<>();
            ByteArrayOutputStream payload = new ByteArrayOutputStream() {
                @Override
                public synchronized void write(byte[] b, int off, int len) {
                    if (written.isEmpty()) {
                        written.add(insertLate(source));
                    }
                    super.write(b, off, len);
                }
            };

            BackupReceipt receipt = method.backup(context(source.url()), payload);

            assertThat(written).containsExactly("committed");
            assertThat(payload.toString(StandardCharsets.UTF_8)).doesNotContain("INSERT INTO `late`");
            DatabaseAdmin admin = method.admin(context(source.url()));
            String copy = newDatabaseName(admin, source.name());
            method.restore(context(admin.jdbcUrlFor(copy)),
                    StreamSource.of(new ByteArrayInputStream(payload.toByteArray())), RestoreOptions.defaults());
            DataFingerprints restored;
            try (Connection c = Jdbc.connect(MariaDbUrl.SCHEME, admin.jdbcUrlFor(copy), TestServers.mariaDbLogin())) {
                restored = new MariaDbTextFingerprinter().take(c);
            }
            assertThat(receipt.fingerprints()).isNotNull().isEqualTo(restored);
            assertThat(rowCount(copy, "late")).isZero();
            assertThat(rowCount(copy, "bulk")).isEqualTo(20000);
        }
    }

    /** Commits a row into {@code late}, waiting up to 20 s for a lock on the way. */
    private static String insertLate(TestDatabase source) {
        try (Connection c = source.connect(); Statement s = c.createStatement()) {
            s.execute("SET SESSION lock_wait_timeout = 20");
            s.execute("INSERT INTO late VALUES (1)");
            return "committed";
        } catch (SQLException e) {
            return "not committed: " + e.getMessage();
        }
    }

    @Test
    public void passwordProtectedLoginWorksThroughTheOptionFileAndNeverShows() throws Exception {
        String password = "p@ss \"w#rd' \\ x;=[client]";
        String user = TestServers.uniqueName();
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            source.execute("CREATE TABLE t(id INT PRIMARY KEY, v VARCHAR(20))", "INSERT INTO t VALUES (1, 'one')");
            String copy = newDatabaseName(method.admin(context(source.url())), source.name());
            TestServers.execute(TestServers.mariaDbUrl(""), TestServers.MARIADB_USER,
                    "CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password.replace("\\", "\\\\")
                            .replace("'", "\\'") + "'",
                    "GRANT ALL ON " + source.name() + ".* TO '" + user + "'@'%'",
                    "GRANT ALL ON " + copy + ".* TO '" + user + "'@'%'");
            cleanups.add("DROP USER IF EXISTS '" + user + "'@'%'");
            List<String> messages = Collections.synchronizedList(new ArrayList<>());
            ProgressListener listener = new ProgressListener() {
                @Override
                public void progress(Progress progress) {
                }

                @Override
                public void message(String message) {
                    messages.add(message);
                }
            };
            DbCredential login = DbCredential.of(user, password);

            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            method.backup(context(source.url(), login, listener), payload);
            method.restore(context(TestServers.mariaDbUrl(copy), login, listener),
                    StreamSource.of(new ByteArrayInputStream(payload.toByteArray())), RestoreOptions.defaults());

            assertThat(checksums(copy)).isEqualTo(checksums(source.name()));
            assertThat(payload.toString(StandardCharsets.UTF_8)).doesNotContain(password);
            assertThat(String.join("\n", messages)).doesNotContain(password);
            assertThat(temp.getRoot().list()).isEmpty();

            DbCredential wrong = DbCredential.of(user, "not-the-password");
            assertThatThrownBy(() -> method.backup(context(source.url(), wrong, listener), new ByteArrayOutputStream()))
                    .isInstanceOfSatisfying(RunbookException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.CREDENTIALS);
                        assertThat(e.getMessage()).doesNotContain("not-the-password");
                    });
        }
    }

    @Test
    public void unreachableServerIsAConnectionError() {
        TestServers.requireServer("MariaDB", TestServers.mariaDbUrl(""), TestServers.MARIADB_USER);
        String url = "jdbc:mariadb://127.0.0.1:1/nowhere?connectTimeout=2000";
        assertThatThrownBy(() -> method.backup(context(url), new ByteArrayOutputStream()))
                .isInstanceOfSatisfying(RunbookException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONNECTION));
    }

    @Test
    public void missingToolsAreNamed() throws Exception {
        MethodContext bare = new MethodContext(TestServers.mariaDbUrl("db"), TestServers.mariaDbLogin(),
                new ToolLocator(List.of(temp.newFolder("empty").toPath())), temp.getRoot().toPath(),
                ProgressListener.NONE);
        assertThat(method.unavailableReason(bare)).hasValueSatisfying(r -> assertThat(r).contains("mariadb-dump"));
        assertThatThrownBy(() -> method.backup(bare, new ByteArrayOutputStream()))
                .isInstanceOfSatisfying(RunbookException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.TOOL_MISSING);
                    assertThat(e.getMessage()).contains("mariadb-dump").contains("mysqldump");
                });
        assertThatThrownBy(() -> method.restore(bare, StreamSource.of(InputStream.nullInputStream()), RestoreOptions.defaults()))
                .isInstanceOfSatisfying(RunbookException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.TOOL_MISSING);
                    assertThat(e.getMessage()).contains("'mariadb'");
                });
        assertThat(method.unavailableReason(context(TestServers.mariaDbUrl("db")))).isEmpty();
    }

    @Test
    public void failedRestoreReportsTheClientsErrorWithoutHangingAndDropCleansUp() throws Exception {
        TestServers.requireServer("MariaDB", TestServers.mariaDbUrl(""), TestServers.MARIADB_USER);
        DatabaseAdmin admin = method.admin(context(TestServers.mariaDbUrl("mysql")));
        String target = newDatabaseName(admin, "mysql");
        // Far more than a pipe holds, so the client's early exit must break our writes.
        byte[] head = "CREATE TABLE partial(id INT);\nINSERT INTO no_such_table VALUES (1);\n"
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = "INSERT INTO partial VALUES (2);\n".repeat(1_000_000).getBytes(StandardCharsets.UTF_8);
        InputStream payload = new SequenceInputStream(new ByteArrayInputStream(head), new ByteArrayInputStream(tail));

        assertThatThrownBy(() -> method.restore(context(admin.jdbcUrlFor(target)), StreamSource.of(payload),
                RestoreOptions.defaults()))
                .isInstanceOfSatisfying(RunbookException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.RESTORE_FAILED);
                    assertThat(e.getMessage()).contains("no_such_table").contains("exited with code");
                });
        assertThat(admin.exists(target)).isTrue();

        admin.drop(target);
        assertThat(admin.exists(target)).isFalse();
        admin.drop(target);
    }

    @Test
    public void urlsKeepTheirServerAndOptions() {
        MariaDbUrl url = MariaDbUrl.parse("jdbc:mysql://db.example:3307/app?permitMysqlScheme&sslMode=trust");
        assertThat(url.host()).isEqualTo("db.example");
        assertThat(url.port()).isEqualTo(3307);
        assertThat(url.database()).isEqualTo("app");
        assertThat(url.withDatabase("copy")).isEqualTo("jdbc:mysql://db.example:3307/copy?permitMysqlScheme&sslMode=trust");
        MariaDbUrl failover = MariaDbUrl.parse("jdbc:mariadb:sequential://[::1]:3310,other/app");
        assertThat(failover.host()).isEqualTo("::1");
        assertThat(failover.port()).isEqualTo(3310);
        assertThat(failover.withDatabase("")).isEqualTo("jdbc:mariadb:sequential://[::1]:3310,other/");
        assertThat(MariaDbUrl.parse("jdbc:mariadb://localhost").database()).isEmpty();
        assertThat(MariaDbAdmin.quote("we`ird")).isEqualTo("`we``ird`");
    }

    private static void fillAwkwardData(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE `order` (`select` INT PRIMARY KEY, `Mixed Case` VARCHAR(200),"
                        + " `with space` DECIMAL(38,18), dt DATETIME(6), ts TIMESTAMP(6) NULL DEFAULT NULL,"
                        + " bin VARBINARY(256), big LONGTEXT, blobby LONGBLOB, f DOUBLE, flag BIT(1))"
                        + " DEFAULT CHARSET=utf8mb4",
                "CREATE TABLE `child table` (id BIGINT AUTO_INCREMENT PRIMARY KEY, parent INT,"
                        + " note VARCHAR(100) DEFAULT 'n/a', FOREIGN KEY (parent) REFERENCES `order`(`select`),"
                        + " KEY `note index` (note)) DEFAULT CHARSET=utf8mb4",
                "CREATE TABLE audit (id INT AUTO_INCREMENT PRIMARY KEY, what VARCHAR(100))",
                "CREATE VIEW `order view` AS SELECT `select`, `Mixed Case` FROM `order` WHERE `select` > 1",
                "CREATE TRIGGER `child insert` AFTER INSERT ON `child table` FOR EACH ROW"
                        + " INSERT INTO audit(what) VALUES (CONCAT('child ', NEW.id))");
        byte[] allBytes = new byte[256];
        for (int i = 0; i < 256; i++) {
            allBytes[i] = (byte) i;
        }
        byte[] blob = new byte[2 * 1024 * 1024 + 17];
        new Random(7).nextBytes(blob);
        String bigText = "漢字 שלום 😀 ' \\ \n\t\0".repeat(100_000);
        try (Connection c = db.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("SET time_zone = '+05:45'");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO `order` VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setInt(1, 1);
                ps.setString(2, "😀 emoji, 漢字 CJK, שלום RTL, 'quotes' \"double\" ; -- not a comment */");
                ps.setBigDecimal(3, new BigDecimal("12345678901234567890.123456789012345678"));
                ps.setString(4, "2024-03-31 02:30:00.123456");
                ps.setString(5, "2024-03-10 02:30:00.654321");
                ps.setBytes(6, allBytes);
                ps.setString(7, bigText);
                ps.setBytes(8, blob);
                ps.setDouble(9, Math.PI);
                ps.setBoolean(10, true);
                ps.executeUpdate();
                ps.setInt(1, 2);
                for (int i = 2; i <= 10; i++) {
                    ps.setNull(i, java.sql.Types.NULL);
                }
                ps.executeUpdate();
                ps.setInt(1, 3);
                ps.setString(2, "");
                ps.setBigDecimal(3, new BigDecimal("-0.000000000000000001"));
                ps.setString(4, "1000-01-01 00:00:00");
                ps.setString(5, "1970-01-01 05:45:01");
                ps.setBytes(6, new byte[0]);
                ps.setString(7, "");
                ps.setBytes(8, new byte[0]);
                ps.setDouble(9, -1e308);
                ps.setBoolean(10, false);
                ps.executeUpdate();
            }
        }
        db.execute("INSERT INTO `child table`(parent, note) VALUES (1, 'a'), (1, NULL), (3, DEFAULT)");
    }

    private static List<String> catalog(String database) throws SQLException {
        return query(database, List.of(
                "SELECT TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT,"
                        + " CHARACTER_SET_NAME, COLLATION_NAME, COLUMN_KEY, EXTRA FROM information_schema.COLUMNS"
                        + " WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION",
                "SELECT TABLE_NAME, TABLE_TYPE, ENGINE, TABLE_COLLATION, AUTO_INCREMENT FROM information_schema.TABLES"
                        + " WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME",
                "SELECT TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME, NON_UNIQUE FROM"
                        + " information_schema.STATISTICS WHERE TABLE_SCHEMA = ? ORDER BY 1, 2, 3",
                "SELECT TRIGGER_NAME, EVENT_MANIPULATION, EVENT_OBJECT_TABLE, ACTION_TIMING, ACTION_STATEMENT"
                        + " FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ? ORDER BY 1",
                "SELECT TABLE_NAME, REPLACE(VIEW_DEFINITION, TABLE_SCHEMA, '(db)') FROM information_schema.VIEWS"
                        + " WHERE TABLE_SCHEMA = ? ORDER BY 1"), database);
    }

    private static List<String> checksums(String database) throws SQLException {
        List<String> out = new ArrayList<>();
        for (String table : query(database, List.of("SELECT TABLE_NAME FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY 1"), database)) {
            try (Connection c = connect(database); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("CHECKSUM TABLE " + MariaDbAdmin.quote(table) + " EXTENDED")) {
                rs.next();
                out.add(table + " " + rs.getString(2));
            }
        }
        return out;
    }

    private static String charset(String database) throws SQLException {
        return query("mysql", List.of("SELECT CONCAT(DEFAULT_CHARACTER_SET_NAME, ' ', DEFAULT_COLLATION_NAME)"
                + " FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?"), database).get(0);
    }

    private static long rowCount(String database, String table) throws SQLException {
        return Long.parseLong(query(database, List.of("SELECT COUNT(*) FROM " + table), null).get(0));
    }

    private static Connection connect(String database) {
        return Jdbc.connect(MariaDbUrl.SCHEME, TestServers.mariaDbUrl(database), TestServers.mariaDbLogin());
    }

    private static List<String> query(String database, List<String> statements, String parameter)
            throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = connect(database)) {
            for (String sql : statements) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    if (parameter != null) {
                        ps.setString(1, parameter);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            StringBuilder row = new StringBuilder();
                            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                                row.append(i == 1 ? "" : " | ").append(rs.getString(i));
                            }
                            out.add(row.toString());
                        }
                    }
                }
            }
        }
        return out;
    }
}
