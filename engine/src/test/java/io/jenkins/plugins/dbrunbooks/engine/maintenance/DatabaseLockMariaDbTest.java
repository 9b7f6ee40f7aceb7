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
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The read-only lock switches the whole shared server, so every test keeps it on for a moment only, reverts in
 * a finally block, and the fixture puts the server back as it found it whatever happens. The application's
 * account has no SUPER privilege: root ignores read_only.
 */
public class DatabaseLockMariaDbTest {
    private static final String APP_PASSWORD = "app-pw-1";

    private TestDatabase db;
    private String appUser;
    private String readOnlyBefore;
    private DatabaseLock lock;

    @Before
    public void createDatabaseAndApplicationUser() {
        db = TestServers.newMariaDbDatabase();
        readOnlyBefore = globalReadOnly();
        appUser = TestServers.uniqueName();
        db.execute("CREATE TABLE orders (id int)",
                "CREATE USER '" + appUser + "'@'%' IDENTIFIED BY '" + APP_PASSWORD + "'",
                "GRANT SELECT, INSERT ON " + db.name() + ".* TO '" + appUser + "'@'%'");
        lock = DatabaseLocks.forUrl(db.url(), db.login());
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
                if (db != null) {
                    db.close();
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

    private Connection asApplication() throws SQLException {
        return DriverManager.getConnection(db.url(), appUser, APP_PASSWORD);
    }

    private static void insert(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO orders VALUES (1)");
        }
    }

    private void applicationWrites() throws SQLException {
        try (Connection c = asApplication()) {
            insert(c);
        }
    }

    @Test
    public void shouldMakeTheApplicationReadOnlyUntilReverted() throws Exception {
        try (Connection open = asApplication()) {
            insert(open);
            LockRecord record = lock.apply(LockKind.READ_ONLY);
            try {
                assertThatThrownBy(() -> insert(open)).isInstanceOf(SQLException.class)
                        .hasMessageContaining("read-only");
                assertThatThrownBy(this::applicationWrites).isInstanceOf(SQLException.class)
                        .hasMessageContaining("read-only");
            } finally {
                lock.revert(record);
            }
            assertThat(record.engine()).isEqualTo("mariadb");
            assertThat(record.database()).isEqualTo(db.name());
            assertThat(record.previousValue()).isEqualTo("OFF");
            insert(open);
        }
        applicationWrites();
        assertThat(globalReadOnly()).isEqualTo(readOnlyBefore);
    }

    @Test
    public void shouldRestoreThePreviousValueAndBeHarmlessTwice() throws Exception {
        LockRecord outer = lock.apply(LockKind.READ_ONLY);
        try {
            LockRecord inner = lock.apply(LockKind.READ_ONLY);
            try {
                assertThat(inner.previousValue()).isEqualTo("ON");
            } finally {
                lock.revert(inner);
                lock.revert(inner);
            }
            assertThatThrownBy(this::applicationWrites).hasMessageContaining("read-only");
        } finally {
            lock.revert(outer);
            lock.revert(outer);
        }
        assertThat(globalReadOnly()).isEqualTo(readOnlyBefore);
        applicationWrites();
    }

    @Test
    public void shouldRevertWithARecordReadBack() throws Exception {
        LockRecord record = lock.apply(LockKind.READ_ONLY);
        LockRecord copy = record;
        try {
            copy = MaintenanceStateTest.roundTrip(record);
            assertThat(copy).isEqualTo(record);
        } finally {
            DatabaseLocks.revert(copy, db.login());
        }
        assertThat(globalReadOnly()).isEqualTo(readOnlyBefore);
        applicationWrites();
    }

    @Test
    public void shouldRefuseNoConnectionsAndLeaveTheServerAlone() {
        assertThatThrownBy(() -> lock.apply(LockKind.NO_CONNECTIONS)).isInstanceOf(RunbookException.class)
                .hasMessageContaining("MariaDB cannot refuse connections")
                .extracting(e -> ((RunbookException) e).kind()).isEqualTo(ErrorKind.CONFIGURATION);
        assertThat(globalReadOnly()).isEqualTo(readOnlyBefore);
    }

    @Test
    public void shouldRefuseALoginWithoutTheRightToLock() throws Exception {
        DatabaseLock weak = DatabaseLocks.forUrl(db.url(), DbCredential.of(appUser, APP_PASSWORD));
        assertThatThrownBy(() -> weak.apply(LockKind.READ_ONLY)).isInstanceOf(RunbookException.class)
                .hasMessageContaining("read-only")
                .extracting(e -> ((RunbookException) e).kind()).isEqualTo(ErrorKind.CREDENTIALS);
        assertThat(globalReadOnly()).isEqualTo(readOnlyBefore);
        applicationWrites();
    }
}
