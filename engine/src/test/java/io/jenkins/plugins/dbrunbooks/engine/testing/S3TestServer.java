package io.jenkins.plugins.dbrunbooks.engine.testing;

import io.jenkins.plugins.dbrunbooks.engine.config.ObjectStoreSettings;
import io.jenkins.plugins.dbrunbooks.engine.credentials.ObjectStoreCredential;
import io.jenkins.plugins.dbrunbooks.engine.credentials.SecretValue;
import java.net.URI;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.rules.ExternalResource;

/**
 * A real S3 protocol server for the test's lifetime: s3proxy over jclouds' in-memory storage, on a free port of the
 * loopback interface, checking AWS V4 signatures against one key. Each test makes its own bucket.
 */
public final class S3TestServer extends ExternalResource {
    public static final String ACCESS_KEY = "dbrunbooks-test";
    public static final String SECRET_KEY = "dbrunbooks-test-secret";
    private BlobStoreContext storage;
    private S3Proxy proxy;

    @Override
    protected void before() throws Exception {
        storage = ContextBuilder.newBuilder("transient").credentials("unused", "unused").overrides(new Properties())
                .build(BlobStoreContext.class);
        proxy = S3Proxy.builder().blobStore(storage.getBlobStore())
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .endpoint(URI.create("http://127.0.0.1:0"))
                // It rejects the header naming the checksum algorithm of a multipart upload, which AWS requires.
                .ignoreUnknownHeaders(true).build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
    }

    @Override
    protected void after() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            storage.close();
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    public ObjectStoreSettings settings() {
        return new ObjectStoreSettings(endpoint(), "us-east-1", true, null);
    }

    public static ObjectStoreCredential credential() {
        return ObjectStoreCredential.of(ACCESS_KEY, SecretValue.of(SECRET_KEY));
    }

    /** Creates a bucket of a name no other test uses, and returns it. */
    public String newBucket() {
        String bucket = TestServers.uniqueName().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        storage.getBlobStore().createContainerInLocation(null, bucket);
        return bucket;
    }

    /** Replaces an object's bytes behind the store's back, as damage on the service would. */
    public void replace(String bucket, String key, byte[] content) {
        var store = storage.getBlobStore();
        store.putBlob(bucket, store.blobBuilder(key).payload(content).contentLength(content.length).build());
    }

    public byte[] read(String bucket, String key) throws java.io.IOException {
        try (java.io.InputStream in = storage.getBlobStore().getBlob(bucket, key).getPayload().openStream()) {
            return in.readAllBytes();
        }
    }

    /** The names of the objects in {@code bucket}, for tests that look at what a store left. */
    public java.util.List<String> objects(String bucket) {
        return storage.getBlobStore().list(bucket, org.jclouds.blobstore.options.ListContainerOptions.Builder
                .recursive()).stream().map(org.jclouds.blobstore.domain.StorageMetadata::getName).sorted().toList();
    }
}
