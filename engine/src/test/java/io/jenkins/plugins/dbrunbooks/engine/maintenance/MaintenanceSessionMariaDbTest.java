package io.jenkins.plugins.dbrunbooks.engine.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.dialect.DatabaseLocks;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * MariaDB's read-only lock switches the whole shared server: each test keeps it on for a moment only, and the
 * fixture puts the server back as it found it whatever happens. The application's account has no SUPER privilege.
 */
public class MaintenanceSessionMariaDbTest {
    private static final String APP_PASSWORD = "app-pw-2";

    private TestDatabase first;
    private TestDatabase second;
    private String appUser;
    private String readOnlyBefore;

    @Before
    public void createDatabasesAndApplicationUser() {
        first = TestServers.newMariaDbDatabase();
        second = TestServers.newMariaDbDatabase();
        readOnlyBefore = globalReadOnly();
        appUser = TestServers.uniqueName();
        TestServers.execute(TestServers.mariaDbUrl(""), TestServers.MARIADB_USER,
                "CREATE USER '" + appUser + "'@'%' IDENTIFIED BY '" + APP_PASSWORD + "'");
        for (TestDatabase db : List.of(first, second)) {
            db.execute("CREATE TABLE orders (id int)", "GRANT SELECT, INSERT ON " + db.name() + ".* TO '" + appUser
                    + "'@'%'");
        }
    }

    @After
    public void restoreServerAndDropEverything() {
        try {
            if (readOnlyBefore != null && !readOnlyBefore.equals(globalReadOnly())) {
                TestServers.execute(TestServers.mariaDbUrl(""), TestServers.MARIADB_USER,
                        "SET GLOBAL read_only = " + ("1".equals(readOnlyBefore) ? "ON" : "OFF"));
            }
        } finally {
            try {
                if (appUser != null) {
                    TestServers.execute(TestServers.mariaDbUrl(""), TestServers.MARIADB_USER,
                            "DROP USER IF EXISTS '" + appUser + "'@'%'");
                }
            } finally {
                for (TestDatabase db : new TestDatabase[] {first, second}) {
                    if (db != null) {
                        db.close();
                    }
                }
            }
        }
    }

    private static String globalReadOnly() {
        try (Connection c = DriverManager.getConnection(TestServers.mariaDbUrl(""), TestServers.MARIADB_USER, "");
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@global.read_only")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void applicationWrites(TestDatabase db) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url(), appUser, APP_PASSWORD);
                Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO orders VALUES (1)");
        }
    }

    private static MaintenanceSession.LockableDatabase target(TestDatabase db, DbCredential login) {
        return new MaintenanceSession.LockableDatabase("test/" + db.name(), DatabaseLocks.forUrl(db.url(), login));
    }

    @Test
    public void shouldRefuseWritesWhileEnabledAndAcceptThemAfter() throws Exception {
        MaintenanceSession session = MaintenanceSession.of(LockKind.READ_ONLY,
                List.of(target(first, first.login()), target(second, second.login())));
        List<LockHandle> handles = session.enable();
        try {
            assertThatThrownBy(() -> applicationWrites(first)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("read-only");
            assertThat(session.enable()).as("enabling twice").isEqualTo(handles);
        } finally {
            session.disable();
        }
        session.disable();
        assertThat(globalReadOnly()).isEqualTo(readOnlyBefore);
        applicationWrites(first);
        applicationWrites(second);
        assertThat(session.unreverted()).isEmpty();
    }

    @Test
    public void shouldLeaveTheServerWritableWhenALaterLockFails() throws Exception {
        MaintenanceSession session = MaintenanceSession.of(LockKind.READ_ONLY,
                List.of(target(first, first.login()), target(second, DbCredential.of(appUser, APP_PASSWORD))));

        assertThatThrownBy(session::enable).isInstanceOf(RunbookException.class)
                .hasMessageContaining("Database 'test/" + second.name() + "' could not be locked read-only")
                .hasMessageContaining("the 1 database(s) locked before it were unlocked again")
                .extracting(e -> ((RunbookException) e).kind()).isEqualTo(ErrorKind.CREDENTIALS);

        assertThat(globalReadOnly()).isEqualTo(readOnlyBefore);
        applicationWrites(first);
        assertThat(session.handles()).isEmpty();
    }
}
