package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import static io.jenkins.plugins.dbrunbooks.engine.method.jdbc.MariaDbJdbcMethodTest.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.method.BackupReceipt;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.method.RestoreOptions;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SchemaSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.testing.Eventually;
import io.jenkins.plugins.dbrunbooks.engine.testing.JdbcMethods;
import io.jenkins.plugins.dbrunbooks.engine.testing.RecordingListener;
import io.jenkins.plugins.dbrunbooks.engine.testing.StreamSource;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * MariaDB backups read on several connections into format version 2, and their restores: one moment across the
 * connections, exact values, the fallback to one connection, and older and cross-engine restores.
 */
public class MariaDbParallelBackupTest {
    private static final int WORKERS = 3;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final RecordingListener listener = new RecordingListener();

    private MethodContext context(String url, DbCredential login) {
        return new MethodContext(url, login, null, tmp.getRoot().toPath().resolve("work"), listener);
    }

    private MethodContext context(TestDatabase db) {
        return context(db.url(), db.login());
    }

    /** A backup of {@code db} and what it reported. */
    private record Snapshot(byte[] payload, BackupReceipt receipt) {
        int version() {
            return ByteBuffer.wrap(payload, 4, 2).getShort();
        }

        /** The most tables a version 2 stream has open at once: the number of connections that wrote it. */
        int maxOpen() {
            int schemaLength = ByteBuffer.wrap(payload, 6, 4).getInt();
            return ByteBuffer.wrap(payload, 10 + schemaLength, 2).getShort();
        }
    }

    private Snapshot backup(MethodContext context, int workers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BackupReceipt receipt = JdbcMethods.mariaDb(workers).backup(context, out);
        return new Snapshot(out.toByteArray(), receipt);
    }

    private void restore(byte[] payload, MethodContext target) {
        JdbcMethods.mariaDb().restore(target, StreamSource.of(new ByteArrayInputStream(payload)),
                RestoreOptions.defaults());
    }

    @Test
    public void shouldKeepSchemaAndEveryValueThroughSeveralConnections() {
        try (TestDatabase source = TestServers.newMariaDbDatabase();
                TestDatabase target = TestServers.newMariaDbDatabase()) {
            MariaDbJdbcMethodTest.loadAwkwardValues(source);
            source.execute("CREATE TABLE plain (id BIGINT PRIMARY KEY, owner INT NOT NULL, note VARCHAR(20),"
                            + " UNIQUE KEY by_note (note), KEY by_owner (owner, id))",
                    "INSERT INTO plain SELECT seq, 1 + seq % 3, CONCAT('n', seq) FROM seq_1_to_5000",
                    "CREATE VIEW plain_notes AS SELECT id, note FROM plain WHERE owner = 2");
            Snapshot snapshot = backup(context(source), WORKERS);
            // Its view is carried as the server wrote it, which only a version 4 reader replays.
            assertThat(snapshot.version()).isEqualTo(4);
            assertThat(snapshot.maxOpen()).isEqualTo(WORKERS);
            assertThat(listener.all()).contains("Reading tables on " + WORKERS + " connections that see one moment");
            assertThat(snapshot.receipt().rowCounts()).containsEntry("we`ird `name", 2004L)
                    .containsEntry("tagged", 3L).containsEntry("plain", 5000L);

            long loadsBefore = MariaDbJdbcMethodTest.comLoad();
            restore(snapshot.payload(), context(target));
            assertThat(MariaDbJdbcMethodTest.comLoad()).as("LOAD DATA statements run").isGreaterThan(loadsBefore);
            MariaDbJdbcMethodTest.assertSameAwkwardValues(source.url(), target.url());
            assertSameSchema(source.url(), target.url());
            assertThat(query(target.url(), "CHECKSUM TABLE plain").get(1))
                    .isEqualTo(query(source.url(), "CHECKSUM TABLE plain").get(1));
            assertThat(query(target.url(), "SELECT COUNT(*), MAX(note) FROM plain_notes"))
                    .isEqualTo(query(source.url(), "SELECT COUNT(*), MAX(note) FROM plain_notes"));
        }
    }

    @Test
    public void shouldSeeOneMomentOnEveryConnectionWhileAWriterCommitsToTwoTables() throws Exception {
        try (TestDatabase source = TestServers.newMariaDbDatabase();
                TestDatabase target = TestServers.newMariaDbDatabase()) {
            // The writer's two small tables are read first, on two connections at once, and the big one on a third.
            source.execute("CREATE TABLE orders (id BIGINT AUTO_INCREMENT PRIMARY KEY, note VARCHAR(40))",
                    "CREATE TABLE big (id INT PRIMARY KEY, pad VARCHAR(200))",
                    "INSERT INTO big SELECT seq, REPEAT('x', 200) FROM seq_1_to_200000",
                    "CREATE TABLE order_lines (id BIGINT AUTO_INCREMENT PRIMARY KEY, order_id BIGINT NOT NULL,"
                            + " CONSTRAINT order_lines_order FOREIGN KEY (order_id) REFERENCES orders (id))",
                    "ANALYZE TABLE big");
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong commits = new AtomicLong();
            AtomicReference<Throwable> writerFailure = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                try (Connection c = source.connect(); Statement s = c.createStatement()) {
                    c.setAutoCommit(false);
                    while (!stop.get()) {
                        s.executeUpdate("INSERT INTO orders (note) VALUES ('one')");
                        s.executeUpdate("INSERT INTO order_lines (order_id) VALUES (LAST_INSERT_ID())");
                        c.commit();
                        commits.incrementAndGet();
                    }
                } catch (Throwable t) {
                    writerFailure.set(t);
                }
            }, "writer");
            writer.start();
            Snapshot snapshot;
            long before;
            long after;
            try {
                Eventually.until("20 commits of the writer", () -> commits.get() >= 20 || writerFailure.get() != null);
                before = commits.get();
                snapshot = backup(context(source), WORKERS);
                after = commits.get();
            } finally {
                stop.set(true);
                writer.join();
            }
            assertThat(writerFailure.get()).isNull();
            assertThat(after).as("commits while the backup ran").isGreaterThan(before);
            assertThat(snapshot.maxOpen()).isEqualTo(WORKERS);
            long orders = snapshot.receipt().rowCounts().get("orders");
            assertThat(snapshot.receipt().rowCounts()).containsEntry("order_lines", orders)
                    .containsEntry("big", 200000L);
            assertThat(orders).isBetween(before, after);

            restore(snapshot.payload(), context(target));
            assertThat(query(target.url(), "SELECT (SELECT COUNT(*) FROM orders),"
                    + " (SELECT COUNT(*) FROM order_lines), (SELECT COUNT(*) FROM order_lines l"
                    + " LEFT JOIN orders o ON o.id = l.order_id WHERE o.id IS NULL)"))
                    .containsExactly(String.valueOf(orders), String.valueOf(orders), "0");
        }
    }

    /**
     * Small tables are read first, then the others biggest first: a worker that moves on to a small table of other
     * columns while another reads a big one slows the big one down (see {@link ParallelCopyBackup#planMariaDb}).
     */
    @Test
    public void shouldReadSmallTablesFirstThenTheBiggestFirst() throws Exception {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            source.execute("CREATE TABLE middle (id INT PRIMARY KEY, pad VARCHAR(200))",
                    "INSERT INTO middle SELECT seq, REPEAT('m', 200) FROM seq_1_to_10000",
                    "CREATE TABLE tiny (id INT PRIMARY KEY)", "INSERT INTO tiny VALUES (1)",
                    "CREATE TABLE big (id INT PRIMARY KEY, pad VARCHAR(200))",
                    "INSERT INTO big SELECT seq, REPEAT('b', 200) FROM seq_1_to_40000",
                    "CREATE TABLE other_tiny (code CHAR(2) PRIMARY KEY)", "INSERT INTO other_tiny VALUES ('ab')",
                    "ANALYZE TABLE middle, tiny, big, other_tiny");
            try (Connection c = source.connect()) {
                SchemaSnapshot schema = new MariaDbSnapshotDialect().catalogReader().read(c);
                List<String> order = ParallelCopyBackup.planMariaDb(c, schema).order().stream()
                        .map(i -> schema.tables().get(i).name()).toList();
                assertThat(order.subList(0, 2)).containsExactlyInAnyOrder("tiny", "other_tiny");
                assertThat(order.subList(2, 4)).containsExactly("big", "middle");
            }
        }
    }

    @Test
    public void shouldReadOnOneConnectionAndSaySoWithoutTheReloadPrivilege() {
        try (TestDatabase source = TestServers.newMariaDbDatabase();
                TestDatabase target = TestServers.newMariaDbDatabase()) {
            String user = TestServers.uniqueName();
            String root = TestServers.mariaDbUrl("");
            TestServers.execute(root, TestServers.MARIADB_USER, "CREATE USER '" + user + "'@'%'",
                    "GRANT SELECT, SHOW VIEW ON " + source.name() + ".* TO '" + user + "'@'%'");
            try {
                source.execute("CREATE TABLE a (id INT PRIMARY KEY, v VARCHAR(10))",
                        "INSERT INTO a SELECT seq, CONCAT('a', seq) FROM seq_1_to_1000",
                        "CREATE TABLE b (id INT PRIMARY KEY, a_id INT, KEY by_a (a_id))",
                        "INSERT INTO b SELECT seq, seq FROM seq_1_to_500");
                Snapshot snapshot = backup(context(source.url(), DbCredential.of(user, null)), WORKERS);
                assertThat(snapshot.version()).isEqualTo(2);
                assertThat(snapshot.maxOpen()).isEqualTo(1);
                assertThat(listener.all()).contains("Reading tables on one connection, in one consistent snapshot")
                        .contains("RELOAD").doesNotContain("connections that see one moment");

                restore(snapshot.payload(), context(target));
                for (String table : List.of("a", "b")) {
                    assertThat(query(target.url(), "CHECKSUM TABLE " + table).get(1))
                            .isEqualTo(query(source.url(), "CHECKSUM TABLE " + table).get(1));
                }
            } finally {
                TestServers.execute(root, TestServers.MARIADB_USER, "DROP USER IF EXISTS '" + user + "'@'%'");
            }
        }
    }

    @Test
    public void shouldReadOnOneConnectionAndSaySoWhenTheGlobalLockWaitsTooLong() throws Exception {
        try (TestDatabase source = TestServers.newMariaDbDatabase();
                TestDatabase target = TestServers.newMariaDbDatabase()) {
            source.execute("CREATE TABLE a (id INT PRIMARY KEY, v INT)", "INSERT INTO a VALUES (1, 0), (2, 0)");
            // A statement still running holds FLUSH TABLES WITH READ LOCK back past its wait.
            String slow = "UPDATE a SET v = v + SLEEP(" + (ConsistentRead.MARIADB_LOCK_WAIT_SECONDS + 4)
                    + ") WHERE id = 1";
            Thread writer = new Thread(() -> TestServers.execute(source.url(), TestServers.MARIADB_USER, slow));
            writer.start();
            try {
                Eventually.until("the slow update to run", () -> !query(source.url(), "SELECT COUNT(*) FROM"
                        + " information_schema.PROCESSLIST WHERE INFO = '" + slow + "'").get(0).equals("0"),
                        () -> writer.isAlive() ? null : "the slow update ended");
                Snapshot snapshot = backup(context(source), WORKERS);

                assertThat(snapshot.maxOpen()).isEqualTo(1);
                assertThat(listener.all()).contains("Reading tables on one connection, in one consistent snapshot")
                        .contains("waited " + ConsistentRead.MARIADB_LOCK_WAIT_SECONDS + " s")
                        .doesNotContain("connections that see one moment");
                restore(snapshot.payload(), context(target));
                assertThat(query(target.url(), "SELECT id, v FROM a ORDER BY id")).containsExactly("1", "0", "2", "0");
            } finally {
                writer.join();
            }
        }
    }

    @Test
    public void shouldStillRestoreVersion1Snapshots() {
        try (TestDatabase source = TestServers.newMariaDbDatabase();
                TestDatabase target = TestServers.newMariaDbDatabase()) {
            MariaDbJdbcMethodTest.loadAwkwardValues(source);
            ByteArrayOutputStream v1 = new ByteArrayOutputStream();
            new SnapshotBackup(new MariaDbSnapshotDialect()).run(context(source), v1);
            assertThat(ByteBuffer.wrap(v1.toByteArray(), 4, 2).getShort()).isEqualTo((short) 1);

            restore(v1.toByteArray(), context(target));
            MariaDbJdbcMethodTest.assertSameAwkwardValues(source.url(), target.url());
            assertSameSchema(source.url(), target.url());
        }
    }

    @Test
    public void shouldRestoreAParallelMariaDbBackupIntoPostgres() {
        try (TestDatabase source = TestServers.newMariaDbDatabase();
                TestDatabase target = TestServers.newPostgresDatabase()) {
            source.execute("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL,"
                            + " email VARCHAR(80), UNIQUE KEY by_email (email))",
                    "INSERT INTO customers SELECT seq, CONCAT('Grüße ', seq), CONCAT('c', seq, '@x')"
                            + " FROM seq_1_to_300",
                    "CREATE TABLE orders (id BIGINT PRIMARY KEY AUTO_INCREMENT, customer_id INT NOT NULL,"
                            + " total DECIMAL(12,2), at DATETIME(6), body LONGTEXT, data LONGBLOB,"
                            + " KEY by_customer (customer_id),"
                            + " CONSTRAINT orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id))",
                    "INSERT INTO orders (customer_id, total, at, body, data) SELECT 1 + seq % 300, seq / 8,"
                            + " '2024-03-31 02:30:00.123456', IF(seq = 5, REPEAT('ü', 100000), NULL),"
                            + " IF(seq % 2 = 0, UNHEX('00FF'), NULL) FROM seq_1_to_2000",
                    "CREATE TABLE notes (id INT PRIMARY KEY, note TEXT)",
                    "INSERT INTO notes VALUES (1, 'tab\\there'), (2, NULL)");
            Snapshot snapshot = backup(context(source), WORKERS);
            assertThat(snapshot.maxOpen()).isEqualTo(WORKERS);

            JdbcMethods.postgres().restore(context(target), StreamSource.of(new ByteArrayInputStream(
                    snapshot.payload())), RestoreOptions.defaults());
            String sums = "SELECT COUNT(*), SUM(total), MAX(at), SUM(CHAR_LENGTH(body)), COUNT(data) FROM orders";
            List<String> copied = queryPostgres(target, "SELECT COUNT(*), SUM(\"total\"), MAX(\"at\"),"
                    + " SUM(LENGTH(\"body\")), COUNT(\"data\") FROM \"orders\"");
            assertThat(copied).isEqualTo(query(source.url(), sums)).startsWith("2000").endsWith("100000", "1000");
            assertThat(queryPostgres(target, "SELECT COUNT(*), MAX(\"name\") FROM \"customers\""))
                    .containsExactly("300", "Grüße 99");
            assertThat(queryPostgres(target, "SELECT \"note\" FROM \"notes\" ORDER BY \"id\""))
                    .containsExactly("tab\there", null);
            assertThat(queryPostgres(target, "SELECT conrelid::regclass::text, confrelid::regclass::text"
                    + " FROM pg_constraint WHERE contype = 'f'")).containsExactly("orders", "customers");
        }
    }

    /** Columns, keys, indexes and foreign keys of every table, as information_schema has them. */
    private static void assertSameSchema(String source, String target) {
        for (String sql : List.of(
                "SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                        + " ORDER BY 1",
                "SELECT TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA,"
                        + " CHARACTER_SET_NAME, COLLATION_NAME FROM information_schema.COLUMNS"
                        + " WHERE TABLE_SCHEMA = DATABASE() ORDER BY 1, 3",
                "SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, SEQ_IN_INDEX, COLUMN_NAME, INDEX_TYPE"
                        + " FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() ORDER BY 1, 2, 4",
                "SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME,"
                        + " k.REFERENCED_COLUMN_NAME, r.UPDATE_RULE, r.DELETE_RULE"
                        + " FROM information_schema.KEY_COLUMN_USAGE k JOIN information_schema.REFERENTIAL_CONSTRAINTS r"
                        + " ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME"
                        + " WHERE k.TABLE_SCHEMA = DATABASE() ORDER BY 1, 2, 3")) {
            assertThat(query(target, sql)).as(sql).isEqualTo(query(source, sql)).isNotEmpty();
        }
    }

    private static List<String> queryPostgres(TestDatabase db, String sql) {
        List<String> values = new java.util.ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery(sql)) {
            int width = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= width; i++) {
                    values.add(rs.getString(i));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
        return values;
    }
}
