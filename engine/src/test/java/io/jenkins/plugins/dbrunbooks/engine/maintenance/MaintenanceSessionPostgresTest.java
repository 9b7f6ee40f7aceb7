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
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Three real databases locked as one maintenance window, written to by an application role without rights. */
public class MaintenanceSessionPostgresTest {
    private final List<TestDatabase> databases = new ArrayList<>();
    private String appRole;

    @Before
    public void createThreeDatabasesAndAnApplicationRole() {
        appRole = TestServers.uniqueName();
        for (int i = 0; i < 3; i++) {
            databases.add(TestServers.newPostgresDatabase());
        }
        TestServers.execute(TestServers.postgresUrl("postgres"), TestServers.PG_USER,
                "CREATE ROLE " + appRole + " LOGIN");
        for (TestDatabase db : databases) {
            db.execute("CREATE TABLE public.orders (id int)", "GRANT SELECT, INSERT ON public.orders TO " + appRole);
        }
    }

    @After
    public void dropDatabasesAndRole() {
        try {
            databases.forEach(TestDatabase::close);
        } finally {
            if (appRole != null) {
                TestServers.execute(TestServers.postgresUrl("postgres"), TestServers.PG_USER,
                        "DROP ROLE IF EXISTS " + appRole);
            }
        }
    }

    private MaintenanceSession.LockableDatabase target(TestDatabase db) {
        return new MaintenanceSession.LockableDatabase("test/" + db.name(), DatabaseLocks.forUrl(db.url(), db.login()));
    }

    private List<MaintenanceSession.LockableDatabase> allThree() {
        return databases.stream().map(this::target).toList();
    }

    private static LockHandle readBack(LockHandle applied, DbCredential login) {
        DatabaseLock lock = DatabaseLocks.forUrl(applied.record().jdbcUrl(), login);
        return LockHandle.of(applied.name(), applied.record(), lock);
    }

    private void applicationWrites(TestDatabase db) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url(), appRole, ""); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO public.orders VALUES (1)");
        }
    }

    private void assertWritable() throws SQLException {
        for (TestDatabase db : databases) {
            applicationWrites(db);
        }
    }

    @Test
    public void shouldMakeEveryDatabaseReadOnlyUntilDisabled() throws Exception {
        MaintenanceSession session = MaintenanceSession.of(LockKind.READ_ONLY, allThree());
        List<LockHandle> handles = session.enable();
        try {
            assertThat(handles).extracting(LockHandle::name)
                    .containsExactlyElementsOf(databases.stream().map(db -> "test/" + db.name()).toList());
            for (TestDatabase db : databases) {
                assertThatThrownBy(() -> applicationWrites(db)).isInstanceOf(SQLException.class)
                        .hasMessageContaining("read-only transaction");
            }
            assertThat(session.enable()).as("enabling twice").isEqualTo(handles);
        } finally {
            session.disable();
        }
        session.disable();
        assertWritable();
        assertThat(session.unreverted()).isEmpty();
    }

    @Test
    public void shouldRefuseConnectionsUntilDisabled() throws Exception {
        MaintenanceSession session = MaintenanceSession.of(LockKind.NO_CONNECTIONS, allThree());
        session.enable();
        try {
            assertThatThrownBy(() -> applicationWrites(databases.get(2))).isInstanceOf(SQLException.class)
                    .hasMessageContaining("not currently accepting connections");
        } finally {
            session.disable();
        }
        assertWritable();
    }

    @Test
    public void shouldUnlockTheFirstTwoWhenTheThirdCannotBeLocked() throws Exception {
        List<MaintenanceSession.LockableDatabase> targets = new ArrayList<>(allThree().subList(0, 2));
        String missing = TestServers.uniqueName();
        targets.add(new MaintenanceSession.LockableDatabase("test/" + missing,
                DatabaseLocks.forUrl(TestServers.postgresUrl(missing), TestServers.postgresLogin())));
        MaintenanceSession session = MaintenanceSession.of(LockKind.READ_ONLY, targets);

        assertThatThrownBy(session::enable).isInstanceOf(RunbookException.class)
                .hasMessageContaining("Database 'test/" + missing + "' could not be locked read-only")
                .hasMessageContaining("the 2 database(s) locked before it were unlocked again")
                .extracting(e -> ((RunbookException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND);

        assertWritable();
        assertThat(session.handles()).isEmpty();
    }

    @Test
    public void shouldRefuseALockOneEngineCannotTakeBeforeLockingAnything() throws Exception {
        List<MaintenanceSession.LockableDatabase> targets = new ArrayList<>(allThree());
        // MariaDB cannot refuse connections to one database; its lock is only asked, never connected.
        targets.add(new MaintenanceSession.LockableDatabase("test/mariadb", DatabaseLocks.forUrl(
                "jdbc:mariadb://127.0.0.1:1/never_used", DbCredential.of("nobody", null))));

        assertThatThrownBy(MaintenanceSession.of(LockKind.NO_CONNECTIONS, targets)::enable)
                .isInstanceOf(RunbookException.class)
                .hasMessageContaining("Database 'test/mariadb' (mariadb) cannot be locked against connections");

        assertWritable();
    }

    @Test
    public void shouldTryEveryRevertAndKeepTheFirstFailureWithTheLaterOnesSuppressed() throws Exception {
        List<LockHandle> applied = MaintenanceSession.of(LockKind.READ_ONLY, allThree()).enable();
        // Read back after a restart, two of them with a login that may not change the databases.
        DbCredential application = DbCredential.of(appRole, null);
        List<LockHandle> readBack = List.of(
                readBack(applied.get(0), TestServers.postgresLogin()),
                readBack(applied.get(1), application),
                readBack(applied.get(2), application));
        MaintenanceSession resumed = MaintenanceSession.resume(readBack);
        try {
            assertThatThrownBy(resumed::disable).isInstanceOf(RunbookException.class)
                    .hasMessageContaining("Could not unlock database '" + databases.get(2).name() + "'")
                    .satisfies(e -> assertThat(e.getSuppressed()).singleElement().extracting(Throwable::getMessage)
                            .asString().contains("Could not unlock database '" + databases.get(1).name() + "'"));
            assertThat(resumed.unreverted()).containsExactly(readBack.get(1), readBack.get(2));
            assertThat(readBack.get(1).failure()).hasMessageContaining(databases.get(1).name());
            applicationWrites(databases.get(0));
            assertThatThrownBy(() -> applicationWrites(databases.get(1))).hasMessageContaining("read-only");
        } finally {
            for (LockHandle handle : applied) {
                handle.revert();
            }
        }
        assertWritable();
    }
}
