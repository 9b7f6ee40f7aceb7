package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupResult;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.inventory.Inventory;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreOperation;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreRequest;
import io.jenkins.plugins.dbrunbooks.engine.testing.ChildBackup;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.Eventually;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.Queries;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The jdbc method from MariaDB to MariaDB: exact values through LOAD DATA, one moment, and faults. */
public class MariaDbJdbcMethodTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private EngineFixture fixture(TestDatabase source) {
        return ChildBackup.fixture(tmp.getRoot().toPath(), source.url(), source.login());
    }

    private static BackupResult backup(EngineFixture fixture) {
        return new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
    }

    @Test
    public void shouldKeepAwkwardValuesIdentical() {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            loadAwkwardValues(source);
            EngineFixture fixture = fixture(source);
            BackupResult backup = backup(fixture);
            assertThat(backup.manifest().rowCounts()).containsEntry("we`ird `name", 2004L)
                    .containsEntry("tagged", 3L);
            String copy = source.name() + "_copy";
            try {
                long loadsBefore = comLoad();
                new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders").intoNew(copy));
                assertThat(comLoad()).as("LOAD DATA statements run").isGreaterThan(loadsBefore);
                assertSameAwkwardValues(source.url(), TestServers.mariaDbUrl(copy));
            } finally {
                TestServers.dropMariaDb(copy);
            }
        }
    }

    /** Two tables of values that are hard to carry exactly: 2004 rows and 3, with an index and a foreign key. */
    static void loadAwkwardValues(TestDatabase db) {
        db.execute("SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_AUTO_VALUE_ON_ZERO')",
                "CREATE TABLE `we``ird ``name` (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                        + " `col ``q` VARCHAR(100), t LONGTEXT, b LONGBLOB, vb VARBINARY(300), bin BINARY(4),"
                        + " dec65 DECIMAL(65,30), d DATE, dt DATETIME(6), ts TIMESTAMP(6) NULL, tm TIME(6),"
                        + " f FLOAT, g DOUBLE, flag TINYINT(1), tiny TINYINT, big BIGINT, ubig BIGINT UNSIGNED,"
                        + " yr YEAR, e ENUM('a','b''c','d\\\\e'), j JSON, u UUID, ch CHAR(5),"
                        + " KEY by_text (`col ``q`))",
                // Every byte value, and the characters LOAD DATA treats specially, in text and binary.
                "INSERT INTO `we``ird ``name` VALUES (0, 'tab\\there\\nnew\\rret \\\\N \\\\ back\\\\slash',"
                        + " CONCAT('nul', CHAR(0), 'after \\\\N', '\\t'), (SELECT GROUP_CONCAT(UNHEX(LPAD(HEX(seq),"
                        + " 2, '0')) ORDER BY seq SEPARATOR '') FROM seq_0_to_255), UNHEX('5C4E'), UNHEX('00090A5C'),"
                        + " '12345678901234567890123456789012345.123456789012345678901234567890',"
                        + " '1000-01-01', '1000-01-01 00:00:00.000001', '1970-01-02 00:00:00.000001',"
                        + " '00:00:00', -3.40282e38, 1.7976931348623157e308, 1, -128, -9223372036854775808,"
                        + " 18446744073709551615, 1901, 'b''c', '{\"k\": \"tab\\\\there \\\\\"q\\\\\" ü 😀\"}',"
                        + " 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'ab')",
                "INSERT INTO `we``ird ``name` VALUES (7, 'Grüße 🎉 日本語 \\\\N', '😀 four-byte 𝄞 and é',"
                        + " '', '', UNHEX('FFFFFFFF'), '-0.000000000000000000000000000001', '9999-12-31',"
                        + " '9999-12-31 23:59:59.999999', '2038-01-19 03:14:07.999999', '23:59:59.999999',"
                        + " 1.17549e-38, 2.2250738585072014e-308, 0, 127, 9223372036854775807, 0, 2155,"
                        + " 'd\\\\e', '[1, 2.5e10, null, \"\\\\\\\\N\"]', '00000000-0000-0000-0000-000000000000', '')",
                "INSERT INTO `we``ird ``name` (id) VALUES (8)",
                // Larger than the 1 MiB a restore keeps in memory: spooled, then streamed into the load.
                "INSERT INTO `we``ird ``name` (id, t, b) VALUES (9, REPEAT('ab\\t\\\\\\n😀 ', 300000),"
                        + " REPEAT(UNHEX('00095C0A0D4E5A'), 400000))",
                // FLOAT values of more than six digits too (MariaDbFidelityTest has every exponent).
                "INSERT INTO `we``ird ``name` (`col ``q`, f, g) SELECT CONCAT('row ', seq), seq / 4, seq / 7"
                        + " FROM seq_1_to_2000",
                // SET has no text form the loader trusts: this table goes through the batched INSERTs.
                "CREATE TABLE tagged (id INT PRIMARY KEY, owner INT, tags SET('x','y','z'),"
                        + " CONSTRAINT tagged_owner FOREIGN KEY (owner) REFERENCES `we``ird ``name` (id)"
                        + " ON DELETE CASCADE)",
                "INSERT INTO tagged VALUES (1, 0, 'x,z'), (2, 7, ''), (3, NULL, NULL)");
    }

    /** The tables {@link #loadAwkwardValues} made hold the same values, keys and identity in both databases. */
    static void assertSameAwkwardValues(String source, String target) {
        String values = "SELECT id, HEX(`col ``q`), HEX(t), HEX(b), HEX(vb), HEX(bin), dec65, d, dt, ts, tm,"
                + " f, g, flag, tiny, big, ubig, yr, e, j, u, ch FROM `we``ird ``name` WHERE id < 9"
                + " ORDER BY id";
        assertThat(query(target, values)).isEqualTo(query(source, values)).hasSize(3 * 22);
        for (String table : List.of("`we``ird ``name`", "tagged")) {
            // CHECKSUM TABLE reads every column of every row as stored.
            assertThat(query(target, "CHECKSUM TABLE " + table).get(1))
                    .isEqualTo(query(source, "CHECKSUM TABLE " + table).get(1)).isNotNull();
        }
        String large = "SELECT LENGTH(t), MD5(t), LENGTH(b), MD5(b) FROM `we``ird ``name` WHERE id = 9";
        assertThat(query(target, large)).isEqualTo(query(source, large))
                .startsWith(String.valueOf(300000 * "ab\t\\\n😀 ".getBytes(java.nio.charset.StandardCharsets
                        .UTF_8).length));
        assertThat(query(target, "SELECT id, tags FROM tagged ORDER BY id"))
                .containsExactly("1", "x,z", "2", "", "3", null);
        String rules = "SELECT UPDATE_RULE, DELETE_RULE FROM information_schema.REFERENTIAL_CONSTRAINTS"
                + " WHERE CONSTRAINT_SCHEMA = DATABASE()";
        assertThat(query(target, rules)).isEqualTo(query(source, rules)).hasSize(2);
        // The identity continues where the source's would, and 0 stayed 0.
        assertThat(query(target, "SELECT AUTO_INCREMENT FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'we`ird `name'"))
                .isEqualTo(query(source, "SELECT AUTO_INCREMENT FROM information_schema.TABLES"
                        + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'we`ird `name'"));
    }

    @Test
    public void shouldTakeOneMomentWhileAWriterCommitsToTwoTables() throws Exception {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            // Tables are read in name order: the writer's two tables first and last, a big one between them.
            source.execute("CREATE TABLE a_orders (id BIGINT AUTO_INCREMENT PRIMARY KEY, note VARCHAR(40))",
                    "CREATE TABLE m_big (id INT PRIMARY KEY, pad VARCHAR(200))",
                    "INSERT INTO m_big SELECT seq, REPEAT('x', 200) FROM seq_1_to_200000",
                    "CREATE TABLE z_lines (id BIGINT AUTO_INCREMENT PRIMARY KEY, order_id BIGINT NOT NULL,"
                            + " CONSTRAINT lines_order FOREIGN KEY (order_id) REFERENCES a_orders (id))");
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong commits = new AtomicLong();
            AtomicReference<Throwable> writerFailure = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                try (Connection c = source.connect(); Statement s = c.createStatement()) {
                    c.setAutoCommit(false);
                    while (!stop.get()) {
                        s.executeUpdate("INSERT INTO a_orders (note) VALUES ('one')");
                        s.executeUpdate("INSERT INTO z_lines (order_id) VALUES (LAST_INSERT_ID())");
                        c.commit();
                        commits.incrementAndGet();
                    }
                } catch (Throwable t) {
                    writerFailure.set(t);
                }
            }, "writer");
            writer.start();
            BackupResult backup;
            long before;
            long after;
            try {
                Eventually.until("20 commits of the writer", () -> commits.get() >= 20 || writerFailure.get() != null);
                before = commits.get();
                backup = backup(fixture(source));
                after = commits.get();
            } finally {
                stop.set(true);
                writer.join();
            }
            assertThat(writerFailure.get()).isNull();
            assertThat(after).as("commits while the backup ran").isGreaterThan(before);
            long orders = backup.manifest().rowCounts().get("a_orders");
            assertThat(backup.manifest().rowCounts()).containsEntry("z_lines", orders).containsEntry("m_big", 200000L);
            assertThat(orders).isBetween(before, after);

            EngineFixture fixture = fixture(source);
            String copy = source.name() + "_copy";
            try {
                new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders").intoNew(copy));
                String target = TestServers.mariaDbUrl(copy);
                assertThat(query(target, "SELECT (SELECT COUNT(*) FROM a_orders), (SELECT COUNT(*) FROM z_lines),"
                        + " (SELECT COUNT(*) FROM z_lines l LEFT JOIN a_orders o ON o.id = l.order_id"
                        + " WHERE o.id IS NULL)")).containsExactly(String.valueOf(orders), String.valueOf(orders),
                        "0");
            } finally {
                TestServers.dropMariaDb(copy);
            }
        }
    }

    @Test
    public void shouldLeaveNothingThatListsWhenTheBackupProcessIsKilled() throws Exception {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            source.execute("CREATE TABLE big (id INT PRIMARY KEY, pad VARCHAR(300))",
                    "INSERT INTO big SELECT seq, REPEAT(MD5(seq), 8) FROM seq_1_to_400000");
            Path root = tmp.getRoot().toPath();
            Process child = ChildBackup.start(root, source.url(), TestServers.MARIADB_USER);
            Path dir = root.resolve("backups/qa/orders");
            // Killed once it has written part of the payload.
            ChildBackup.killOnceWritten(child, dir, 64 * 1024);
            assertThat(ChildBackup.files(dir)).isNotEmpty().allSatisfy(f -> assertThat(f.getFileName().toString())
                    .startsWith(".").endsWith("." + child.pid() + ".partial"));
            EngineFixture next = fixture(source);
            assertThat(new Inventory(next.context()).list("qa", "orders")).isEmpty();
            assertThat(ChildBackup.files(dir)).as("the next command removes what the killed one left").isEmpty();
            assertThat(next.listener.messages).anyMatch(m -> m.endsWith("left behind by a backup that was killed"));
        }
    }

    @Test
    public void shouldFailCleanlyWhenTheServerKillsTheBackupsConnection() throws Exception {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            source.execute("CREATE TABLE big (id INT PRIMARY KEY, pad VARCHAR(300))",
                    "INSERT INTO big SELECT seq, REPEAT(MD5(seq), 8) FROM seq_1_to_400000");
            EngineFixture fixture = fixture(source);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread backup = new Thread(() -> {
                try {
                    backup(fixture);
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            backup.start();
            // The rows' SELECT, not a catalog query that names the table.
            String reader = Eventually.value("the backup's reading connection", () -> query(TestServers.mariaDbUrl(""),
                    "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = '" + source.name()
                            + "' AND INFO LIKE 'SELECT%FROM `big`'").stream().findFirst().orElse(null),
                    () -> backup.isAlive() ? null : "the backup ended first");
            TestServers.execute(TestServers.mariaDbUrl(""), TestServers.MARIADB_USER, "KILL CONNECTION " + reader);
            backup.join();

            assertThat(failure.get()).isInstanceOfSatisfying(RunbookException.class,
                    e -> assertThat(e.kind()).isEqualTo(ErrorKind.BACKUP_FAILED));
            assertThat(new Inventory(fixture.context()).list("qa", "orders")).isEmpty();
            assertThat(ChildBackup.files(fixture.backupRoot().resolve("qa/orders"))).isEmpty();
        }
    }

    static long comLoad() {
        return Long.parseLong(query(TestServers.mariaDbUrl(""), "SHOW GLOBAL STATUS LIKE 'Com_load'").get(1));
    }

    /** Every column of every row, as text, in order. */
    static List<String> query(String url, String sql) {
        return Queries.rows(url, TestServers.MARIADB_USER, sql);
    }
}
