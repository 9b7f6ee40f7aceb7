package io.jenkins.plugins.dbrunbooks.engine.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupResult;
import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.config.ObjectStoreSettings;
import io.jenkins.plugins.dbrunbooks.engine.config.Retention;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.inventory.Inventory;
import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreOperation;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreRequest;
import io.jenkins.plugins.dbrunbooks.engine.retention.PruneOperation;
import io.jenkins.plugins.dbrunbooks.engine.retention.PruneRequest;
import io.jenkins.plugins.dbrunbooks.engine.retention.PruneResult;
import io.jenkins.plugins.dbrunbooks.engine.retention.RetentionOverride;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.Eventually;
import io.jenkins.plugins.dbrunbooks.engine.testing.S3TestServer;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import io.jenkins.plugins.dbrunbooks.engine.verify.VerifyOperation;
import io.jenkins.plugins.dbrunbooks.engine.verify.VerifyRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import software.amazon.awssdk.services.s3.S3Client;

/** What goes wrong with backups in an object store: damage, a killed upload, locked objects. */
public class ObjectStoreFaultsTest {
    @ClassRule
    public static final S3TestServer SERVER = new S3TestServer();
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private EngineFixture h2(String bucket, ObjectStoreSettings settings, Retention retention) {
        String url = "jdbc:h2:" + tmp.getRoot().toPath().resolve("h2/orders").toAbsolutePath();
        return new EngineFixture(tmp.getRoot().toPath(), DbCredential.of("sa", ""))
                .objectStore("s3://" + bucket + "/runbooks", settings, S3TestServer.credential())
                .environment("qa", false, List.of(), retention, EngineFixture.database("orders", url,
                        MethodChoice.NATIVE));
    }

    @Test
    public void shouldRefuseATruncatedObjectInVerifyAndRestore() throws Exception {
        String bucket = SERVER.newBucket();
        EngineFixture fixture = h2(bucket, SERVER.settings(), Retention.KEEP_ALL);
        BackupResult backup = new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
        String key = backup.payloadLocation().substring(("s3://" + bucket + "/").length());
        byte[] whole = SERVER.read(bucket, key);
        SERVER.replace(bucket, key, Arrays.copyOf(whole, whole.length / 2));

        assertThat(new VerifyOperation(fixture.context()).run(new VerifyRequest("qa", "orders", "latest", null))
                .passed()).isFalse();
        assertThatThrownBy(() -> new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders")
                .withSafetyBackup(false)))
                .isInstanceOfSatisfying(RunbookException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.INTEGRITY));
    }

    @Test
    public void shouldLeaveLockedBackupsToTheirRetention() throws Exception {
        String bucket = SERVER.newBucket();
        ObjectStoreSettings locked = new ObjectStoreSettings(SERVER.endpoint(), "us-east-1", true,
                new ObjectStoreSettings.ObjectLock(ObjectStoreSettings.Mode.GOVERNANCE, 30));
        EngineFixture fixture = h2(bucket, locked, new Retention(1, 0));
        String older = new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null)).id();
        String newer = new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null)).id();

        PruneResult kept = new PruneOperation(fixture.context()).run(new PruneRequest("qa", "orders",
                RetentionOverride.NONE, false));
        PruneResult afterRetention = new PruneOperation(at(fixture.context(), Duration.ofDays(31)))
                .run(new PruneRequest("qa", "orders", RetentionOverride.NONE, false));

        assertThat(kept.deleted()).isEmpty();
        assertThat(fixture.listener.messages).anyMatch(m -> m.startsWith("Keeping " + older
                + ": the object store locks it until "));
        assertThat(afterRetention.deleted()).containsExactly(older);
        assertThat(new Inventory(fixture.context()).list("qa", "orders")).extracting(m -> m.id())
                .containsExactly(newer);
    }

    @Test
    public void shouldLeaveNothingListedWhenABackupIsKilledMidUploadAndPruneItsUpload() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            // About 20 MB of random hex text, which compresses to no less than 10 MB: more than one 8 MiB part.
            db.execute("CREATE TABLE blobs (id int PRIMARY KEY, data text)",
                    "INSERT INTO blobs SELECT g, (SELECT string_agg(md5(random()::text || g || i), '')"
                            + " FROM generate_series(1, 32) i) FROM generate_series(1, 20000) g");
            String bucket = SERVER.newBucket();
            Process child = KilledUploadChild.start(SERVER.endpoint(), bucket, tmp.getRoot().toPath(), db.url(),
                    db.login().user());
            try (S3Client client = S3Clients.open(SERVER.settings(), S3TestServer.credential())) {
                Eventually.until("a part of the backup uploaded", () -> uploadedParts(client, bucket) > 0,
                        () -> child.isAlive() ? null : "the backup ended before it was killed");
            } finally {
                child.destroyForcibly();
                child.waitFor();
            }
            EngineFixture fixture = KilledUploadChild.fixture(SERVER.endpoint(), bucket, tmp.getRoot().toPath(),
                    db.url(), db.login());

            assertThat(new Inventory(fixture.context()).list("qa", "orders")).isEmpty();
            new PruneOperation(fixture.context()).run(new PruneRequest("qa", "orders", RetentionOverride.NONE, false));
            assertThat(fixture.listener.messages).noneMatch(m -> m.contains("unfinished upload"));
            new PruneOperation(at(fixture.context(), Duration.ofDays(2))).run(new PruneRequest("qa", "orders",
                    RetentionOverride.NONE, false));

            assertThat(fixture.listener.messages).anyMatch(m -> m.startsWith("Removed unfinished upload s3://"
                    + bucket + "/runbooks/qa/orders/"));
            try (S3Client client = S3Clients.open(SERVER.settings(), S3TestServer.credential())) {
                assertThat(client.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
            }
            assertThat(SERVER.objects(bucket)).isEmpty();
        }
    }

    private static int uploadedParts(S3Client client, String bucket) {
        return client.listMultipartUploads(b -> b.bucket(bucket)).uploads().stream()
                .mapToInt(u -> client.listParts(b -> b.bucket(bucket).key(u.key()).uploadId(u.uploadId()))
                        .parts().size()).sum();
    }

    /** The context as it will be {@code later}: prune judges ages by its clock. */
    private static RunbookContext at(RunbookContext context, Duration later) {
        return new RunbookContext(context.config(), context.credentials(), context.stores(), context.methods(),
                context.tools(), context.workDir(), context.listener(), context.audit(), context.actor(),
                context.payload(), Clock.offset(Clock.systemUTC(), later));
    }

    /** A jdbc backup into the test's bucket, in a Java process of its own so that it can be killed. */
    public static final class KilledUploadChild {
        static EngineFixture fixture(String endpoint, String bucket, Path root, String url, DbCredential login) {
            return new EngineFixture(root, login).objectStore("s3://" + bucket + "/runbooks",
                    new ObjectStoreSettings(endpoint, "us-east-1", true, null), S3TestServer.credential())
                    .environment("qa", EngineFixture.database("orders", url, MethodChoice.JDBC));
        }

        static Process start(String endpoint, String bucket, Path root, String url, String user)
                throws java.io.IOException {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            return new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                    KilledUploadChild.class.getName(), endpoint, bucket, root.toString(), url, user)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        }

        public static void main(String[] args) {
            EngineFixture fixture = fixture(args[0], args[1], Path.of(args[2]), args[3], DbCredential.of(args[4],
                    null));
            new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
        }
    }
}
