package io.jenkins.plugins.dbrunbooks.engine.store.s3;

import io.jenkins.plugins.dbrunbooks.engine.artifact.BackupId;
import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.artifact.ManifestCodec;
import io.jenkins.plugins.dbrunbooks.engine.config.Names;
import io.jenkins.plugins.dbrunbooks.engine.config.ObjectStoreRoot;
import io.jenkins.plugins.dbrunbooks.engine.config.ObjectStoreSettings;
import io.jenkins.plugins.dbrunbooks.engine.credentials.ObjectStoreCredential;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.store.BackupListing;
import io.jenkins.plugins.dbrunbooks.engine.store.BackupStore;
import io.jenkins.plugins.dbrunbooks.engine.store.PendingBackup;
import io.jenkins.plugins.dbrunbooks.engine.store.StoredBackup;
import io.jenkins.plugins.dbrunbooks.engine.store.UnreadableBackup;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Backups in an S3-compatible bucket, shared by every machine that reaches it, laid out as the local store is:
 * {@code <prefix>/<environment>/<database>/<id>.<ext>} beside {@code <id>.manifest.json}. The payload streams into
 * a multipart upload that the service keeps invisible until it is completed; the manifest is written last, so a
 * backup exists once its manifest does, and an interrupted one leaves at most an unfinished upload, which
 * {@link #removeStaleUploads} aborts. No write replaces an object: each is checked for first and sent with
 * {@code If-None-Match: *}, which services that support it enforce.
 */
public final class S3BackupStore implements BackupStore {
    static final String MANIFEST_SUFFIX = ".manifest.json";
    static final String RESTORE_MARKER = "restore-incomplete.properties";
    private static final java.util.regex.Pattern NOTE_KIND = java.util.regex.Pattern.compile("[a-z]{1,20}");
    static final int FIRST_PART_SIZE = 8 << 20;

    private final S3Client client;
    private final ObjectStoreRoot root;
    private final ObjectStoreSettings settings;
    private final int firstPartSize;

    S3BackupStore(S3Client client, ObjectStoreRoot root, ObjectStoreSettings settings, int firstPartSize) {
        this.client = client;
        this.root = root;
        this.settings = settings;
        this.firstPartSize = firstPartSize;
    }

    public static S3BackupStore open(String backupRoot, ObjectStoreSettings settings,
            ObjectStoreCredential credential) {
        return new S3BackupStore(S3Clients.open(settings, credential), ObjectStoreRoot.parse(backupRoot), settings,
                FIRST_PART_SIZE);
    }

    @Override
    public String describe() {
        return root + (settings.endpoint() == null ? "" : " at " + settings.endpoint());
    }

    String directory(String environment, String database) {
        return root.key(Names.requireName("Environment", environment), Names.requireName("Database", database))
                + "/";
    }

    @Override
    public PendingBackup create(String environment, String database, String id, String payloadSuffix) {
        if (!BackupId.isValid(id) || !payloadSuffix.matches("(\\.[a-z0-9]+)+")) {
            throw new IllegalArgumentException("Invalid backup id or suffix");
        }
        String dir = directory(environment, database);
        String payloadName = id + payloadSuffix;
        String payloadKey = dir + payloadName;
        String manifestKey = dir + id + MANIFEST_SUFFIX;
        requireAbsent(payloadKey);
        requireAbsent(manifestKey);
        CreateMultipartUploadRequest.Builder request = CreateMultipartUploadRequest.builder().bucket(root.bucket())
                .key(payloadKey).contentType("application/octet-stream").checksumAlgorithm(ChecksumAlgorithm.SHA256);
        lock(request::objectLockMode, request::objectLockRetainUntilDate);
        String uploadId = call("starting the upload of '" + payloadKey + "'",
                () -> client.createMultipartUpload(request.build()).uploadId());
        return new S3PendingBackup(this, new PayloadUpload(client, root.bucket(), payloadKey, uploadId,
                firstPartSize), payloadName, manifestKey);
    }

    /** Sets the environment's object lock, if any, on an upload about to start. */
    private void lock(java.util.function.Consumer<ObjectLockMode> mode, java.util.function.Consumer<Instant> until) {
        ObjectStoreSettings.ObjectLock lock = settings.objectLock();
        if (lock != null) {
            mode.accept(ObjectLockMode.fromValue(lock.mode().name()));
            until.accept(Instant.now().plus(java.time.Duration.ofDays(lock.days())));
        }
    }

    void writeManifest(String key, byte[] content) {
        requireAbsent(key);
        PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(root.bucket()).key(key)
                .contentType("application/json").ifNoneMatch("*").checksumSHA256(Sha256.base64(content, content.length));
        lock(request::objectLockMode, request::objectLockRetainUntilDate);
        call("writing '" + key + "'", () -> client.putObject(request.build(), RequestBody.fromBytes(content)));
    }

    /** The check of check-then-write, for services that ignore {@code If-None-Match}. */
    private void requireAbsent(String key) {
        boolean exists = call("checking '" + key + "'", () -> {
            try {
                client.headObject(HeadObjectRequest.builder().bucket(root.bucket()).key(key).build());
                return true;
            } catch (NoSuchKeyException e) {
                return false;
            } catch (S3Exception e) {
                if (e.statusCode() == 404 && !"NoSuchBucket".equals(errorCode(e))) {
                    return false;
                }
                throw e;
            }
        });
        if (exists) {
            throw new RunbookException(ErrorKind.STORAGE, "'" + location(key) + "' already exists; nothing was"
                    + " replaced", "Another run wrote a backup of the same id: take the backup again.");
        }
    }

    @Override
    public BackupListing scan(String environment, String database) {
        String dir = directory(environment, database);
        Map<String, S3Object> objects = new HashMap<>();
        call("listing '" + location(dir) + "'", () -> {
            client.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(root.bucket()).prefix(dir)
                    .delimiter("/").build()).contents().forEach(o -> objects.put(o.key(), o));
            return null;
        });
        List<StoredBackup> backups = new ArrayList<>();
        List<UnreadableBackup> unreadable = new ArrayList<>();
        for (String key : objects.keySet()) {
            String name = key.substring(dir.length());
            if (!name.endsWith(MANIFEST_SUFFIX) || !BackupId.isValid(idOf(name))) {
                continue;
            }
            try {
                Manifest manifest = readManifest(key);
                String payloadKey = dir + manifest.payload().file();
                requirePayloadName(manifest, key);
                if (!objects.containsKey(payloadKey)) {
                    throw new RunbookException(ErrorKind.NOT_FOUND, "Backup '" + manifest.id() + "' has no payload '"
                            + location(payloadKey) + "'");
                }
                backups.add(new StoredBackup(manifest, location(payloadKey), location(key)));
            } catch (RunbookException e) {
                if (e.kind() == ErrorKind.CREDENTIALS || e.kind() == ErrorKind.CONNECTION) {
                    throw e;
                }
                unreadable.add(new UnreadableBackup(idOf(name), location(key), e.getMessage()));
            }
        }
        backups.sort(Comparator.comparing(StoredBackup::id).reversed());
        unreadable.sort(Comparator.comparing(UnreadableBackup::id).reversed());
        return new BackupListing(backups, unreadable);
    }

    private static String idOf(String manifestName) {
        return manifestName.substring(0, manifestName.length() - MANIFEST_SUFFIX.length());
    }

    private Manifest readManifest(String key) {
        byte[] content = call("reading '" + key + "'", () -> client.getObjectAsBytes(GetObjectRequest.builder()
                .bucket(root.bucket()).key(key).build()).asByteArray());
        return ManifestCodec.read(new java.io.ByteArrayInputStream(content), location(key));
    }

    /** A payload name is a plain name beside its manifest, never a path that leads elsewhere in the bucket. */
    private void requirePayloadName(Manifest manifest, String manifestKey) {
        String file = manifest.payload().file();
        if (file.isEmpty() || file.contains("/") || file.startsWith(".") || file.endsWith(MANIFEST_SUFFIX)) {
            throw new RunbookException(ErrorKind.INTEGRITY, "Backup '" + manifest.id() + "' names a payload outside"
                    + " its directory: '" + file + "'", "Check where the manifest '" + location(manifestKey)
                            + "' came from; a backup's payload lies beside it.");
        }
    }

    @Override
    public StoredBackup openLoose(String location) {
        String key = keyOf(location);
        if (!key.endsWith(MANIFEST_SUFFIX)) {
            throw new RunbookException(ErrorKind.USAGE, "'" + location + "' is not a backup manifest",
                    "Give a backup's .manifest.json object.");
        }
        Manifest manifest = readManifest(key);
        requirePayloadName(manifest, key);
        String payloadKey = key.substring(0, key.lastIndexOf('/') + 1) + manifest.payload().file();
        return new StoredBackup(manifest, location(payloadKey), location(key));
    }

    /** The key of a location in this store: {@code s3://bucket/key}, or a key under the prefix. */
    private String keyOf(String location) {
        String bucketPrefix = ObjectStoreRoot.SCHEME + root.bucket() + "/";
        String key = location.startsWith(ObjectStoreRoot.SCHEME) ? (location.startsWith(bucketPrefix)
                ? location.substring(bucketPrefix.length()) : null) : root.key(location);
        if (key == null || (!root.prefix().isEmpty() && !key.startsWith(root.prefix() + "/"))
                || key.contains("//") || List.of(key.split("/")).contains("..")) {
            throw new RunbookException(ErrorKind.USAGE, "'" + location + "' is not inside the backup store '"
                    + root + "'", "Give a backup object under that prefix.");
        }
        return key;
    }

    @Override
    public InputStream openPayload(StoredBackup backup) {
        String key = keyOf(backup.payloadLocation());
        try {
            return client.getObject(GetObjectRequest.builder().bucket(root.bucket()).key(key).build());
        } catch (NoSuchKeyException e) {
            throw new RunbookException(ErrorKind.NOT_FOUND, "Backup '" + backup.id() + "' has no payload at '"
                    + backup.payloadLocation() + "'", null, e);
        } catch (SdkException e) {
            throw S3Failures.of(e, root, settings.endpoint(), "reading backup '" + backup.id() + "'");
        }
    }

    @Override
    public void delete(StoredBackup backup) {
        // Manifest first: a half-deleted backup must not list as complete.
        deleteObject(keyOf(backup.manifestLocation()), "deleting backup '" + backup.id() + "'");
        deleteObject(keyOf(backup.payloadLocation()), "deleting backup '" + backup.id() + "'");
        String notes = noteKey(backup, "");
        List<String> keys = new ArrayList<>();
        call("listing the notes of backup '" + backup.id() + "'", () -> {
            client.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(root.bucket()).prefix(notes)
                    .delimiter("/").build()).contents().forEach(o -> {
                        if (NOTE_KIND.matcher(o.key().substring(notes.length())).matches()) {
                            keys.add(o.key());
                        }
                    });
            return null;
        });
        for (String key : keys) {
            deleteObject(key, "deleting a note of backup '" + backup.id() + "'");
        }
    }

    @Override
    public void writeNote(StoredBackup backup, String kind, byte[] content) {
        String key = noteKey(backup, kind);
        // A note is replaced by the next one of its kind, so unlike a backup it is written without the no-overwrite
        // check; one PUT makes it whole or absent.
        call("writing the " + kind + " note of backup '" + backup.id() + "' to '" + location(key) + "'",
                () -> client.putObject(PutObjectRequest.builder().bucket(root.bucket()).key(key)
                        .checksumSHA256(Sha256.base64(content, content.length)).build(),
                        RequestBody.fromBytes(content)));
    }

    @Override
    public Optional<byte[]> readNote(StoredBackup backup, String kind) {
        return readObject(noteKey(backup, kind));
    }

    /** {@code <id>.<kind>} beside the manifest: never a manifest's name, so never listed as a backup. */
    private String noteKey(StoredBackup backup, String kind) {
        if (!kind.isEmpty() && !NOTE_KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("Not a note kind: " + kind);
        }
        String manifest = keyOf(backup.manifestLocation());
        return manifest.substring(0, manifest.lastIndexOf('/') + 1) + backup.id() + "." + kind;
    }

    void deleteObject(String key, String doing) {
        call(doing, () -> client.deleteObject(DeleteObjectRequest.builder().bucket(root.bucket()).key(key).build()));
    }

    /**
     * The end of the object lock the environment set when the backup was uploaded: the retention the service
     * reports where it reports one, else the one this store asked for from the backup's start.
     */
    @Override
    public Optional<Instant> lockedUntil(StoredBackup backup) {
        ObjectStoreSettings.ObjectLock lock = settings.objectLock();
        if (lock == null) {
            return Optional.empty();
        }
        Instant asked = backup.manifest().finishedAt().plus(java.time.Duration.ofDays(lock.days()));
        Instant reported = call("reading the retention of '" + backup.manifestLocation() + "'",
                () -> client.headObject(HeadObjectRequest.builder().bucket(root.bucket())
                        .key(keyOf(backup.manifestLocation())).build()).objectLockRetainUntilDate());
        return Optional.of(reported == null || reported.isBefore(asked) ? asked : reported);
    }

    /**
     * Aborts the uploads of this database that were started before {@code startedBefore} and never completed: a
     * killed backup's parts, which the service keeps (and bills) until they are aborted.
     */
    @Override
    public List<String> removeStaleUploads(String environment, String database, Instant startedBefore,
            boolean dryRun) {
        String dir = directory(environment, database);
        List<MultipartUpload> stale = new ArrayList<>();
        call("listing unfinished uploads in '" + location(dir) + "'", () -> {
            client.listMultipartUploadsPaginator(ListMultipartUploadsRequest.builder().bucket(root.bucket())
                    .prefix(dir).build()).uploads().forEach(u -> {
                        if (u.initiated() != null && u.initiated().isBefore(startedBefore)) {
                            stale.add(u);
                        }
                    });
            return null;
        });
        List<String> removed = new ArrayList<>();
        for (MultipartUpload upload : stale) {
            if (!dryRun) {
                call("aborting the upload of '" + upload.key() + "'", () -> client.abortMultipartUpload(b -> b
                        .bucket(root.bucket()).key(upload.key()).uploadId(upload.uploadId())));
            }
            removed.add(location(upload.key()) + " (upload started " + upload.initiated() + ")");
        }
        return removed;
    }

    @Override
    public void writeRestoreMarker(String environment, String database, byte[] content) {
        String key = directory(environment, database) + RESTORE_MARKER;
        // The note is replaced by the next one, so unlike a backup it is written without the no-overwrite check.
        call("noting the restore of '" + environment + "/" + database + "' in '" + location(key) + "'",
                () -> client.putObject(PutObjectRequest.builder().bucket(root.bucket()).key(key)
                        .checksumSHA256(Sha256.base64(content, content.length)).build(),
                        RequestBody.fromBytes(content)));
    }

    @Override
    public Optional<byte[]> readRestoreMarker(String environment, String database) {
        return readObject(directory(environment, database) + RESTORE_MARKER);
    }

    /** A small object read whole, or nothing where there is none. */
    private Optional<byte[]> readObject(String key) {
        return call("reading '" + location(key) + "'", () -> {
            try {
                return Optional.of(client.getObjectAsBytes(GetObjectRequest.builder().bucket(root.bucket()).key(key)
                        .build()).asByteArray());
            } catch (NoSuchKeyException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public void clearRestoreMarker(String environment, String database) {
        deleteObject(directory(environment, database) + RESTORE_MARKER, "removing the restore note of '"
                + environment + "/" + database + "'");
    }

    String location(String key) {
        return ObjectStoreRoot.SCHEME + root.bucket() + "/" + key;
    }

    <T> T call(String doing, Supplier<T> request) {
        try {
            return request.get();
        } catch (SdkException e) {
            throw S3Failures.of(e, root, settings.endpoint(), doing);
        }
    }

    private static String errorCode(S3Exception e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }

    /** Releases the client's connections; the store is not used afterwards. */
    public void close() {
        client.close();
    }
}
