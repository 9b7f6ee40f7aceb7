package io.jenkins.plugins.dbrunbooks.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditLog;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import io.jenkins.plugins.dbrunbooks.engine.store.IncompleteRestore;
import io.jenkins.plugins.dbrunbooks.engine.store.LocalDirectoryStore;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.Queries;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A MariaDB jdbc restore in place, killed like {@code kill -9} while it loads in a process of its own, leaves the
 * target noted as incomplete and a restore-started event in the audit log.
 */
public class KilledRestoreTest {
    private static final String TABLE = "big";
    private static final long ROWS = 400_000;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    static EngineFixture fixture(Path root, String url, DbCredential login) {
        return new EngineFixture(root, login).environment("qa", EngineFixture.database("orders", url,
                MethodChoice.JDBC));
    }

    static RunbookContext logged(EngineFixture fixture, Path root) {
        RunbookContext base = fixture.context();
        return new RunbookContext(base.config(), base.credentials(), base.stores(), base.methods(), base.tools(),
                base.workDir(), base.listener(), new AuditLog(root.resolve("audit.log")), base.actor(), base.payload(),
                base.clock());
    }

    /** The child: restores backup {@code args[3]} in place, with a file audit log. */
    public static void main(String[] args) {
        Path root = Path.of(args[0]);
        EngineFixture fixture = fixture(root, args[1], DbCredential.of(args[2], null));
        new RestoreOperation(logged(fixture, root)).run(RestoreRequest.of("qa", "orders").withBackup(args[3]));
    }

    @Test
    public void shouldLeaveTheNoteAndTheStartedEventWhenKilledWhileLoading() throws Exception {
        try (TestDatabase db = TestServers.newMariaDbDatabase()) {
            db.execute("CREATE TABLE " + TABLE + " (id INT PRIMARY KEY, pad VARCHAR(200))",
                    "INSERT INTO " + TABLE + " SELECT seq, REPEAT('x', 200) FROM seq_1_to_400000");
            Path root = tmp.getRoot().toPath();
            EngineFixture fixture = fixture(root, db.url(), db.login());
            String backup = new BackupOperation(logged(fixture, root))
                    .run(new BackupRequest("qa", "orders", null)).id();

            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                    KilledRestoreTest.class.getName(), root.toString(), db.url(), TestServers.MARIADB_USER, backup)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            LocalDirectoryStore store = new LocalDirectoryStore(fixture.backupRoot());
            try {
                // Killed once the target has been emptied and the load has begun: some rows, not all.
                while (IncompleteRestore.of(store, "qa", "orders").isEmpty() || !touched(db)) {
                    assertThat(child.isAlive()).as("the restore ended before it was killed").isTrue();
                    Thread.sleep(5);
                }
            } finally {
                child.destroyForcibly();
                child.waitFor();
            }

            Optional<IncompleteRestore> left = IncompleteRestore.of(store, "qa", "orders");
            assertThat(left).isPresent();
            assertThat(left.get().backupId()).isEqualTo(backup);
            assertThat(left.get().safetyBackupId()).isNotNull();
            List<String> operations = AuditLog.readRecent(root.resolve("audit.log"), 100).stream()
                    .map(AuditEvent::operation).toList();
            // Newest first: the start of the restore, after the safety backup, and no end.
            assertThat(operations).containsExactly("restore-started", "backup", "backup");
        }
    }

    /** Whether the target has been emptied and not yet fully loaded again. */
    private static boolean touched(TestDatabase db) {
        try {
            return Long.parseLong(Queries.rows(db.url(), TestServers.MARIADB_USER, "SELECT COUNT(*) FROM " + TABLE)
                    .get(0)) < ROWS;
        } catch (IllegalStateException e) {
            return true; // dropped, not created again yet
        }
    }
}
