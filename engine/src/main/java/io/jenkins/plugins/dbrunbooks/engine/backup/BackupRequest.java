package io.jenkins.plugins.dbrunbooks.engine.backup;

import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.config.Names;
import java.io.Serializable;

/**
 * Back up one configured database, optionally with a label (e.g. {@code pre-1.4}).
 *
 * @param safety the automatic copy taken before an in-place restore, kept apart from the other backups
 */
public record BackupRequest(String environment, String database, String label, boolean safety)
        implements Serializable {
    public BackupRequest {
        label = label == null || label.isEmpty() ? null : label;
    }

    public BackupRequest(String environment, String database, String label) {
        this(environment, database, label, false);
    }

    /** The safety backup of a database about to be replaced in place. */
    public static BackupRequest safetyOf(String environment, String database) {
        return new BackupRequest(environment, database, Manifest.SAFETY_LABEL, true);
    }

    public String purpose() {
        return safety ? Manifest.PURPOSE_SAFETY : Manifest.PURPOSE_BACKUP;
    }

    /** Checked by the operation, so that a refused label is audited like every other refusal. */
    public void validate() {
        if (label != null) {
            Names.requireLabel(label);
        }
    }
}
