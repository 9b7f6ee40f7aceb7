package io.jenkins.plugins.dbrunbooks.engine.method.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupResult;
import io.jenkins.plugins.dbrunbooks.engine.config.DatabaseTarget;
import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.config.Role;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreOperation;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreRequest;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.Queries;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Views over a column, table, function or view dropped since: MariaDB keeps them but cannot open them, so a backup
 * names each with the server's reason before anything is written. Views whose definer is missing or lacks rights
 * are not named: they restore.
 */
public class ViewValidityTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static final List<String> UNUSABLE = List.of("v_column", "v_definer_gone_column", "v_function",
            "v_over_view", "v_table", "v_view");

    /** Broken views of every kind, a sound one, and two whose definer cannot use them; the users dropped after. */
    private static void load(TestDatabase db, String user) {
        String server = TestServers.mariaDbUrl("");
        TestServers.execute(server, TestServers.MARIADB_USER, "CREATE USER '" + user + "_gone'@'%'",
                "CREATE USER '" + user + "_weak'@'%'",
                "GRANT SELECT ON `" + db.name() + "`.* TO '" + user + "_gone'@'%'");
        db.execute("CREATE TABLE t (id INT PRIMARY KEY, a INT, b INT)", "INSERT INTO t VALUES (1, 2, 3)",
                "CREATE TABLE gone (x INT)", "CREATE FUNCTION f() RETURNS INT RETURN 1",
                "CREATE VIEW v_column AS SELECT id, a FROM t", "CREATE VIEW v_table AS SELECT x FROM gone",
                "CREATE VIEW v_function AS SELECT id, f() AS y FROM t",
                "CREATE VIEW v_over_view AS SELECT id FROM v_column",
                "CREATE VIEW dropped AS SELECT id FROM t", "CREATE VIEW v_view AS SELECT id FROM dropped",
                "CREATE VIEW v_sound AS SELECT id, b FROM t",
                "CREATE DEFINER = '" + user + "_gone'@'%' VIEW v_definer_gone AS SELECT id, b FROM t",
                "CREATE DEFINER = '" + user + "_weak'@'%' VIEW v_definer_weak AS SELECT id FROM t",
                // Over a dropped column and with its definer gone: the server says both.
                "CREATE DEFINER = '" + user + "_gone'@'%' VIEW v_definer_gone_column AS SELECT id, a FROM t",
                "ALTER TABLE t DROP COLUMN a", "DROP TABLE gone", "DROP FUNCTION f", "DROP VIEW dropped");
        TestServers.execute(server, TestServers.MARIADB_USER, "DROP USER '" + user + "_gone'@'%'");
    }

    private static void dropUsers(String user) {
        TestServers.execute(TestServers.mariaDbUrl(""), TestServers.MARIADB_USER,
                "DROP USER IF EXISTS '" + user + "_gone'@'%'", "DROP USER IF EXISTS '" + user + "_weak'@'%'");
    }

    private EngineFixture fixture(TestDatabase db, MethodChoice method, boolean partial) {
        return new EngineFixture(tmp.getRoot().toPath(), TestServers.mariaDbLogin())
                .environment("qa", new DatabaseTarget("orders", db.url(), method,
                        Map.of(Role.BACKUP, "backup", Role.RESTORE, "restore", Role.DEPLOY, "deploy"), partial));
    }

    private static void namesEachViewWithTheServersReason(String message, String database) {
        assertThat(message).contains("v_column (Unknown column '" + database + ".t.a'",
                "v_over_view (Unknown column '" + database + ".t.a'",
                "v_table (Table '" + database + ".gone' doesn't exist", "v_function (FUNCTION " + database
                        + ".f does not exist", "v_view (Table '" + database + ".dropped' doesn't exist",
                "v_definer_gone_column (")
                .doesNotContain("v_sound", "v_definer_gone (", "v_definer_weak");
    }

    private void assertNoFile() throws Exception {
        try (var files = Files.walk(tmp.getRoot().toPath())) {
            assertThat(files.filter(Files::isRegularFile).map(Object::toString)).isEmpty();
        }
    }

    @Test
    public void nativeRefusesViewsTheServerCannotOpenBeforeMariaDbDumpStarts() throws Exception {
        String user = TestServers.uniqueName();
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            load(source, user);
            for (boolean partial : List.of(false, true)) {
                assertThatThrownBy(() -> new BackupOperation(fixture(source, MethodChoice.NATIVE, partial).context())
                        .run(new BackupRequest("qa", "orders", null)))
                        .isInstanceOfSatisfying(RunbookException.class, e -> {
                            assertThat(e.kind()).isEqualTo(ErrorKind.NOT_CARRIED);
                            namesEachViewWithTheServersReason(e.getMessage(), source.name());
                            assertThat(e.getMessage()).contains("nothing was written");
                            assertThat(e.hint()).contains("DROP VIEW `v_column`;", "DROP VIEW `v_view`;",
                                    "CREATE OR REPLACE VIEW");
                        });
            }
            assertNoFile();

            // mariadb-dump writes the views whose definer cannot use them, and they load again. In place: where the
            // definer is missing, mariadb-dump names the source database in the view's text.
            source.execute("DROP VIEW " + String.join(", ", UNUSABLE));
            EngineFixture fixture = fixture(source, MethodChoice.NATIVE, false);
            BackupResult backup = new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
            source.execute("DROP VIEW v_sound, v_definer_gone, v_definer_weak");
            new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders").withBackup(backup.id())
                    .withSafetyBackup(false));
            assertThat(Queries.rows(source.url(), TestServers.MARIADB_USER, "SELECT TABLE_NAME FROM"
                    + " information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE() ORDER BY 1"))
                    .containsExactly("v_definer_gone", "v_definer_weak", "v_sound");
            assertThat(Queries.rows(source.url(), TestServers.MARIADB_USER, "SELECT * FROM v_sound"))
                    .containsExactly("1", "3");
        } finally {
            dropUsers(user);
        }
    }

    @Test
    public void jdbcRefusesViewsTheServerCannotOpenAndAPartialBackupLeavesThemOut() throws Exception {
        String user = TestServers.uniqueName();
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            load(source, user);
            assertThatThrownBy(() -> new BackupOperation(fixture(source, MethodChoice.JDBC, false).context())
                    .run(new BackupRequest("qa", "orders", null)))
                    .isInstanceOfSatisfying(RunbookException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.NOT_CARRIED);
                        assertThat(e.getMessage()).contains("view MariaDB cannot open v_column", "nothing was written",
                                "; drop it or create it again)");
                        namesEachViewWithTheServersReason(e.getMessage(), source.name());
                    });
            assertNoFile();

            EngineFixture fixture = fixture(source, MethodChoice.JDBC, true);
            BackupResult backup = new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
            assertThat(backup.manifest().notCarried()).hasSize(UNUSABLE.size())
                    .allMatch(o -> o.startsWith("view MariaDB cannot open "));
            namesEachViewWithTheServersReason(String.join(", ", backup.manifest().notCarried()), source.name());
            String copy = source.name() + "_copy";
            try {
                new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders")
                        .withBackup(backup.id()).intoNew(copy));
                String target = TestServers.mariaDbUrl(copy);
                assertThat(Queries.rows(target, TestServers.MARIADB_USER, "SELECT TABLE_NAME FROM"
                        + " information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE() ORDER BY 1"))
                        .containsExactly("v_definer_gone", "v_definer_weak", "v_sound");
                assertThat(Queries.rows(target, TestServers.MARIADB_USER, "SELECT * FROM v_sound"))
                        .containsExactly("1", "3");
            } finally {
                TestServers.dropMariaDb(copy);
            }
        } finally {
            dropUsers(user);
        }
    }
}
