package io.jenkins.plugins.dbrunbooks.engine.method.mariadb;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreOperation;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreRequest;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.Queries;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A MariaDB login whose statements the server ends after a millisecond (a {@code MAX_STATEMENT_TIME} for the
 * account, as a DBA sets one for a server's applications): mariadb-dump sets the limit off for itself, and so does
 * every connection of a backup or restore, of either method.
 */
public class MariaDbStatementTimeTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void shouldBackUpAndRestoreWithALoginWhoseStatementsTheServerWouldEnd() {
        String root = TestServers.mariaDbUrl("");
        String user = TestServers.uniqueName();
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            TestServers.execute(root, TestServers.MARIADB_USER, "CREATE USER '" + user + "'@'%'"
                    + " WITH MAX_STATEMENT_TIME 0.001", "GRANT ALL ON `" + source.name() + "%`.* TO '" + user + "'@'%'",
                    "GRANT RELOAD, PROCESS ON *.* TO '" + user + "'@'%'");
            source.execute("CREATE TABLE items (id INT PRIMARY KEY, label VARCHAR(40), KEY by_label (label))",
                    "INSERT INTO items SELECT seq, CONCAT('item ', seq) FROM seq_1_to_20000",
                    "CREATE DEFINER = '" + user + "'@'%' VIEW labels AS SELECT label FROM items");
            for (MethodChoice method : List.of(MethodChoice.JDBC, MethodChoice.NATIVE)) {
                EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), DbCredential.of(user, null))
                        .environment("qa", EngineFixture.database("orders", source.url(), method));
                String copy = source.name() + "_" + method.name().toLowerCase(java.util.Locale.ROOT);
                try {
                    new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
                    new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders").intoNew(copy));

                    assertThat(Queries.rows(TestServers.mariaDbUrl(copy), TestServers.MARIADB_USER,
                            "SELECT COUNT(*) FROM labels")).as(method.toString()).containsExactly("20000");
                } finally {
                    TestServers.dropMariaDb(copy);
                }
            }
        } finally {
            TestServers.execute(root, TestServers.MARIADB_USER, "DROP USER IF EXISTS '" + user + "'@'%'");
        }
    }
}
