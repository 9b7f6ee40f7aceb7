package io.jenkins.plugins.dbrunbooks.engine.store.s3;

import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.artifact.ManifestCodec;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.store.PendingBackup;
import io.jenkins.plugins.dbrunbooks.engine.store.StoredBackup;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A backup streaming into an object store. The payload is an unfinished multipart upload, invisible to every
 * listing, until {@link #commit} completes it and then writes the manifest; closing it uncommitted aborts the
 * upload, so the service keeps nothing of it.
 */
final class S3PendingBackup implements PendingBackup {
    private final S3BackupStore store;
    private final PayloadUpload upload;
    private final String payloadName;
    private final String manifestKey;
    private final String payloadKey;
    private boolean payloadCompleted;
    private boolean committed;

    S3PendingBackup(S3BackupStore store, PayloadUpload upload, String payloadName, String manifestKey) {
        this.store = store;
        this.upload = upload;
        this.payloadName = payloadName;
        this.manifestKey = manifestKey;
        this.payloadKey = manifestKey.substring(0, manifestKey.lastIndexOf('/') + 1) + payloadName;
    }

    @Override
    public OutputStream payload() {
        return upload;
    }

    @Override
    public String payloadName() {
        return payloadName;
    }

    @Override
    public StoredBackup commit(Manifest manifest) {
        try {
            upload.close();
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.STORAGE, "Cannot store backup '" + manifest.id() + "' in '"
                    + store.describe() + "': " + e.getMessage(), null, e);
        }
        store.call("completing the upload of '" + payloadKey + "'", () -> {
            upload.complete();
            return null;
        });
        payloadCompleted = true;
        store.writeManifest(manifestKey, ManifestCodec.write(manifest));
        committed = true;
        return new StoredBackup(manifest, store.location(payloadKey), store.location(manifestKey));
    }

    @Override
    public void close() {
        if (committed) {
            return;
        }
        try {
            if (payloadCompleted) {
                // A payload without its manifest never lists; removing it only saves space.
                store.deleteObject(payloadKey, "removing the payload of a backup that was not stored");
            } else {
                upload.abort();
            }
        } catch (RuntimeException e) {
            // Prune finds an upload left unfinished; nothing without a manifest lists as a backup.
        }
    }
}
