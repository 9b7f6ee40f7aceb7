package io.jenkins.plugins.dbrunbooks.engine.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.dbrunbooks.engine.artifact.BackupId;
import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.config.ObjectStoreRoot;
import io.jenkins.plugins.dbrunbooks.engine.config.ObjectStoreSettings;
import io.jenkins.plugins.dbrunbooks.engine.credentials.ObjectStoreCredential;
import io.jenkins.plugins.dbrunbooks.engine.credentials.SecretValue;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.store.PendingBackup;
import io.jenkins.plugins.dbrunbooks.engine.store.StoredBackup;
import io.jenkins.plugins.dbrunbooks.engine.testing.S3TestServer;
import java.io.InputStream;
import java.net.ServerSocket;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.After;
import org.junit.ClassRule;
import org.junit.Test;

public class S3BackupStoreTest {
    @ClassRule
    public static final S3TestServer SERVER = new S3TestServer();
    /** The smallest part S3 accepts (but for the last), so that a few MiB already make several parts. */
    private static final int PART = 5 << 20;

    private final String bucket = SERVER.newBucket();
    private final S3BackupStore store = open("s3://" + bucket + "/backups", S3TestServer.credential());

    @After
    public void closeStore() {
        store.close();
    }

    private static S3BackupStore open(String root, ObjectStoreCredential credential) {
        return open(root, SERVER.settings(), credential);
    }

    private static S3BackupStore open(String root, ObjectStoreSettings settings, ObjectStoreCredential credential) {
        return new S3BackupStore(S3Clients.open(settings, credential), ObjectStoreRoot.parse(root), settings, PART);
    }

    private static Manifest manifest(String id, String file, byte[] payload) throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
        return new Manifest(Manifest.FORMAT_VERSION, id, null, "qa", "orders", "h2", "2", "native", "h2", "2",
                new Manifest.Payload(file, payload.length, sha, "zstd", "none", List.of()), payload.length,
                Instant.now(), Instant.now(), null, "tester", null, null);
    }

    private static byte[] random(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    private StoredBackup store(S3BackupStore target, byte[] payload) throws Exception {
        String id = BackupId.next(Instant.now());
        try (PendingBackup pending = target.create("qa", "orders", id, ".sql.zst")) {
            pending.payload().write(payload);
            return pending.commit(manifest(id, pending.payloadName(), payload));
        }
    }

    @Test
    public void shouldStreamAPayloadOfSeveralPartsAndReadItBack() throws Exception {
        byte[] payload = random(2 * PART + 12345);

        StoredBackup backup = store(store, payload);

        assertThat(backup.payloadLocation()).isEqualTo("s3://" + bucket + "/backups/qa/orders/" + backup.id()
                + ".sql.zst");
        assertThat(store.list("qa", "orders")).extracting(StoredBackup::id).containsExactly(backup.id());
        try (InputStream in = store.openPayload(store.list("qa", "orders").get(0))) {
            assertThat(in.readAllBytes()).isEqualTo(payload);
        }
        store.checkStoredBytes(backup, new io.jenkins.plugins.dbrunbooks.engine.progress.ProgressMeter(
                io.jenkins.plugins.dbrunbooks.engine.progress.ProgressListener.NONE, "check", -1));
        assertThat(SERVER.objects(bucket)).containsExactly(backup.manifestLocation().substring(("s3://" + bucket
                + "/").length()), backup.payloadLocation().substring(("s3://" + bucket + "/").length()));
    }

    @Test
    public void shouldShowNothingUntilCommittedAndAbortTheUploadWhenAbandoned() throws Exception {
        String id = BackupId.next(Instant.now());
        try (PendingBackup pending = store.create("qa", "orders", id, ".dump.zst")) {
            pending.payload().write(random(PART + 10));
            assertThat(store.list("qa", "orders")).isEmpty();
            assertThat(store.removeStaleUploads("qa", "orders", Instant.now().plusSeconds(60), true)).hasSize(1);
        }
        assertThat(store.list("qa", "orders")).isEmpty();
        assertThat(store.removeStaleUploads("qa", "orders", Instant.now().plusSeconds(60), true)).isEmpty();
        assertThat(SERVER.objects(bucket)).isEmpty();
    }

    @Test
    public void shouldAbortUploadsLeftUnfinishedBeforeTheCutoffOnly() throws Exception {
        PendingBackup left = store.create("qa", "orders", BackupId.next(Instant.now()), ".dump.zst");
        left.payload().write(random(PART));

        assertThat(store.removeStaleUploads("qa", "orders", Instant.now().minus(Duration.ofDays(1)), false)).isEmpty();
        List<String> removed = store.removeStaleUploads("qa", "orders", Instant.now().plusSeconds(60), false);

        assertThat(removed).singleElement().asString().startsWith("s3://" + bucket + "/backups/qa/orders/");
        assertThat(store.removeStaleUploads("qa", "orders", Instant.now().plusSeconds(60), true)).isEmpty();
    }

    @Test
    public void shouldNeverReplaceAnExistingBackup() throws Exception {
        StoredBackup first = store(store, random(100));
        String id = first.id();

        assertThatThrownBy(() -> store.create("qa", "orders", id, ".sql.zst"))
                .isInstanceOfSatisfying(RunbookException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.STORAGE))
                .hasMessageContaining("already exists");
        assertThatThrownBy(() -> store.writeManifest("backups/qa/orders/" + id + ".manifest.json", new byte[] {1}))
                .hasMessageContaining("already exists");
        try (InputStream in = store.openPayload(first)) {
            assertThat(in.readAllBytes()).isEqualTo(random(100));
        }
    }

    @Test
    public void shouldListAManifestWithoutItsPayloadAsUnreadable() throws Exception {
        StoredBackup backup = store(store, random(100));
        store.deleteObject(backup.payloadLocation().substring(("s3://" + bucket + "/").length()), "test");

        assertThat(store.scan("qa", "orders").backups()).isEmpty();
        assertThat(store.scan("qa", "orders").unreadable()).singleElement()
                .satisfies(u -> assertThat(u.reason()).contains("has no payload"));
    }

    @Test
    public void shouldKeepTheRestoreNoteUntilCleared() {
        assertThat(store.readRestoreMarker("qa", "orders")).isEmpty();
        store.writeRestoreMarker("qa", "orders", new byte[] {1, 2});
        store.writeRestoreMarker("qa", "orders", new byte[] {3});
        assertThat(store.readRestoreMarker("qa", "orders")).hasValue(new byte[] {3});
        store.clearRestoreMarker("qa", "orders");
        assertThat(store.readRestoreMarker("qa", "orders")).isEmpty();
    }

    @Test
    public void shouldOpenABackupByItsManifestObjectOnly() throws Exception {
        StoredBackup backup = store(store, random(10));

        assertThat(store.openLoose(backup.manifestLocation()).payloadLocation()).isEqualTo(backup.payloadLocation());
        assertThatThrownBy(() -> store.openLoose("s3://other-bucket/backups/qa/orders/x.manifest.json"))
                .hasMessageContaining("is not inside the backup store");
        assertThatThrownBy(() -> store.openLoose("s3://" + bucket + "/elsewhere/x.manifest.json"))
                .hasMessageContaining("is not inside the backup store");
    }

    @Test
    public void shouldSayTheKeyWasRefused() {
        S3BackupStore wrong = open("s3://" + bucket + "/backups", ObjectStoreCredential.of(S3TestServer.ACCESS_KEY,
                SecretValue.of("not-the-secret")));
        assertThatThrownBy(() -> wrong.list("qa", "orders"))
                .isInstanceOfSatisfying(RunbookException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.CREDENTIALS))
                .hasMessageContaining("refused the key").hasMessageNotContaining("not-the-secret");
        assertThatThrownBy(() -> wrong.create("qa", "orders", BackupId.next(Instant.now()), ".sql.zst"))
                .isInstanceOfSatisfying(RunbookException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.CREDENTIALS));
        wrong.close();
    }

    @Test
    public void shouldSayTheBucketDoesNotExist() {
        S3BackupStore missing = open("s3://no-such-bucket-here/backups", S3TestServer.credential());
        assertThatThrownBy(() -> missing.list("qa", "orders"))
                .isInstanceOfSatisfying(RunbookException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND))
                .hasMessageContaining("Bucket 'no-such-bucket-here' does not exist");
        assertThatThrownBy(() -> missing.create("qa", "orders", BackupId.next(Instant.now()), ".sql.zst"))
                .isInstanceOfSatisfying(RunbookException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
        missing.close();
    }

    @Test
    public void shouldSayTheServiceCannotBeReached() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ObjectStoreSettings refusing = new ObjectStoreSettings("http://127.0.0.1:" + closedPort, "us-east-1", true,
                null);
        S3BackupStore unreachable = open("s3://" + bucket + "/backups", refusing, S3TestServer.credential());
        assertThatThrownBy(() -> unreachable.list("qa", "orders"))
                .isInstanceOfSatisfying(RunbookException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONNECTION))
                .hasMessageContaining("Cannot reach the object store");
        unreachable.close();
    }
}
