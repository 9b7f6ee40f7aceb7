package io.jenkins.plugins.dbrunbooks.engine.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.Assert.assertThrows;

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
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.store.BackupListing;
import io.jenkins.plugins.dbrunbooks.engine.store.UnreadableBackup;
import io.jenkins.plugins.dbrunbooks.engine.verify.VerifyOperation;
import io.jenkins.plugins.dbrunbooks.engine.verify.VerifyRequest;
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

    @Test
    public void shouldFailAndDeleteNothingWhenNoBackupVerifies() throws Exception {
        takeBackups(3);
        for (BackupResult damaged : backups) {
            Files.write(Path.of(damaged.payloadLocation()), new byte[] {1, 2, 3});
        }

        RunbookException e = assertThrows(RunbookException.class, () -> new PruneOperation(fixture.context())
                .run(new PruneRequest("qa", "orders", RetentionOverride.of(new Retention(1, 0)), false)));

        assertThat(e.kind()).isEqualTo(ErrorKind.INTEGRITY);
        assertThat(e.getMessage()).contains("No backup of 'qa/orders' verifies (3 checked)", "nothing was deleted");
        assertThat(listed()).hasSize(3);
        assertThat(fixture.events.get(fixture.events.size() - 1).outcome()).isEqualTo(AuditEvent.Outcome.FAILURE);
    }

    @Test
    public void shouldLeaveUnreadableManifestsAloneAndSayWhy() throws Exception {
        takeBackups(3);
        Path dir = Path.of(backups.get(0).manifestLocation()).getParent();
        Path notJson = dir.resolve("20200101T000000000Z-0001.manifest.json");
        Files.writeString(notJson, "this is not JSON");
        Path newer = dir.resolve("20200101T000000000Z-0002.manifest.json");
        Files.writeString(newer, Files.readString(Path.of(backups.get(0).manifestLocation()))
                .replace(backups.get(0).id(), "20200101T000000000Z-0002").replace("\"formatVersion\" : 1",
                        "\"formatVersion\" : 99"));
        Path outside = dir.resolve("20200101T000000000Z-0003.manifest.json");
        Files.writeString(outside, Files.readString(Path.of(backups.get(0).manifestLocation()))
                .replace(Path.of(backups.get(0).payloadLocation()).getFileName().toString(), "../../../secret.sql")
                .replace(backups.get(0).id(), "20200101T000000000Z-0003"));

        BackupListing listing = new Inventory(fixture.context()).scan("qa", "orders");
        PruneResult result = new PruneOperation(fixture.context()).run(new PruneRequest("qa", "orders", null, false));

        assertThat(listing.backups()).hasSize(3);
        assertThat(listing.unreadable()).extracting(UnreadableBackup::id).containsExactly(
                "20200101T000000000Z-0003", "20200101T000000000Z-0002", "20200101T000000000Z-0001");
        assertThat(listing.unreadable().get(0).reason()).contains("outside its directory");
        assertThat(listing.unreadable().get(1).reason()).contains("manifest format 99");
        assertThat(listing.unreadable().get(2).reason()).contains("not a readable manifest");
        assertThat(result.unreadable()).hasSize(3);
        assertThat(result.deleted()).hasSize(1).doesNotContain("20200101T000000000Z-0001");
        assertThat(notJson).exists();
        assertThat(newer).exists();
        assertThat(outside).exists();
        assertThat(fixture.events.get(fixture.events.size() - 1).message())
                .contains("left 3 unreadable manifest(s) alone");
        RunbookException byId = assertThrows(RunbookException.class, () -> new VerifyOperation(fixture.context())
                .run(new VerifyRequest("qa", "orders", "20200101T000000000Z-0002", null)));
        assertThat(byId.getMessage()).contains("cannot be read", "manifest format 99");
    }

    @Test
    public void shouldNotFollowAPayloadLinkOutOfTheStore() throws Exception {
        takeBackups(2);
        Path secret = tmp.newFile("outside.sql.zst").toPath();
        Files.write(secret, Files.readAllBytes(Path.of(backups.get(1).payloadLocation())));
        Path payload = Path.of(backups.get(1).payloadLocation());
        Files.delete(payload);
        Files.createSymbolicLink(payload, secret);

        BackupListing listing = new Inventory(fixture.context()).scan("qa", "orders");
        PruneResult result = new PruneOperation(fixture.context())
                .run(new PruneRequest("qa", "orders", RetentionOverride.of(new Retention(1, 0)), false));

        assertThat(listing.backups()).extracting(b -> b.id()).containsExactly(backups.get(0).id());
        assertThat(listing.unreadable()).singleElement()
                .satisfies(u -> assertThat(u.reason()).contains("not a regular file inside the backup store"));
        assertThat(result.deleted()).isEmpty();
        assertThat(result.protectedId()).isEqualTo(backups.get(0).id());
        assertThat(secret).exists();
        assertThat(payload).isSymbolicLink();
    }
}
