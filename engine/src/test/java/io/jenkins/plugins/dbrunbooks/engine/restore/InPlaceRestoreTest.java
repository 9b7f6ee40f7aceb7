package io.jenkins.plugins.dbrunbooks.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.inventory.Inventory;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Methods that cannot swap databases replace the configured one in place, after a safety backup of it. */
public class InPlaceRestoreTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static long count(String url, String user, String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    public void shouldReplaceAnH2DatabaseAfterASafetyBackup() throws Exception {
        String url = "jdbc:h2:" + tmp.getRoot().toPath().resolve("db/shop").toAbsolutePath();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20))");
            s.execute("INSERT INTO items SELECT X, 'item ' || X FROM SYSTEM_RANGE(1, 100)");
        }
        EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), DbCredential.of("sa", ""))
                .environment("dev", EngineFixture.database("shop", url));
        String first = new BackupOperation(fixture.context()).run(new BackupRequest("dev", "shop", null)).id();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("DELETE FROM items WHERE id > 10");
            s.execute("CREATE TABLE stray (x INT)");
        }

        RestoreResult result = new RestoreOperation(fixture.context())
                .run(RestoreRequest.of("dev", "shop").withBackup(first));

        assertThat(count(url, "sa", "items")).isEqualTo(100);
        assertThat(result.safetyBackupId()).isNotNull();
        Manifest safety = new Inventory(fixture.context()).list("dev", "shop").get(0);
        assertThat(safety.id()).isEqualTo(result.safetyBackupId());
        assertThat(safety.label()).isEqualTo("pre-restore");
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                        + " WHERE TABLE_NAME = 'STRAY'")) {
            rs.next();
            assertThat(rs.getLong(1)).as("objects not in the backup are gone").isZero();
        }
    }

    @Test
    public void shouldRestoreMariaDbIntoANewDatabaseAndInPlace() throws Exception {
        try (TestDatabase db = TestServers.newMariaDbDatabase()) {
            db.execute("CREATE TABLE `order lines` (id INT PRIMARY KEY, note TEXT)",
                    "INSERT INTO `order lines` VALUES (1, 'Grüße 🎉'), (2, NULL)");
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), db.login())
                    .environment("qa", EngineFixture.database("orders", db.url()));
            new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
            String copy = db.name() + "_copy";
            try {
                new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders").intoNew(copy));
                assertThat(count(TestServers.mariaDbUrl(copy), TestServers.MARIADB_USER, "`order lines`"))
                        .isEqualTo(2);

                db.execute("DELETE FROM `order lines`");
                RestoreResult inPlace = new RestoreOperation(fixture.context())
                        .run(RestoreRequest.of("qa", "orders").withBackup("latest").withSafetyBackup(false));
                assertThat(inPlace.safetyBackupId()).isNull();
                assertThat(count(db.url(), TestServers.MARIADB_USER, "`order lines`")).isEqualTo(2);
            } finally {
                TestServers.dropMariaDb(copy);
            }
        }
    }
}
