package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import io.jenkins.plugins.dbrunbooks.engine.artifact.AgeKeys;
import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.artifact.PayloadReader;
import io.jenkins.plugins.dbrunbooks.engine.credentials.SecretValue;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format.SnapshotReader;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SchemaSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressListener;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressMeter;
import io.jenkins.plugins.dbrunbooks.engine.store.BackupStore;
import io.jenkins.plugins.dbrunbooks.engine.store.StoredBackup;
import java.io.IOException;
import java.nio.file.Path;

/** What a jdbc backup holds, from the schema at the head of its payload, for {@code inspect}. */
public final class SnapshotContents {
    private SnapshotContents() {
    }

    /** Whether the backup is a jdbc snapshot, whose payload starts with its schema. */
    public static boolean applies(Manifest manifest) {
        return "jdbc".equals(manifest.method());
    }

    /**
     * Reads the schema at the head of the payload, through its age and zstd layers; no row is read, so the checksum
     * of the whole file is not checked (that is what {@code verify} is for).
     *
     * @param identityFile the age identity; required when the backup is encrypted
     */
    public static SchemaSnapshot read(BackupStore store, StoredBackup backup, SecretValue identityFile) {
        Manifest manifest = backup.manifest();
        if (!applies(manifest)) {
            throw new RunbookException(ErrorKind.USAGE, "Backup '" + manifest.id() + "' was made with the "
                    + manifest.method() + " method; only jdbc backups carry a schema to show");
        }
        try (PayloadReader reader = store.readPayload(backup,
                identityFile == null ? null : AgeKeys.identities(identityFile),
                new ProgressMeter(ProgressListener.NONE, "inspect", manifest.payload().size()))) {
            // Large values are spooled only when rows are read, and none is; the directory is never written.
            Path unused = Path.of(System.getProperty("java.io.tmpdir"));
            return SnapshotReader.open(reader.stream(), unused).schema();
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.STORAGE, "Cannot read the payload '" + backup.payloadLocation()
                    + "': " + e.getMessage(), "Give the manifest of a backup whose payload is beside it.", e);
        }
    }
}
