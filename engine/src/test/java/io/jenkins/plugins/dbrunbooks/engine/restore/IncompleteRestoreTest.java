package io.jenkins.plugins.dbrunbooks.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.inventory.Inventory;
import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import io.jenkins.plugins.dbrunbooks.engine.progress.Progress;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressListener;
import io.jenkins.plugins.dbrunbooks.engine.store.IncompleteRestore;
import io.jenkins.plugins.dbrunbooks.engine.store.LocalDirectoryStore;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.Queries;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.util.List;
import java.util.Optional;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * An in-place restore stopped after it began loading leaves the target noted as incomplete in its store, naming
 * the safety backup, and on record as started; the next commands say so, and a finished restore clears it.
 */
public class IncompleteRestoreTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void shouldNoteAnH2RestoreStoppedHalfWay() {
        String url = "jdbc:h2:" + tmp.getRoot().toPath().resolve("db/shop").toAbsolutePath();
        TestServers.execute(url, "sa", "CREATE TABLE a (id INT PRIMARY KEY)", "CREATE TABLE b (id INT PRIMARY KEY)",
                "INSERT INTO a VALUES (1)", "INSERT INTO b VALUES (2)");
        stopHalfWayAndRecover(url, DbCredential.of("sa", ""), "sa");
    }

    @Test
    public void shouldNoteAMariaDbRestoreStoppedHalfWay() {
        try (TestDatabase db = TestServers.newMariaDbDatabase()) {
            db.execute("CREATE TABLE a (id INT PRIMARY KEY)", "CREATE TABLE b (id INT PRIMARY KEY)",
                    "INSERT INTO a VALUES (1)", "INSERT INTO b VALUES (2)");
            stopHalfWayAndRecover(db.url(), db.login(), TestServers.MARIADB_USER);
        }
    }

    private void stopHalfWayAndRecover(String url, DbCredential login, String user) {
        EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), login)
                .environment("dev", EngineFixture.database("shop", url, MethodChoice.JDBC));
        String backup = new BackupOperation(fixture.context()).run(new BackupRequest("dev", "shop", null)).id();
        TestServers.execute(url, user, "INSERT INTO a VALUES (3)");

        // Stands for a kill: the load stops once the first table is in.
        RunbookContext stopping = fixture.context().withListener(new ProgressListener() {
            @Override
            public void progress(Progress progress) {
            }

            @Override
            public void message(String message) {
                fixture.listener.message(message);
                if (message.startsWith("Restored ")) {
                    throw new IllegalStateException("stopped");
                }
            }
        });
        assertThatThrownBy(() -> new RestoreOperation(stopping).run(RestoreRequest.of("dev", "shop")
                .withBackup(backup))).isInstanceOf(RuntimeException.class);

        LocalDirectoryStore store = new LocalDirectoryStore(fixture.backupRoot());
        Optional<IncompleteRestore> left = IncompleteRestore.of(store, "dev", "shop");
        assertThat(left).isPresent();
        assertThat(left.get().backupId()).isEqualTo(backup);
        String safety = left.get().safetyBackupId();
        assertThat(safety).isNotNull().isNotEqualTo(backup);
        List<String> operations = fixture.events.stream().filter(e -> "restore".equals(e.operation())
                || "restore-started".equals(e.operation())).map(e -> e.operation() + " " + e.outcome()).toList();
        assertThat(operations).containsExactly("restore-started SUCCESS", "restore FAILURE");
        AuditEvent started = fixture.events.stream().filter(e -> "restore-started".equals(e.operation()))
                .findFirst().orElseThrow();
        assertThat(started.backupId()).isEqualTo(backup);
        assertThat(started.message()).contains(safety);

        fixture.listener.messages.clear();
        new Inventory(fixture.context()).list("dev", "shop");
        assertThat(fixture.listener.all()).contains("'dev/shop' may be half-restored").contains(backup)
                .contains("safety backup " + safety);

        RestoreResult back = new RestoreOperation(fixture.context())
                .run(RestoreRequest.of("dev", "shop").withBackup(safety).withSafetyBackup(false));
        assertThat(back.backupId()).isEqualTo(safety);
        assertThat(IncompleteRestore.of(store, "dev", "shop")).isEmpty();
        assertThat(Queries.rows(url, user, "SELECT id FROM a ORDER BY id")).containsExactly("1", "3");
        assertThat(Queries.rows(url, user, "SELECT id FROM b")).containsExactly("2");
    }
}
