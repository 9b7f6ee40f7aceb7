package io.jenkins.plugins.dbrunbooks.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.Eventually;
import io.jenkins.plugins.dbrunbooks.engine.testing.Queries;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Replacing a database ends the sessions on it: they are listed and audited first, a session of this product's
 * own (a running backup) makes the restore refuse unless forced, and a superuser's session that only a superuser
 * may end is named as the reason.
 */
public class RestoreSessionsTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static Connection session(String url, String user, String application) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", "");
        p.setProperty("ApplicationName", application);
        return DriverManager.getConnection(url, p);
    }

    @Test
    public void shouldRefuseToEndARunningBackupOfTheTargetUnlessForced() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            db.execute("CREATE TABLE t (id INT)", "INSERT INTO t VALUES (1)");
            EngineFixture fixture = fixture(db.login(), db.url());
            String backup = new BackupOperation(fixture.context()).run(new BackupRequest("dev", "shop", null)).id();
            db.execute("INSERT INTO t VALUES (2)");
            try (Connection running = session(db.url(), TestServers.PG_USER, "dbrunbooks")) {
                assertThatThrownBy(() -> new RestoreOperation(fixture.context())
                        .run(RestoreRequest.of("dev", "shop").withBackup(backup)))
                        .isInstanceOfSatisfying(RunbookException.class, e -> {
                            assertThat(e.kind()).isEqualTo(ErrorKind.TARGET_BUSY);
                            assertThat(e.getMessage()).contains("application 'dbrunbooks'")
                                    .contains("Nothing was touched");
                        });
                assertThat(running.isValid(5)).as("the backup's session lives on").isTrue();
                assertThat(Queries.rows(db.url(), TestServers.PG_USER, "SELECT COUNT(*) FROM t"))
                        .containsExactly("2");
                AuditEvent refused = fixture.events.get(fixture.events.size() - 1);
                assertThat(refused.operation()).isEqualTo("restore");
                assertThat(refused.outcome()).isEqualTo(AuditEvent.Outcome.REFUSED);
                assertThat(fixture.events).noneMatch(e -> e.operation().equals("restore-started"));

                new RestoreOperation(fixture.context()).run(RestoreRequest.of("dev", "shop").withBackup(backup)
                        .forced(true));
                assertThat(running.isValid(5)).as("forced, the session was ended").isFalse();
            }
            assertThat(Queries.rows(db.url(), TestServers.PG_USER, "SELECT COUNT(*) FROM t")).containsExactly("1");
        }
    }

    @Test
    public void shouldListAndAuditTheSessionsItEnds() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            db.execute("CREATE TABLE t (id INT)");
            EngineFixture fixture = fixture(db.login(), db.url());
            String backup = new BackupOperation(fixture.context()).run(new BackupRequest("dev", "shop", null)).id();
            try (Connection reporting = session(db.url(), TestServers.PG_USER, "nightly-report")) {
                new RestoreOperation(fixture.context()).run(RestoreRequest.of("dev", "shop").withBackup(backup));
                assertThat(reporting.isValid(5)).isFalse();
            }
            assertThat(fixture.listener.all()).contains("Restoring ends 1 session(s) on '" + db.name() + "': "
                    + TestServers.PG_USER + " (superuser), application 'nightly-report', since ");
            AuditEvent started = fixture.events.stream().filter(e -> e.operation().equals("restore-started"))
                    .findFirst().orElseThrow();
            assertThat(started.message()).contains("ending sessions: ").contains("nightly-report");
        }
    }

    @Test
    public void shouldNameTheSuperuserSessionThatBlocksTheSwap() throws Exception {
        String role = TestServers.uniqueName();
        String admin = TestServers.postgresUrl("postgres");
        TestServers.execute(admin, TestServers.PG_USER, "CREATE ROLE " + role + " LOGIN CREATEDB");
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            db.execute("CREATE TABLE t (id INT)", "INSERT INTO t VALUES (1)",
                    "ALTER DATABASE " + db.name() + " OWNER TO " + role);
            EngineFixture fixture = fixture(db.login(), db.url());
            String backup = new BackupOperation(fixture.context()).run(new BackupRequest("dev", "shop", null)).id();
            fixture.login(DbCredential.of(role, ""));
            try (Connection superuser = session(db.url(), TestServers.PG_USER, "psql")) {
                assertThatThrownBy(() -> new RestoreOperation(fixture.context())
                        .run(RestoreRequest.of("dev", "shop").withBackup(backup)))
                        .isInstanceOfSatisfying(RunbookException.class, e -> {
                            assertThat(e.hint()).contains("superuser").doesNotContain("CREATEDB");
                        });
                assertThat(superuser.isValid(5)).isTrue();
            }
            assertThat(Queries.rows(admin, TestServers.PG_USER, "SELECT datallowconn FROM pg_database"
                    + " WHERE datname = '" + db.name() + "'")).as("the target takes connections again")
                    .containsExactly("t");
            assertThat(Queries.rows(admin, TestServers.PG_USER, "SELECT COUNT(*) FROM pg_database"
                    + " WHERE datname LIKE '" + db.name() + "%'")).as("no scratch copy left").containsExactly("1");
        } finally {
            TestServers.execute(admin, TestServers.PG_USER, "DROP ROLE IF EXISTS " + role);
        }
    }

    @Test
    public void shouldListMariaDbSessionsBeforeEmptyingTheTarget() throws Exception {
        try (TestDatabase db = TestServers.newMariaDbDatabase()) {
            db.execute("CREATE TABLE t (id INT)");
            EngineFixture fixture = fixture(db.login(), db.url());
            String backup = new BackupOperation(fixture.context()).run(new BackupRequest("dev", "shop", null)).id();
            try (Connection other = DriverManager.getConnection(db.url(), TestServers.MARIADB_USER, "")) {
                new RestoreOperation(fixture.context()).run(RestoreRequest.of("dev", "shop").withBackup(backup));
                assertThat(other.isValid(5)).isFalse();
            }
            assertThat(fixture.listener.all()).contains("Restoring ends 1 session(s) on '" + db.name() + "': "
                    + TestServers.MARIADB_USER + ", since ");
        }
    }

    /**
     * MariaDB without its performance schema shows no application name; a running backup is still recognised by
     * the lock it holds. The backup is held on a table another session locked, so it is running for sure.
     */
    @Test
    public void shouldRefuseToEndARunningMariaDbBackupOfTheTarget() throws Exception {
        try (TestDatabase db = TestServers.newMariaDbDatabase()) {
            db.execute("CREATE TABLE t (id INT PRIMARY KEY)", "INSERT INTO t VALUES (1)");
            EngineFixture fixture = fixture(db.login(), db.url());
            String backup = new BackupOperation(fixture.context()).run(new BackupRequest("dev", "shop", null)).id();
            String lockHolder = "SELECT COALESCE(IS_USED_LOCK('dbrunbooks-backup:" + db.name() + "'), 0)";
            CompletableFuture<String> running;
            try (Connection blocker = DriverManager.getConnection(db.url(), TestServers.MARIADB_USER, "");
                    Statement lock = blocker.createStatement()) {
                lock.execute("LOCK TABLES t WRITE");
                EngineFixture other = fixture(db.login(), db.url());
                running = CompletableFuture.supplyAsync(() -> new BackupOperation(other.context())
                        .run(new BackupRequest("dev", "shop", null)).id());
                Eventually.until("the backup to hold its lock", () -> !Queries.rows(db.url(),
                        TestServers.MARIADB_USER, lockHolder).get(0).equals("0"),
                        () -> running.isDone() ? "the backup ended" : null);
                assertThatThrownBy(() -> new RestoreOperation(fixture.context())
                        .run(RestoreRequest.of("dev", "shop").withBackup(backup)))
                        .isInstanceOfSatisfying(RunbookException.class, e -> {
                            assertThat(e.kind()).isEqualTo(ErrorKind.TARGET_BUSY);
                            assertThat(e.getMessage()).contains("application 'dbrunbooks'")
                                    .contains("Nothing was touched");
                        });
                lock.execute("UNLOCK TABLES");
            }
            assertThat(running.get(60, TimeUnit.SECONDS)).as("the backup went on").isNotEqualTo(backup);
            assertThat(Queries.rows(db.url(), TestServers.MARIADB_USER, lockHolder)).as("lock released")
                    .containsExactly("0");
        }
    }

    private EngineFixture fixture(DbCredential login, String url) {
        return new EngineFixture(tmp.getRoot().toPath(), login)
                .environment("dev", EngineFixture.database("shop", url, MethodChoice.JDBC));
    }
}
