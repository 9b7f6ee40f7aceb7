package io.jenkins.plugins.dbrunbooks.engine.backup;

import io.jenkins.plugins.dbrunbooks.engine.config.Names;
import java.io.Serializable;

/** Back up one configured database, optionally with a label (e.g. {@code pre-1.4}). */
public record BackupRequest(String environment, String database, String label) implements Serializable {
    public BackupRequest {
        if (label != null && !label.isEmpty()) {
            Names.requireLabel(label);
        } else {
            label = null;
        }
    }
}
