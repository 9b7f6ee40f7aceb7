package io.jenkins.plugins.dbrunbooks.engine.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupResult;
import io.jenkins.plugins.dbrunbooks.engine.config.Retention;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.inventory.Inventory;
import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class PruneOperationTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private EngineFixture fixture;
    private final List<BackupResult> backups = new ArrayList<>();

    private void takeBackups(int count) {
        String url = "jdbc:h2:" + tmp.getRoot().toPath().resolve("db/orders").toAbsolutePath();
        fixture = new EngineFixture(tmp.getRoot().toPath(), DbCredential.of("sa", ""))
                .environment("qa", false, List.of(), new Retention(2, 0), EngineFixture.database("orders", url));
        for (int i = 0; i < count; i++) {
            backups.add(new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", "n" + i)));
        }
    }

    private List<String> listed() {
        return new Inventory(fixture.context()).list("qa", "orders").stream().map(Manifest::id).toList();
    }

    @Test
    public void shouldListWithoutDeletingOnADryRun() {
        takeBackups(4);

        PruneResult result = new PruneOperation(fixture.context()).run(new PruneRequest("qa", "orders", null, true));

        assertThat(result.deleted()).containsExactly(backups.get(1).id(), backups.get(0).id());
        assertThat(result.protectedId()).isEqualTo(backups.get(3).id());
        assertThat(listed()).hasSize(4);
    }

    @Test
    public void shouldDeleteWhatTheRetentionNoLongerKeeps() {
        takeBackups(4);

        PruneResult result = new PruneOperation(fixture.context()).run(new PruneRequest("qa", "orders", null, false));

        assertThat(result.deleted()).hasSize(2);
        assertThat(listed()).containsExactly(backups.get(3).id(), backups.get(2).id());
        assertThat(Files.exists(Path.of(backups.get(0).payloadLocation()))).isFalse();
        assertThat(fixture.events.get(fixture.events.size() - 1).message()).contains("deleted 2 backup(s)");
    }

    @Test
    public void shouldKeepTheNewestVerifiedBackupWhenNewerOnesAreDamaged() throws Exception {
        takeBackups(4);
        for (BackupResult damaged : backups.subList(2, 4)) {
            Files.write(Path.of(damaged.payloadLocation()), new byte[] {1, 2, 3});
        }

        PruneResult result = new PruneOperation(fixture.context())
                .run(new PruneRequest("qa", "orders", RetentionOverride.of(new Retention(1, 0)), false));

        assertThat(result.protectedId()).isEqualTo(backups.get(1).id());
        assertThat(listed()).containsExactly(backups.get(3).id(), backups.get(1).id());
    }
}
