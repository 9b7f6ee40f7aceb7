package io.jenkins.plugins.dbrunbooks.engine.method.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreOperation;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreRequest;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.ExternalTools;
import io.jenkins.plugins.dbrunbooks.engine.testing.Queries;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The usual restore grants cannot create a view whose DEFINER is another user; the error names the privilege to
 * grant instead of pointing at the tool's output.
 */
public class MariaDbDefinerRestoreTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void shouldNameSetUserWhenAViewHasAnotherDefiner() {
        ExternalTools.require("mariadb");
        String user = TestServers.uniqueName();
        String server = TestServers.mariaDbUrl("");
        try (TestDatabase db = TestServers.newMariaDbDatabase()) {
            db.execute("CREATE TABLE t (id INT)", "INSERT INTO t VALUES (1)",
                    "CREATE DEFINER = CURRENT_USER VIEW v AS SELECT id FROM t");
            TestServers.execute(server, TestServers.MARIADB_USER, "CREATE USER '" + user + "'@'%'",
                    "GRANT ALL PRIVILEGES ON " + db.name() + ".* TO '" + user + "'@'%'");
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), db.login())
                    .environment("dev", EngineFixture.database("shop", db.url()));
            String backup = new BackupOperation(fixture.context()).run(new BackupRequest("dev", "shop", null)).id();
            db.execute("INSERT INTO t VALUES (2)");
            fixture.login(DbCredential.of(user, ""));

            assertThatThrownBy(() -> new RestoreOperation(fixture.context())
                    .run(RestoreRequest.of("dev", "shop").withBackup(backup).withSafetyBackup(false)))
                    .isInstanceOfSatisfying(RunbookException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.CREDENTIALS);
                        assertThat(e.getMessage()).contains("DEFINER is another user").contains(user)
                                .contains("view `v` (DEFINER `" + TestServers.MARIADB_USER + "`@")
                                .contains("Nothing was touched");
                        assertThat(e.hint()).contains("GRANT SET USER ON *.* TO '" + user + "'");
                    });
            assertThat(Queries.rows(db.url(), TestServers.MARIADB_USER, "SELECT COUNT(*) FROM t"))
                    .as("the target was not touched").containsExactly("2");
            assertThat(fixture.events).noneMatch(e -> e.operation().equals("restore-started"));
        } finally {
            TestServers.execute(server, TestServers.MARIADB_USER, "DROP USER IF EXISTS '" + user + "'@'%'");
        }
    }
}
