package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupResult;
import io.jenkins.plugins.dbrunbooks.engine.config.DatabaseTarget;
import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.config.Role;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreOperation;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreRequest;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreResult;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.Queries;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A MariaDB database with sequences, routines, triggers, events, views over views, ON UPDATE columns and checks
 * comes back from a jdbc backup as the server wrote it: the same SHOW CREATE of every object and the same rows,
 * into a new database and in place. What a jdbc backup cannot carry is refused before a file is written.
 */
public class MariaDbDefinitionsTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /** Objects of every kind; some written under another sql_mode, one with non-ASCII text in its body. */
    private static void load(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String statement : List.of(
                    "CREATE SEQUENCE ticket START WITH 100 INCREMENT BY 5 MINVALUE 1 MAXVALUE 100000 CACHE 10 CYCLE",
                    "CREATE SEQUENCE unused",
                    "CREATE TABLE orders (id INT PRIMARY KEY, ticket INT DEFAULT NEXTVAL(ticket),"
                            + " status ENUM('new','paid') NOT NULL DEFAULT 'new', qty INT CHECK (qty > 0),"
                            + " price DECIMAL(10,2), label VARCHAR(40),"
                            + " changed TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),"
                            + " touched DATETIME NULL ON UPDATE CURRENT_TIMESTAMP,"
                            + " CONSTRAINT positive_price CHECK (price >= 0))",
                    "CREATE TABLE audit (id INT AUTO_INCREMENT PRIMARY KEY, order_id INT, what VARCHAR(20))",
                    "SET SESSION sql_mode = 'ANSI_QUOTES,PIPES_AS_CONCAT'",
                    "CREATE FUNCTION net(p DECIMAL(10,2)) RETURNS DECIMAL(10,2) DETERMINISTIC"
                            + " RETURN p * 0.8",
                    "CREATE PROCEDURE bump(IN which INT) UPDATE \"orders\" SET qty = qty + 1 WHERE id = which",
                    "CREATE TRIGGER orders_label BEFORE INSERT ON orders FOR EACH ROW"
                            + " SET NEW.label = 'é-' || NEW.id",
                    "SET SESSION sql_mode = DEFAULT",
                    "CREATE TRIGGER orders_shout BEFORE INSERT ON orders FOR EACH ROW FOLLOWS orders_label"
                            + " SET NEW.label = UPPER(NEW.label)",
                    "CREATE TRIGGER orders_audit AFTER UPDATE ON orders FOR EACH ROW"
                            + " INSERT INTO audit (order_id, what) VALUES (NEW.id, 'update')",
                    // A view over a view whose name sorts after it, and one over a function.
                    "CREATE VIEW z_base AS SELECT id, net(price) AS net_price FROM orders",
                    "CREATE SQL SECURITY INVOKER VIEW a_total AS SELECT SUM(net_price) AS total FROM z_base",
                    "CREATE VIEW paid AS SELECT id, status FROM orders WHERE status = 'paid' WITH CHECK OPTION",
                    "CREATE EVENT cleanup ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' DISABLE"
                            + " DO DELETE FROM audit WHERE id < 0",
                    "INSERT INTO orders (id, status, qty, price) VALUES (1, 'new', 1, 10.50), (2, 'paid', 3, 2.25),"
                            + " (3, 'paid', 2, 0)",
                    "UPDATE orders SET qty = 5 WHERE id = 3",
                    "DO NEXTVAL(ticket)")) {
                s.execute(statement);
            }
        }
    }

    /**
     * Every object's definition as SHOW CREATE gives it, and every table's checksum, by object; the database's own
     * name (a default calling a sequence names it) as {@code DB}.
     */
    private static Map<String, List<String>> describe(String url, String database) {
        Map<String, List<String>> objects = new TreeMap<>();
        describe(url).forEach((object, lines) -> objects.put(object, lines.stream()
                .map(line -> line == null ? null : line.replace("`" + database + "`", "DB")).toList()));
        return objects;
    }

    private static Map<String, List<String>> describe(String url) {
        Map<String, List<String>> objects = new TreeMap<>();
        for (String row : rows(url, "SELECT CONCAT(TABLE_TYPE, ':', TABLE_NAME) FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = DATABASE()")) {
            String[] typeAndName = row.split(":", 2);
            String name = "`" + typeAndName[1] + "`";
            switch (typeAndName[0]) {
                case "VIEW" -> objects.put("view " + name, rows(url, "SHOW CREATE VIEW " + name));
                case "SEQUENCE" -> objects.put("sequence " + name, rows(url, "SHOW CREATE SEQUENCE " + name));
                default -> {
                    objects.put("table " + name, rows(url, "SHOW CREATE TABLE " + name));
                    objects.put("checksum " + name, rows(url, "CHECKSUM TABLE " + name).subList(1, 2));
                    objects.put("rows " + name, rows(url, "SELECT * FROM " + name + " ORDER BY 1"));
                }
            }
        }
        for (String row : rows(url, "SELECT CONCAT(ROUTINE_TYPE, ' `', ROUTINE_NAME, '`') FROM"
                + " information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()")) {
            objects.put(row, rows(url, "SHOW CREATE " + row));
        }
        for (String trigger : rows(url, "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS"
                + " WHERE TRIGGER_SCHEMA = DATABASE()")) {
            // Without the time it was created.
            objects.put("trigger " + trigger, rows(url, "SHOW CREATE TRIGGER `" + trigger + "`").subList(0, 6));
        }
        objects.put("trigger order", rows(url, "SELECT TRIGGER_NAME, ACTION_ORDER FROM information_schema.TRIGGERS"
                + " WHERE TRIGGER_SCHEMA = DATABASE() ORDER BY 1"));
        for (String event : rows(url, "SELECT EVENT_NAME FROM information_schema.EVENTS"
                + " WHERE EVENT_SCHEMA = DATABASE()")) {
            objects.put("event " + event, rows(url, "SHOW CREATE EVENT `" + event + "`"));
        }
        return objects;
    }

    private static List<String> rows(String url, String sql) {
        return Queries.rows(url, TestServers.MARIADB_USER, sql);
    }

    private EngineFixture fixture(TestDatabase db) {
        return new EngineFixture(tmp.getRoot().toPath(), TestServers.mariaDbLogin())
                .environment("qa", EngineFixture.database("orders", db.url(), MethodChoice.JDBC));
    }

    @Test
    public void shouldRestoreEveryObjectAsTheServerWroteItIntoANewDatabaseAndInPlace() throws Exception {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            load(source);
            Map<String, List<String>> before = describe(source.url(), source.name());
            assertThat(before).containsKeys("sequence `ticket`", "sequence `unused`", "FUNCTION `net`",
                    "PROCEDURE `bump`", "trigger orders_label", "trigger orders_shout", "trigger orders_audit",
                    "view `z_base`", "view `a_total`", "view `paid`", "event cleanup", "table `orders`");
            EngineFixture fixture = fixture(source);
            BackupResult backup = new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
            assertThat(backup.manifest().notCarried()).isEmpty();
            assertThat(backup.manifest().toolVersion()).as("a version 3 reader must refuse it").isEqualTo("format 4");
            String copy = source.name() + "_copy";
            try {
                new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders").intoNew(copy));
                String target = TestServers.mariaDbUrl(copy);
                assertThat(describe(target, copy)).isEqualTo(before);

                // The copy behaves as the source: sequences continue where they were, triggers fire in order,
                // ON UPDATE sets its column, checks hold.
                for (String url : List.of(source.url(), target)) {
                    TestServers.execute(url, TestServers.MARIADB_USER,
                            "INSERT INTO orders (id, qty, price) VALUES (4, 1, 1)", "CALL bump(4)");
                }
                String behaviour = "SELECT id, ticket, label, qty, changed > '2001-01-01', touched IS NOT NULL"
                        + " FROM orders ORDER BY id";
                assertThat(rows(target, behaviour)).isEqualTo(rows(source.url(), behaviour))
                        .containsSequence("É-4", "2", "1", "1");
                assertThat(rows(target, "SELECT * FROM audit ORDER BY id"))
                        .isEqualTo(rows(source.url(), "SELECT * FROM audit ORDER BY id"));
                assertThat(rows(target, "SELECT total FROM a_total")).isEqualTo(rows(source.url(),
                        "SELECT total FROM a_total"));
                assertThatThrownBy(() -> TestServers.execute(target, TestServers.MARIADB_USER,
                        "UPDATE orders SET qty = 0 WHERE id = 1")).hasMessageContaining("qty");
            } finally {
                TestServers.dropMariaDb(copy);
            }

            // In place, over a database whose objects changed since: exactly the backup's objects come back.
            source.execute("DROP PROCEDURE bump", "DROP VIEW a_total", "CREATE OR REPLACE VIEW z_base AS SELECT 1 AS x",
                    "CREATE EVENT stray ON SCHEDULE EVERY 1 HOUR DISABLE DO SELECT 1",
                    "CREATE FUNCTION stray_fn() RETURNS INT RETURN 1", "DROP TRIGGER orders_shout",
                    "ALTER SEQUENCE ticket RESTART WITH 7", "DELETE FROM orders WHERE id = 4");
            new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders")
                    .withBackup(backup.id()).withSafetyBackup(false));
            assertThat(describe(source.url(), source.name())).isEqualTo(before);
        }
    }

    /**
     * A restore creates tables in the target's default engine: a MyISAM or Aria table, and one with options of its
     * own, comes back in its engine with its options, and an index with a descending column or a comment as it was.
     */
    @Test
    public void shouldRestoreTablesInTheirStorageEngineWithTheirOptionsAndIndexesAsWritten() {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            source.execute("CREATE TABLE legacy (id INT PRIMARY KEY, v VARCHAR(20)) ENGINE=MyISAM CHECKSUM=1"
                            + " MAX_ROWS=1000",
                    "CREATE TABLE crashsafe (id INT PRIMARY KEY, v VARCHAR(20)) ENGINE=Aria TRANSACTIONAL=0"
                            + " ROW_FORMAT=FIXED",
                    "CREATE TABLE packed (id INT PRIMARY KEY, v TEXT) ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=8",
                    "CREATE TABLE plain (id INT PRIMARY KEY, a INT, b INT)",
                    "CREATE INDEX plain_recent ON plain (a DESC, b) COMMENT 'newest first'",
                    "INSERT INTO legacy VALUES (1, 'a'), (2, 'b')", "INSERT INTO crashsafe VALUES (1, 'c')",
                    "INSERT INTO packed VALUES (1, REPEAT('x', 500))", "INSERT INTO plain VALUES (1, 2, 3)");
            Map<String, List<String>> before = describe(source.url(), source.name());
            assertThat(before.get("table `legacy`").toString()).contains("ENGINE=MyISAM", "CHECKSUM=1");
            EngineFixture fixture = fixture(source);

            BackupResult backup = new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));

            assertThat(backup.manifest().notCarried()).isEmpty();
            String copy = source.name() + "_copy";
            try {
                new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders").intoNew(copy));

                Map<String, List<String>> after = describe(TestServers.mariaDbUrl(copy), copy);
                assertThat(after.get("table `crashsafe`").toString()).contains("ENGINE=Aria", "TRANSACTIONAL=0");
                assertThat(after.get("table `plain`").toString()).contains("`a` DESC", "COMMENT 'newest first'");
                assertThat(after).isEqualTo(before);
            } finally {
                TestServers.dropMariaDb(copy);
            }
        }
    }

    /**
     * PostgreSQL cannot take MariaDB's own definitions nor ON UPDATE: the restore is refused before the target is
     * touched, naming each; a target that accepts partial copies gets the tables and rows, and the list.
     */
    @Test
    public void shouldRefuseMariaDbDefinitionsIntoPostgresUnlessTheTargetAcceptsPartialCopies() {
        try (TestDatabase source = TestServers.newMariaDbDatabase();
                TestDatabase target = TestServers.newPostgresDatabase()) {
            source.execute("CREATE TABLE items (id INT PRIMARY KEY, at DATETIME ON UPDATE CURRENT_TIMESTAMP)",
                    "INSERT INTO items (id) VALUES (1), (2)", "CREATE VIEW two AS SELECT id FROM items",
                    "CREATE TRIGGER items_id BEFORE INSERT ON items FOR EACH ROW SET NEW.id = NEW.id + 0");
            Map<Role, String> roles = Map.of(Role.BACKUP, "backup", Role.RESTORE, "restore", Role.DEPLOY, "deploy");
            EngineFixture fixture = fixture(source)
                    .environment("dev", new DatabaseTarget("copy", target.url(), MethodChoice.JDBC, roles, false))
                    .environment("test", new DatabaseTarget("copy", target.url(), MethodChoice.JDBC, roles, true));
            new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
            fixture.login(target.login());

            assertThatThrownBy(() -> new RestoreOperation(fixture.context()).run(RestoreRequest.of("dev", "copy")
                    .from("qa", "orders").withSafetyBackup(false)))
                    .isInstanceOfSatisfying(RunbookException.class,
                            e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_CARRIED))
                    .hasMessageContaining("view two").hasMessageContaining("trigger items.items_id")
                    .hasMessageContaining("ON UPDATE current_timestamp() of items.at")
                    .hasMessageContaining("nothing was touched");
            assertThat(Queries.rows(target.url(), TestServers.PG_USER, "SELECT COUNT(*) FROM pg_catalog.pg_tables"
                    + " WHERE schemaname = 'public'")).containsExactly("0");

            RestoreResult result = new RestoreOperation(fixture.context()).run(RestoreRequest.of("test", "copy")
                    .from("qa", "orders").withSafetyBackup(false));
            assertThat(result.leftOut()).anySatisfy(n -> assertThat(n).startsWith("view two"))
                    .anySatisfy(n -> assertThat(n).startsWith("trigger items.items_id"))
                    .anySatisfy(n -> assertThat(n).startsWith("ON UPDATE"));
            assertThat(Queries.rows(target.url(), TestServers.PG_USER, "SELECT id FROM items ORDER BY id"))
                    .containsExactly("1", "2");
        }
    }

    /** A version 3 reader would drop ON UPDATE without a word; a plain database stays readable by version 2. */
    @Test
    public void shouldWriteFormat4ForAColumnSetOnUpdateAndFormat2ForAPlainDatabase() {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            source.execute("CREATE TABLE plain (id INT PRIMARY KEY, n INT CHECK (n > 0))");
            EngineFixture fixture = fixture(source);
            assertThat(new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null))
                    .manifest().toolVersion()).isEqualTo("format 2");
            source.execute("CREATE TABLE stamped (id INT PRIMARY KEY, at DATETIME ON UPDATE CURRENT_TIMESTAMP)");
            assertThat(new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null))
                    .manifest().toolVersion()).isEqualTo("format 4");
        }
    }

    /**
     * A partitioned table is refused by name; a partial backup leaves out its partitioning, which it says, and
     * keeps the table and every partition's rows.
     */
    @Test
    public void shouldNameThePartitioningAPartialBackupLeavesOutAndKeepTheRows() throws Exception {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            source.execute("CREATE TABLE parts (id INT PRIMARY KEY, note VARCHAR(10)) PARTITION BY HASH (id)"
                    + " PARTITIONS 3", "INSERT INTO parts SELECT seq, CONCAT('n', seq) FROM seq_1_to_30");
            assertThatThrownBy(() -> new BackupOperation(fixture(source).context())
                    .run(new BackupRequest("qa", "orders", null)))
                    .isInstanceOfSatisfying(RunbookException.class,
                            e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_CARRIED))
                    .hasMessageContaining("partitioning of table parts");
            EngineFixture partial = new EngineFixture(tmp.getRoot().toPath(), TestServers.mariaDbLogin())
                    .environment("qa", new DatabaseTarget("orders", source.url(), MethodChoice.JDBC,
                            Map.of(Role.BACKUP, "backup", Role.RESTORE, "restore", Role.DEPLOY, "deploy"), true));
            Manifest manifest = new BackupOperation(partial.context()).run(new BackupRequest("qa", "orders", null))
                    .manifest();
            assertThat(manifest.notCarried()).containsExactly("partitioning of table parts");
            assertThat(manifest.rowCounts()).containsValue(30L);
        }
    }

    @Test
    public void shouldRefuseASystemVersionedTableAndTheEnumErrorValueBeforeWritingAFile() throws Exception {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            try (Connection c = source.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE prices (id INT PRIMARY KEY, amount INT) WITH SYSTEM VERSIONING");
                s.execute("SET SESSION sql_mode = ''");
                s.execute("CREATE TABLE moods (id INT PRIMARY KEY, mood ENUM('happy','sad'), fine ENUM('','ok'))");
                s.execute("INSERT INTO moods VALUES (1, 'happy', ''), (2, 'bored', 'ok')");
            }
            EngineFixture fixture = fixture(source);
            assertThatThrownBy(() -> new BackupOperation(fixture.context())
                    .run(new BackupRequest("qa", "orders", null)))
                    .isInstanceOfSatisfying(RunbookException.class,
                            e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_CARRIED))
                    .hasMessageContaining("system-versioned table prices")
                    .hasMessageContaining("ENUM error value '' in column moods.mood")
                    .message().doesNotContain("moods.fine");
            // A partial backup would leave out the table, but no backup can leave out a value and restore its row.
            source.execute("DROP TABLE prices");
            EngineFixture partial = new EngineFixture(tmp.getRoot().toPath(), TestServers.mariaDbLogin())
                    .environment("qa", new DatabaseTarget("orders", source.url(), MethodChoice.JDBC,
                            Map.of(Role.BACKUP, "backup", Role.RESTORE, "restore", Role.DEPLOY, "deploy"), true));
            assertThatThrownBy(() -> new BackupOperation(partial.context())
                    .run(new BackupRequest("qa", "orders", null)))
                    .isInstanceOfSatisfying(RunbookException.class,
                            e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_CARRIED))
                    .hasMessageContaining("ENUM error value '' in column moods.mood, not even in a partial backup");
            try (var files = Files.walk(tmp.getRoot().toPath())) {
                assertThat(files.filter(p -> p.toString().contains(".dbrj"))).isEmpty();
            }
        }
    }

    @Test
    public void shouldRefuseBeforeLoadingWhenTheRestoreLoginMayNotCreateAnotherDefinersObjects() throws Exception {
        String user = TestServers.uniqueName();
        String server = TestServers.mariaDbUrl("");
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            source.execute("CREATE TABLE t (id INT)", "INSERT INTO t VALUES (1)",
                    "CREATE DEFINER = 'nobody_" + user + "'@'%' VIEW v AS SELECT id FROM t");
            TestServers.execute(server, TestServers.MARIADB_USER, "CREATE USER '" + user + "'@'%'",
                    "GRANT ALL PRIVILEGES ON `" + source.name() + "%`.* TO '" + user + "'@'%'");
            EngineFixture fixture = fixture(source);
            String backup = new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null)).id();
            String copy = source.name() + "_copy";
            try {
                // As root: restored, and told that the definer does not exist.
                new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders")
                        .withBackup(backup).intoNew(copy));
                assertThat(fixture.listener.messages).anyMatch(m -> m.contains("definers missing on the target")
                        && m.contains("'nobody_" + user + "'@'%' of view v"));
                TestServers.dropMariaDb(copy);

                fixture.login(DbCredential.of(user, ""));
                assertThatThrownBy(() -> new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa",
                        "orders").withBackup(backup).intoNew(copy)))
                        .isInstanceOfSatisfying(RunbookException.class, e -> {
                            assertThat(e.kind()).isEqualTo(ErrorKind.CREDENTIALS);
                            assertThat(e.getMessage()).contains("DEFINER is another user", "view v",
                                    "Nothing was loaded");
                            assertThat(e.hint()).contains("GRANT SET USER ON *.* TO '" + user + "'");
                        });
            } finally {
                TestServers.dropMariaDb(copy);
            }
        } finally {
            TestServers.execute(server, TestServers.MARIADB_USER, "DROP USER IF EXISTS '" + user + "'@'%'");
        }
    }
}
