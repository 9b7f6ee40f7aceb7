package io.jenkins.plugins.dbrunbooks.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.Queries;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A {@code jdbc} restore over an existing database leaves exactly the backup's tables, views and rows, whatever
 * the target held: tables the backup has not, tables it has with other columns and rows, views over both.
 */
public class JdbcInPlaceRestoreTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void shouldReplaceAMariaDbDatabaseInPlace() throws Exception {
        try (TestDatabase db = TestServers.newMariaDbDatabase()) {
            db.execute("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(20))",
                    "CREATE TABLE orders (id INT PRIMARY KEY, customer INT, FOREIGN KEY (customer)"
                            + " REFERENCES customers (id))",
                    "INSERT INTO customers VALUES (1, 'Ada'), (2, 'Grace')",
                    "INSERT INTO orders VALUES (10, 1), (11, 2)",
                    "CREATE VIEW big_orders AS SELECT id FROM orders WHERE id > 10");
            String url = db.url();
            EngineFixture fixture = fixture(db.login(), "shop", url);
            String backup = new BackupOperation(fixture.context()).run(new BackupRequest("dev", "shop", null)).id();
            db.execute("CREATE TABLE stray (x INT)", "CREATE TABLE child (id INT, parent INT, FOREIGN KEY (parent)"
                    + " REFERENCES customers (id))", "INSERT INTO child VALUES (1, 1)",
                    "DROP VIEW big_orders", "CREATE VIEW stray_view AS SELECT x FROM stray",
                    "DELETE FROM orders", "ALTER TABLE customers ADD COLUMN extra INT",
                    "INSERT INTO customers VALUES (3, 'Linus', 7)");

            RestoreResult result = new RestoreOperation(fixture.context())
                    .run(RestoreRequest.of("dev", "shop").withBackup(backup));

            assertThat(result.safetyBackupId()).isNotNull();
            assertThat(Queries.rows(url, TestServers.MARIADB_USER, "SELECT CONCAT(TABLE_NAME, ' ', TABLE_TYPE)"
                    + " FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY 1"))
                    .containsExactly("big_orders VIEW", "customers BASE TABLE", "orders BASE TABLE");
            assertThat(Queries.rows(url, TestServers.MARIADB_USER, "SELECT * FROM customers ORDER BY id"))
                    .isEqualTo(List.of("1", "Ada", "2", "Grace"));
            assertThat(Queries.rows(url, TestServers.MARIADB_USER, "SELECT id FROM big_orders"))
                    .containsExactly("11");

            // Again, over what the first restore left: no "already exists", one more safety backup only.
            RestoreResult again = new RestoreOperation(fixture.context())
                    .run(RestoreRequest.of("dev", "shop").withBackup(backup));
            assertThat(again.safetyBackupId()).isNotEqualTo(result.safetyBackupId());
            assertThat(Queries.rows(url, TestServers.MARIADB_USER, "SELECT * FROM orders ORDER BY id"))
                    .isEqualTo(List.of("10", "1", "11", "2"));
        }
    }

    @Test
    public void shouldReplaceAnH2DatabaseInPlaceKeepingItsUsers() throws Exception {
        String url = "jdbc:h2:" + tmp.getRoot().toPath().resolve("db/shop").toAbsolutePath();
        TestServers.execute(url, "sa", "CREATE SCHEMA sales",
                "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(20))",
                "CREATE TABLE sales.orders (id INT PRIMARY KEY, customer INT REFERENCES PUBLIC.customers (id))",
                "INSERT INTO customers VALUES (1, 'Ada'), (2, 'Grace')", "INSERT INTO sales.orders VALUES (10, 1)",
                "CREATE VIEW named AS SELECT name FROM customers", "CREATE SEQUENCE ticket START WITH 5");
        EngineFixture fixture = fixture(DbCredential.of("sa", ""), "shop", url);
        String backup = new BackupOperation(fixture.context()).run(new BackupRequest("dev", "shop", null)).id();
        TestServers.execute(url, "sa", "CREATE USER reader PASSWORD 'x'", "CREATE SCHEMA other",
                "CREATE TABLE other.stray (x INT)", "CREATE TABLE child (parent INT REFERENCES customers (id))",
                "CREATE VIEW stray_view AS SELECT x FROM other.stray", "DROP VIEW named",
                "ALTER TABLE customers ADD COLUMN extra INT", "INSERT INTO customers VALUES (3, 'Linus', 7)",
                "CREATE SEQUENCE extra_seq");

        new RestoreOperation(fixture.context()).run(RestoreRequest.of("dev", "shop").withBackup(backup));

        assertThat(Queries.rows(url, "sa", "SELECT TABLE_SCHEMA || '.' || TABLE_NAME || ' ' || TABLE_TYPE"
                + " FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA <> 'INFORMATION_SCHEMA' ORDER BY 1"))
                .containsExactly("PUBLIC.CUSTOMERS BASE TABLE", "PUBLIC.NAMED VIEW", "SALES.ORDERS BASE TABLE");
        assertThat(Queries.rows(url, "sa", "SELECT SCHEMA_NAME FROM INFORMATION_SCHEMA.SCHEMATA"
                + " WHERE SCHEMA_NAME NOT IN ('INFORMATION_SCHEMA', 'PUBLIC')")).containsExactly("SALES");
        assertThat(Queries.rows(url, "sa", "SELECT SEQUENCE_NAME FROM INFORMATION_SCHEMA.SEQUENCES"))
                .containsExactly("TICKET");
        assertThat(Queries.rows(url, "sa", "SELECT * FROM customers ORDER BY id"))
                .isEqualTo(List.of("1", "Ada", "2", "Grace"));
        assertThat(Queries.rows(url, "sa", "SELECT USER_NAME FROM INFORMATION_SCHEMA.USERS ORDER BY 1"))
                .as("users are the database's, not the snapshot's").containsExactly("READER", "SA");
    }

    @Test
    public void shouldStillSwapAPostgresDatabase() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            db.execute("CREATE TABLE customers (id INT PRIMARY KEY, name TEXT)",
                    "INSERT INTO customers VALUES (1, 'Ada')", "CREATE VIEW named AS SELECT name FROM customers");
            EngineFixture fixture = fixture(db.login(), "shop", db.url());
            String backup = new BackupOperation(fixture.context()).run(new BackupRequest("dev", "shop", null)).id();
            db.execute("CREATE TABLE stray (x INT)", "DROP VIEW named", "INSERT INTO customers VALUES (2, 'Bob')");

            new RestoreOperation(fixture.context()).run(RestoreRequest.of("dev", "shop").withBackup(backup));

            assertThat(Queries.rows(db.url(), TestServers.PG_USER, "SELECT table_name || ' ' || table_type"
                    + " FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1"))
                    .containsExactly("customers BASE TABLE", "named VIEW");
            assertThat(Queries.rows(db.url(), TestServers.PG_USER, "SELECT * FROM customers"))
                    .containsExactly("1", "Ada");
        }
    }

    private EngineFixture fixture(DbCredential login, String name, String url) {
        return new EngineFixture(tmp.getRoot().toPath(), login)
                .environment("dev", EngineFixture.database(name, url, MethodChoice.JDBC));
    }
}
