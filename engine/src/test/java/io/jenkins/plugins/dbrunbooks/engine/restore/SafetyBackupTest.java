package io.jenkins.plugins.dbrunbooks.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.artifact.ManifestCodec;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.config.Environment;
import io.jenkins.plugins.dbrunbooks.engine.config.Retention;
import io.jenkins.plugins.dbrunbooks.engine.config.Role;
import io.jenkins.plugins.dbrunbooks.engine.config.RunbookConfig;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.inventory.BackupRef;
import io.jenkins.plugins.dbrunbooks.engine.inventory.Inventory;
import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import io.jenkins.plugins.dbrunbooks.engine.retention.PruneOperation;
import io.jenkins.plugins.dbrunbooks.engine.retention.PruneRequest;
import io.jenkins.plugins.dbrunbooks.engine.retention.PruneResult;
import io.jenkins.plugins.dbrunbooks.engine.store.LocalDirectoryStore;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The copy taken before an in-place restore is kept apart from the backups people asked for. */
public class SafetyBackupTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static long rows(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM items")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<Manifest> listed(EngineFixture fixture) {
        return new Inventory(fixture.context()).list("qa", "orders");
    }

    @Test
    public void shouldNeverBeLatestNorPushTheNightlyBackupOutOfRetention() throws Exception {
        try (TestDatabase db = TestServers.newMariaDbDatabase()) {
            db.execute("CREATE TABLE items (id INT PRIMARY KEY)", "INSERT INTO items VALUES (1), (2), (3)");
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), db.login()).environment("qa", false,
                    List.of(), new Retention(2, 0), EngineFixture.database("orders", db.url()));
            String nightly = new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", "nightly"))
                    .id();
            String[] safety = new String[3];
            for (int i = 0; i < 3; i++) {
                db.execute("INSERT INTO items VALUES (" + (10 + i) + ")");
                safety[i] = new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders"))
                        .safetyBackupId();
                assertThat(BackupRef.resolve(new LocalDirectoryStore(fixture.backupRoot()), "qa", "orders",
                        "latest").id()).as("latest after restore " + i).isEqualTo(nightly);
                assertThat(rows(db)).isEqualTo(3);
            }

            assertThat(listed(fixture)).filteredOn(Manifest::safetyBackup).extracting(Manifest::id)
                    .containsExactly(safety[2], safety[1], safety[0]);
            Manifest newest = listed(fixture).get(0);
            assertThat(newest.purpose()).isEqualTo(Manifest.PURPOSE_SAFETY);
            assertThat(newest.label()).isEqualTo(Manifest.SAFETY_LABEL);

            PruneResult pruned = new PruneOperation(fixture.context())
                    .run(new PruneRequest("qa", "orders", null, false));

            assertThat(pruned.deleted()).as("only the oldest safety backup beyond the default of 2")
                    .containsExactly(safety[0]);
            assertThat(listed(fixture)).extracting(Manifest::id).containsExactly(safety[2], safety[1], nightly);
        }
    }

    @Test
    public void shouldRecogniseSafetyBackupsOfManifestsWrittenBeforeTheirPurposeWasRecorded() throws Exception {
        try (TestDatabase db = TestServers.newMariaDbDatabase()) {
            db.execute("CREATE TABLE items (id INT PRIMARY KEY)");
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), db.login())
                    .environment("qa", EngineFixture.database("orders", db.url()));
            String nightly = new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null)).id();
            var old = new BackupOperation(fixture.context()).run(BackupRequest.safetyOf("qa", "orders"));
            Path manifest = Path.of(old.manifestLocation());
            var node = (com.fasterxml.jackson.databind.node.ObjectNode) ManifestCodec.mapper()
                    .readTree(Files.readAllBytes(manifest));
            node.remove("purpose");
            Files.write(manifest, ManifestCodec.mapper().writeValueAsBytes(node));

            Manifest read = listed(fixture).get(0);

            assertThat(read.id()).isEqualTo(old.id());
            assertThat(read.purpose()).isNull();
            assertThat(read.safetyBackup()).isTrue();
            assertThat(BackupRef.resolve(new LocalDirectoryStore(fixture.backupRoot()), "qa", "orders", "latest")
                    .id()).isEqualTo(nightly);
        }
    }

    @Test
    public void shouldNameTheSafetyBackupWhenAnInPlaceLoadFails() throws Exception {
        String user = "dbrt_ro_" + TestServers.uniqueName().substring(5, 13);
        try (TestDatabase db = TestServers.newMariaDbDatabase()) {
            db.execute("CREATE TABLE items (id INT PRIMARY KEY)", "INSERT INTO items VALUES (1), (2), (3)");
            db.execute("CREATE USER '" + user + "'@'%'", "CREATE USER '" + user + "'@'localhost'",
                    "GRANT SELECT, SHOW VIEW ON " + db.name() + ".* TO '" + user + "'@'%'",
                    "GRANT SELECT, SHOW VIEW ON " + db.name() + ".* TO '" + user + "'@'localhost'");
            try {
                EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), db.login())
                        .environment("qa", EngineFixture.database("orders", db.url()));
                new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
                db.execute("INSERT INTO items VALUES (4)");
                // The backup login takes the safety backup; a restore login that may only read cannot load.
                RunbookContext base = fixture.context();
                RunbookContext context = new RunbookContext(new RunbookConfig(List.of(new Environment("qa", false,
                        fixture.backupRoot().toString(), Retention.KEEP_ALL, List.of(),
                        List.of(EngineFixture.database("orders", db.url()))))),
                        (env, database, role) -> role == Role.RESTORE ? DbCredential.of(user, "") : db.login(),
                        base.stores(), base.methods(), base.tools(), base.workDir(), base.listener(), base.audit(),
                        base.actor(), base.payload(), base.clock());

                RunbookException failed = assertThrows(RunbookException.class,
                        () -> new RestoreOperation(context).run(RestoreRequest.of("qa", "orders")));

                Manifest safety = listed(fixture).get(0);
                assertThat(safety.safetyBackup()).isTrue();
                assertThat(failed.kind()).isEqualTo(ErrorKind.RESTORE_FAILED);
                assertThat(failed.getMessage()).contains("may be partly restored", safety.id());
                assertThat(failed.hint()).contains("dbrunbooks restore -e qa -d orders --backup " + safety.id(),
                        "backup: '" + safety.id() + "'");

                new RestoreOperation(fixture.context())
                        .run(RestoreRequest.of("qa", "orders").withBackup(safety.id()).withSafetyBackup(false));
                assertThat(rows(db)).as("the safety backup holds the database as it was").isEqualTo(4);
            } finally {
                db.execute("DROP USER IF EXISTS '" + user + "'@'%'", "DROP USER IF EXISTS '" + user + "'@'localhost'");
            }
        }
    }
}
