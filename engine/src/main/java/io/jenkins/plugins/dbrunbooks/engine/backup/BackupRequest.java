package io.jenkins.plugins.dbrunbooks.engine.backup;

import io.jenkins.plugins.dbrunbooks.engine.config.Names;
import java.io.Serializable;

/** Back up one configured database, optionally with a label (e.g. {@code pre-1.4}). */
public record BackupRequest(String environment, String database, String label) implements Serializable {
    public BackupRequest {
        label = label == null || label.isEmpty() ? null : label;
    }

    /** Checked by the operation, so that a refused label is audited like every other refusal. */
    public void validate() {
        if (label != null) {
            Names.requireLabel(label);
        }
    }
}
