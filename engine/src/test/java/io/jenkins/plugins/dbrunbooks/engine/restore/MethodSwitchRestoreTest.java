package io.jenkins.plugins.dbrunbooks.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.dialect.Dialects;
import io.jenkins.plugins.dbrunbooks.engine.inventory.Inventory;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A backup is read by the method that wrote it, as its manifest records, whatever method the database is
 * configured with when it is restored.
 */
public class MethodSwitchRestoreTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void shouldRestoreAPostgresNativeBackupIntoADatabaseSwitchedToJdbc() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            roundTrip(db.url(), db.login(), MethodChoice.NATIVE, MethodChoice.JDBC, "native");
        }
    }

    @Test
    public void shouldRestoreAPostgresJdbcBackupIntoADatabaseSwitchedToNative() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            roundTrip(db.url(), db.login(), MethodChoice.JDBC, MethodChoice.NATIVE, "jdbc");
        }
    }

    @Test
    public void shouldRestoreAMariaDbNativeBackupIntoADatabaseSwitchedToJdbc() throws Exception {
        try (TestDatabase db = TestServers.newMariaDbDatabase()) {
            roundTrip(db.url(), db.login(), MethodChoice.NATIVE, MethodChoice.JDBC, "native");
        }
    }

    @Test
    public void shouldRestoreAMariaDbJdbcBackupIntoADatabaseSwitchedToNative() throws Exception {
        try (TestDatabase db = TestServers.newMariaDbDatabase()) {
            String copy = db.name() + "_copy";
            try {
                intoNewDatabase(db.url(), db.login(), copy, MethodChoice.JDBC, MethodChoice.NATIVE);
                assertThat(names(TestServers.mariaDbUrl(copy), db.login())).isEqualTo("one,two,three");
            } finally {
                TestServers.dropMariaDb(copy);
            }
        }
    }

    @Test
    public void shouldRestoreAnH2NativeBackupIntoADatabaseSwitchedToJdbc() throws Exception {
        roundTrip(h2Url("native_to_jdbc"), DbCredential.of("sa", ""), MethodChoice.NATIVE, MethodChoice.JDBC,
                "native");
    }

    @Test
    public void shouldRestoreAnH2JdbcBackupIntoADatabaseSwitchedToNative() throws Exception {
        DbCredential login = DbCredential.of("sa", "");
        intoNewDatabase(h2Url("jdbc_to_native"), login, "jdbc_copy", MethodChoice.JDBC, MethodChoice.NATIVE);
        assertThat(names(h2Url("jdbc_copy"), login)).isEqualTo("one,two,three");
    }

    private String h2Url(String name) {
        return "jdbc:h2:" + tmp.getRoot().toPath().resolve("h2/" + name).toAbsolutePath();
    }

    /** Backs up with one method, changes the rows, switches the configuration and restores in place. */
    private void roundTrip(String url, DbCredential login, MethodChoice backedUpWith, MethodChoice restoredWith,
            String recordedMethod) throws SQLException {
        execute(url, login, "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20))",
                "INSERT INTO items VALUES (1, 'one'), (2, 'two'), (3, 'three')");
        Path root = tmp.getRoot().toPath().resolve("runbooks");
        EngineFixture before = new EngineFixture(root, login)
                .environment("qa", EngineFixture.database("orders", url, backedUpWith));
        String id = new BackupOperation(before.context()).run(new BackupRequest("qa", "orders", null)).id();
        Manifest manifest = new Inventory(before.context()).list("qa", "orders").get(0);
        assertThat(manifest.id()).isEqualTo(id);
        assertThat(manifest.method()).isEqualTo(recordedMethod);
        execute(url, login, "DELETE FROM items WHERE id > 1", "UPDATE items SET name = 'changed'");

        EngineFixture after = new EngineFixture(root, login)
                .environment("qa", EngineFixture.database("orders", url, restoredWith));
        new RestoreOperation(after.context())
                .run(RestoreRequest.of("qa", "orders").withBackup(id).withSafetyBackup(false));

        assertThat(names(url, login)).isEqualTo("one,two,three");
    }

    /**
     * A jdbc snapshot loads into an empty database, so where the method cannot swap databases it goes to a new
     * one; the configured native method creates it.
     */
    private void intoNewDatabase(String url, DbCredential login, String copy, MethodChoice backedUpWith,
            MethodChoice restoredWith) throws SQLException {
        execute(url, login, "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20))",
                "INSERT INTO items VALUES (1, 'one'), (2, 'two'), (3, 'three')");
        Path root = tmp.getRoot().toPath().resolve("runbooks");
        EngineFixture before = new EngineFixture(root, login)
                .environment("qa", EngineFixture.database("orders", url, backedUpWith));
        String id = new BackupOperation(before.context()).run(new BackupRequest("qa", "orders", null)).id();
        assertThat(new Inventory(before.context()).list("qa", "orders").get(0).method()).isEqualTo("jdbc");

        EngineFixture after = new EngineFixture(root, login)
                .environment("qa", EngineFixture.database("orders", url, restoredWith));
        RestoreResult result = new RestoreOperation(after.context())
                .run(RestoreRequest.of("qa", "orders").withBackup(id).intoNew(copy));

        assertThat(result.targetDatabase()).isEqualTo(copy);
    }

    private static void execute(String url, DbCredential login, String... statements) throws SQLException {
        try (Connection c = Dialects.standard().connect(url, login);
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static String names(String url, DbCredential login) throws SQLException {
        StringBuilder names = new StringBuilder();
        try (Connection c = Dialects.standard().connect(url, login);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT name FROM items ORDER BY id")) {
            while (rs.next()) {
                names.append(names.length() == 0 ? "" : ",").append(rs.getString(1));
            }
        }
        return names.toString();
    }
}
