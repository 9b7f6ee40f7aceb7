package io.jenkins.plugins.dbrunbooks.engine.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupResult;
import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.SnapshotContents;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SchemaSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.TableDef;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A backup found on a disk, away from any store's layout and any configuration, is inspected where it lies, by its
 * manifest or its payload; what it reads stays in that directory.
 */
public class LooseInspectTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void shouldInspectABackupCopiedAwayFromItsStore() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            db.execute("CREATE TABLE items (id int PRIMARY KEY, name text)",
                    "INSERT INTO items SELECT i, 'item ' || i FROM generate_series(1, 250) i");
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), db.login())
                    .environment("qa", EngineFixture.database("orders", db.url(), MethodChoice.JDBC));
            BackupResult backup = new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
            Path found = tmp.newFolder("found on a disk").toPath();
            Path manifest = Files.copy(Path.of(backup.manifestLocation()),
                    found.resolve(Path.of(backup.manifestLocation()).getFileName()));
            Path payload = Files.copy(Path.of(backup.payloadLocation()),
                    found.resolve(Path.of(backup.payloadLocation()).getFileName()));

            for (Path given : new Path[] {manifest, payload}) {
                LooseBackup loose = Inventory.inspect(given);
                SchemaSnapshot schema = SnapshotContents.read(loose.store(), loose.backup(), null);

                assertThat(loose.manifest().id()).isEqualTo(backup.id());
                assertThat(loose.backup().payloadLocation()).isEqualTo(payload.toString());
                assertThat(schema.sourceEngine()).isEqualTo("postgresql");
                assertThat(schema.tables()).extracting(TableDef::qualifiedName).containsExactly("public.items");
                assertThat(loose.manifest().rowCounts()).containsEntry("public.items", 250L);
            }

            // The payload replaced by a link to a file outside the directory: the manifest still reads, the
            // payload is not followed.
            Path elsewhere = Files.move(payload, tmp.newFolder("elsewhere").toPath().resolve("payload"));
            Files.createSymbolicLink(payload, elsewhere);
            LooseBackup linked = Inventory.inspect(manifest);
            RunbookException refused = assertThrows(RunbookException.class,
                    () -> SnapshotContents.read(linked.store(), linked.backup(), null));

            assertThat(linked.manifest().id()).isEqualTo(backup.id());
            assertThat(refused.kind()).isEqualTo(ErrorKind.STORAGE);
            assertThat(refused.getMessage()).contains("is not a regular file inside the backup store");

            Files.delete(payload);
            RunbookException missing = assertThrows(RunbookException.class,
                    () -> SnapshotContents.read(linked.store(), linked.backup(), null));
            assertThat(missing.kind()).isEqualTo(ErrorKind.NOT_FOUND);
            assertThat(missing.getMessage()).contains("'" + backup.id() + "'");
        }
    }
}
