package io.jenkins.plugins.dbrunbooks.engine.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.dbrunbooks.engine.dialect.DatabaseLocks;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.testing.Eventually;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The application's own role, a second login without special rights, against a locked database. */
public class DatabaseLockPostgresTest {
    private TestDatabase db;
    private String appRole;
    private DatabaseLock lock;

    @Before
    public void createDatabaseAndApplicationRole() {
        db = TestServers.newPostgresDatabase();
        appRole = TestServers.uniqueName();
        TestServers.execute(TestServers.postgresUrl("postgres"), TestServers.PG_USER,
                "CREATE ROLE " + appRole + " LOGIN");
        db.execute("CREATE TABLE public.orders (id int)", "GRANT SELECT, INSERT ON public.orders TO " + appRole);
        lock = DatabaseLocks.forUrl(db.url(), db.login());
    }

    @After
    public void dropDatabaseAndRole() {
        try {
            if (db != null) {
                db.close();
            }
        } finally {
            if (appRole != null) {
                TestServers.execute(TestServers.postgresUrl("postgres"), TestServers.PG_USER,
                        "DROP ROLE IF EXISTS " + appRole);
            }
        }
    }

    private Connection asApplication() throws SQLException {
        return DriverManager.getConnection(db.url(), appRole, "");
    }

    private static void insert(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO public.orders VALUES (1)");
        }
    }

    private void applicationWrites() throws SQLException {
        try (Connection c = asApplication()) {
            insert(c);
        }
    }

    private String readOnlySetting() {
        try (Connection c = DriverManager.getConnection(TestServers.postgresUrl("postgres"), TestServers.PG_USER, "");
                PreparedStatement ps = c.prepareStatement("SELECT array_to_string(s.setconfig, ',')"
                        + " FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase"
                        + " WHERE d.datname = ? AND s.setrole = 0")) {
            ps.setString(1, db.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Termination is a signal: wait until the server has let the session go. */
    private void awaitNoApplicationSession() {
        Eventually.until("the server to end the application's session", () -> {
            try (Connection c = DriverManager.getConnection(TestServers.postgresUrl("postgres"), TestServers.PG_USER,
                    ""); PreparedStatement ps = c.prepareStatement(
                            "SELECT count(*) FROM pg_stat_activity WHERE usename = ?")) {
                ps.setString(1, appRole);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1) == 0;
                }
            }
        });
    }

    @Test
    public void shouldMakeTheApplicationReadOnlyUntilReverted() throws Exception {
        try (Connection open = asApplication()) {
            insert(open);
            LockRecord record = lock.apply(LockKind.READ_ONLY);
            try {
                assertThat(record.engine()).isEqualTo("postgresql");
                assertThat(record.database()).isEqualTo(db.name());
                assertThat(record.previousValue()).isNull();
                awaitNoApplicationSession();
                assertThatThrownBy(() -> insert(open)).isInstanceOf(SQLException.class);
                assertThatThrownBy(this::applicationWrites).isInstanceOf(SQLException.class)
                        .hasMessageContaining("read-only transaction");
            } finally {
                lock.revert(record);
            }
        }
        applicationWrites();
        assertThat(readOnlySetting()).isNull();
    }

    @Test
    public void shouldRestoreAnEarlierReadOnlySetting() throws Exception {
        TestServers.execute(TestServers.postgresUrl("postgres"), TestServers.PG_USER,
                "ALTER DATABASE " + db.name() + " SET default_transaction_read_only = off");
        LockRecord record = lock.apply(LockKind.READ_ONLY);
        assertThat(record.previousValue()).isEqualTo("off");
        assertThat(readOnlySetting()).isEqualTo("default_transaction_read_only=on");
        lock.revert(record);
        assertThat(readOnlySetting()).isEqualTo("default_transaction_read_only=off");
        applicationWrites();
    }

    @Test
    public void shouldRefuseNewConnectionsUntilReverted() throws Exception {
        try (Connection open = asApplication()) {
            LockRecord record = lock.apply(LockKind.NO_CONNECTIONS);
            try {
                assertThat(record.previousValue()).isEqualTo("true");
                awaitNoApplicationSession();
                assertThatThrownBy(() -> insert(open)).isInstanceOf(SQLException.class);
                assertThatThrownBy(this::asApplication).isInstanceOf(SQLException.class)
                        .hasMessageContaining("not currently accepting connections");
            } finally {
                lock.revert(record);
            }
        }
        applicationWrites();
    }

    @Test
    public void shouldKeepConnectionsRefusedWhenTheyWereBefore() throws Exception {
        TestServers.execute(TestServers.postgresUrl("postgres"), TestServers.PG_USER,
                "ALTER DATABASE " + db.name() + " ALLOW_CONNECTIONS false");
        LockRecord record = lock.apply(LockKind.NO_CONNECTIONS);
        lock.revert(record);
        assertThat(record.previousValue()).isEqualTo("false");
        assertThatThrownBy(this::asApplication).isInstanceOf(SQLException.class);
        TestServers.execute(TestServers.postgresUrl("postgres"), TestServers.PG_USER,
                "ALTER DATABASE " + db.name() + " ALLOW_CONNECTIONS true");
    }

    @Test
    public void shouldBeHarmlessToApplyTwiceAndRevertTwice() throws Exception {
        LockRecord outer = lock.apply(LockKind.READ_ONLY);
        LockRecord inner = lock.apply(LockKind.READ_ONLY);
        assertThat(inner.previousValue()).isEqualTo("on");
        lock.revert(inner);
        lock.revert(inner);
        assertThatThrownBy(this::applicationWrites).hasMessageContaining("read-only transaction");
        lock.revert(outer);
        lock.revert(outer);
        applicationWrites();
        assertThat(readOnlySetting()).isNull();

        LockRecord closed = lock.apply(LockKind.NO_CONNECTIONS);
        lock.apply(LockKind.NO_CONNECTIONS);
        lock.revert(closed);
        lock.revert(closed);
        applicationWrites();
    }

    @Test
    public void shouldRevertWithARecordReadBack() throws Exception {
        LockRecord record = lock.apply(LockKind.NO_CONNECTIONS);
        LockRecord copy = MaintenanceStateTest.roundTrip(record);
        assertThat(copy).isEqualTo(record);
        DatabaseLocks.revert(copy, db.login());
        applicationWrites();
    }

    @Test
    public void shouldSayWhenTheDatabaseDoesNotExist() {
        DatabaseLock missing = DatabaseLocks.forUrl(TestServers.postgresUrl("dbrt_no_such_database"), db.login());
        assertThatThrownBy(() -> missing.apply(LockKind.READ_ONLY)).isInstanceOf(RunbookException.class)
                .hasMessageContaining("'dbrt_no_such_database' does not exist")
                .extracting(e -> ((RunbookException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND);
    }

    @Test
    public void shouldLeaveADroppedDatabaseAlone() {
        LockRecord record = lock.apply(LockKind.READ_ONLY);
        db.close();
        lock.revert(record);
    }
}
