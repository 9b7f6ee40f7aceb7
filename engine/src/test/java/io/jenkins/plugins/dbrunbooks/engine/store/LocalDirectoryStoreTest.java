package io.jenkins.plugins.dbrunbooks.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.dbrunbooks.engine.artifact.BackupId;
import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class LocalDirectoryStoreTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static Manifest manifest(String id, String file, long size) {
        return new Manifest(Manifest.FORMAT_VERSION, id, null, "qa", "orders", "h2", "2", "native", "h2", "2",
                new Manifest.Payload(file, size, "00", "zstd", "none", List.of()), size, Instant.now(), Instant.now(),
                null, "tester", null, null);
    }

    private StoredBackup store(LocalDirectoryStore store, Instant at) throws Exception {
        String id = BackupId.next(at);
        try (PendingBackup pending = store.create("qa", "orders", id, ".sql.zst")) {
            pending.payload().write("payload".getBytes(StandardCharsets.UTF_8));
            return pending.commit(manifest(id, pending.payloadName(), 7));
        }
    }

    @Test
    public void shouldKeepBackupsPrivateToTheirOwner() throws Exception {
        LocalDirectoryStore store = new LocalDirectoryStore(tmp.getRoot().toPath().resolve("root"));
        StoredBackup backup = store(store, Instant.now());

        Path dir = store.directory("qa", "orders");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.getParent())))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(backup.payloadLocation()))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(backup.manifestLocation()))))
                .isEqualTo("rw-------");
    }

    @Test
    public void shouldShowNothingUntilCommittedAndLeaveNothingWhenAbandoned() throws Exception {
        LocalDirectoryStore store = new LocalDirectoryStore(tmp.getRoot().toPath());
        String id = BackupId.next(Instant.now());
        try (PendingBackup pending = store.create("qa", "orders", id, ".dump.zst")) {
            pending.payload().write(new byte[1000]);
            assertThat(store.list("qa", "orders")).isEmpty();
        }
        assertThat(store.directory("qa", "orders")).doesNotExist();
        assertThat(store.directory("qa", "orders").getParent()).doesNotExist();
        assertThat(tmp.getRoot().toPath()).exists();
    }

    @Test
    public void shouldKeepTheDirectoriesOfEarlierBackupsWhenOneIsAbandoned() throws Exception {
        LocalDirectoryStore store = new LocalDirectoryStore(tmp.getRoot().toPath());
        StoredBackup kept = store(store, Instant.now());
        try (PendingBackup pending = store.create("qa", "orders", BackupId.next(Instant.now()), ".dump.zst")) {
            pending.payload().write(new byte[10]);
        }
        try (PendingBackup pending = store.create("qa", "invoices", BackupId.next(Instant.now()), ".dump.zst")) {
            pending.payload().write(new byte[10]);
        }
        try (Stream<Path> left = Files.list(store.directory("qa", "orders"))) {
            assertThat(left).containsExactlyInAnyOrder(Path.of(kept.payloadLocation()),
                    Path.of(kept.manifestLocation()));
        }
        assertThat(store.directory("qa", "invoices")).doesNotExist();
        assertThat(store.directory("qa", "orders").getParent()).exists();
    }

    @Test
    public void shouldListNewestFirstAndSkipIncompleteBackups() throws Exception {
        LocalDirectoryStore store = new LocalDirectoryStore(tmp.getRoot().toPath());
        StoredBackup older = store(store, Instant.parse("2026-01-01T00:00:00Z"));
        StoredBackup newer = store(store, Instant.parse("2026-02-01T00:00:00Z"));
        StoredBackup orphan = store(store, Instant.parse("2026-03-01T00:00:00Z"));
        Files.delete(Path.of(orphan.payloadLocation()));
        Files.writeString(store.directory("qa", "orders").resolve("notes.manifest.json"), "{}");

        assertThat(store.list("qa", "orders")).extracting(StoredBackup::id).containsExactly(newer.id(), older.id());
        assertThat(store.find("qa", "orders", older.id())).isPresent();

        store.delete(older);
        assertThat(store.list("qa", "orders")).extracting(StoredBackup::id).containsExactly(newer.id());
    }

    @Test
    public void shouldRemovePartialFilesAbandonedByAKilledProcess() throws Exception {
        LocalDirectoryStore store = new LocalDirectoryStore(tmp.getRoot().toPath());
        store(store, Instant.now());
        Path dir = store.directory("qa", "orders");
        Path abandoned = Files.writeString(dir.resolve(".20260101T000000000Z-dead.dump.zst.partial"), "x");
        Files.setLastModifiedTime(abandoned, java.nio.file.attribute.FileTime.from(Instant.now().minusSeconds(
                LocalDirectoryStore.ABANDONED_AFTER.toSeconds() + 60)));
        Path recent = Files.writeString(dir.resolve(".20260101T000000000Z-busy.dump.zst.partial"), "x");

        store(store, Instant.now());

        assertThat(abandoned).doesNotExist();
        assertThat(recent).exists();
    }

    @Test
    public void shouldRemoveThePartialFilesOfAWriterThatIsGoneAndKeepALiveOnesAtOnce() throws Exception {
        LocalDirectoryStore store = new LocalDirectoryStore(tmp.getRoot().toPath());
        store(store, Instant.now());
        Path dir = store.directory("qa", "orders");
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path killed = Files.writeString(dir.resolve(".20260101T000000000Z-dead.dump.zst." + gone.pid()
                + ".partial"), "x");
        Path writing = Files.writeString(dir.resolve(".20260101T000000000Z-busy.dump.zst."
                + ProcessHandle.current().pid() + ".partial"), "x");

        assertThat(store.removeAbandoned("qa", "orders")).containsExactly(killed.toString());

        assertThat(killed).doesNotExist();
        assertThat(writing).exists();
        assertThat(store.list("qa", "orders")).hasSize(1);
    }

    @Test
    public void shouldRefuseNamesThatEscapeTheRoot() {
        LocalDirectoryStore store = new LocalDirectoryStore(tmp.getRoot().toPath());
        assertThatThrownBy(() -> store.directory("..", "orders")).isInstanceOf(RunbookException.class);
        assertThatThrownBy(() -> store.directory("qa", "a/b")).isInstanceOf(RunbookException.class);
        assertThatThrownBy(() -> store.create("qa", "orders", "../x", ".sql"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    public void shouldOpenALooseBackupByItsManifestOrItsPayload() throws Exception {
        LocalDirectoryStore store = new LocalDirectoryStore(tmp.getRoot().toPath());
        StoredBackup stored = store(store, Instant.now());
        Path manifest = Path.of(stored.manifestLocation());
        Path payload = Path.of(stored.payloadLocation());
        LocalDirectoryStore loose = LocalDirectoryStore.around(manifest);

        for (Path given : List.of(manifest, payload)) {
            StoredBackup backup = loose.openLoose(given.getFileName().toString());
            assertThat(backup.id()).isEqualTo(stored.id());
            assertThat(backup.manifestLocation()).isEqualTo(stored.manifestLocation());
            assertThat(backup.payloadLocation()).isEqualTo(stored.payloadLocation());
            try (var in = loose.openPayload(backup)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("payload");
            }
        }
        assertThatThrownBy(() -> loose.openLoose("notes.txt")).isInstanceOf(RunbookException.class)
                .hasMessageContaining("is not a backup file")
                .satisfies(e -> assertThat(((RunbookException) e).kind()).isEqualTo(ErrorKind.USAGE));
        assertThatThrownBy(() -> loose.openLoose("20260101T000000000Z-0000.manifest.json"))
                .isInstanceOf(RunbookException.class)
                .satisfies(e -> assertThat(((RunbookException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND));
    }

    @Test
    public void shouldReadNothingOutsideItsRootThroughPathsManifestsOrLinks() throws Exception {
        Path outside = tmp.newFolder("outside").toPath();
        Files.writeString(outside.resolve("secret"), "not a backup");
        LocalDirectoryStore store = new LocalDirectoryStore(tmp.getRoot().toPath().resolve("root"));
        StoredBackup stored = store(store, Instant.now());
        Path dir = Path.of(stored.manifestLocation()).getParent();
        LocalDirectoryStore loose = LocalDirectoryStore.around(Path.of(stored.manifestLocation()));

        assertThatThrownBy(() -> loose.openLoose("../../../outside/" + stored.id() + ".manifest.json"))
                .isInstanceOf(RunbookException.class).hasMessageContaining("is not inside the backup store");

        // A manifest naming a payload in another directory.
        String escaping = "20260101T000000000Z-0001";
        Files.write(dir.resolve(escaping + ".manifest.json"), io.jenkins.plugins.dbrunbooks.engine.artifact
                .ManifestCodec.write(manifest(escaping, "../../../outside/secret", 12)));
        assertThatThrownBy(() -> loose.openLoose(escaping + ".manifest.json")).isInstanceOf(RunbookException.class)
                .hasMessageContaining("names a payload outside its directory")
                .satisfies(e -> assertThat(((RunbookException) e).kind()).isEqualTo(ErrorKind.INTEGRITY));

        // A payload, or a manifest, that is a link to a file outside.
        String linked = "20260101T000000000Z-0002";
        Files.write(dir.resolve(linked + ".manifest.json"), io.jenkins.plugins.dbrunbooks.engine.artifact
                .ManifestCodec.write(manifest(linked, linked + ".sql.zst", 12)));
        Files.createSymbolicLink(dir.resolve(linked + ".sql.zst"), outside.resolve("secret"));
        StoredBackup viaLink = loose.openLoose(linked + ".manifest.json");
        assertThat(store.list("qa", "orders")).extracting(StoredBackup::id).containsExactly(stored.id());
        assertThatThrownBy(() -> loose.openPayload(viaLink)).isInstanceOf(RunbookException.class)
                .hasMessageContaining("is not a regular file inside the backup store");
        assertThatThrownBy(() -> store.openPayload(viaLink)).isInstanceOf(RunbookException.class)
                .hasMessageContaining("is not a regular file inside the backup store");
        String linkedManifest = "20260101T000000000Z-0003";
        Files.write(outside.resolve("m.json"), io.jenkins.plugins.dbrunbooks.engine.artifact.ManifestCodec
                .write(manifest(linkedManifest, linkedManifest + ".sql.zst", 12)));
        Files.createSymbolicLink(dir.resolve(linkedManifest + ".manifest.json"), outside.resolve("m.json"));
        Files.write(dir.resolve(linkedManifest + ".sql.zst"), new byte[12]);
        assertThatThrownBy(() -> loose.openLoose(linkedManifest + ".manifest.json"))
                .isInstanceOf(RunbookException.class)
                .hasMessageContaining("is not a regular file inside the backup store");
        assertThat(store.list("qa", "orders")).extracting(StoredBackup::id).containsExactly(stored.id());

        // A link that stays inside the store is followed, and a directory is no payload.
        String inner = "20260101T000000000Z-0004";
        Files.write(dir.resolve(inner + ".manifest.json"), io.jenkins.plugins.dbrunbooks.engine.artifact
                .ManifestCodec.write(manifest(inner, inner + ".sql.zst", 7)));
        Files.createSymbolicLink(dir.resolve(inner + ".sql.zst"), Path.of(stored.payloadLocation()));
        try (var in = loose.openPayload(loose.openLoose(inner + ".sql.zst"))) {
            assertThat(in.readAllBytes()).hasSize(7);
        }
        assertThat(store.list("qa", "orders")).extracting(StoredBackup::id).containsExactly(stored.id(), inner);
        String folder = "20260101T000000000Z-0005";
        Files.write(dir.resolve(folder + ".manifest.json"), io.jenkins.plugins.dbrunbooks.engine.artifact
                .ManifestCodec.write(manifest(folder, folder + ".sql.zst", 7)));
        Files.createDirectory(dir.resolve(folder + ".sql.zst"));
        assertThatThrownBy(() -> loose.openPayload(loose.openLoose(folder + ".manifest.json")))
                .isInstanceOf(RunbookException.class)
                .hasMessageContaining("is not a regular file inside the backup store");
    }
}
