package io.jenkins.plugins.dbrunbooks.engine.changes;

import io.jenkins.plugins.dbrunbooks.engine.inventory.BackupRef;
import java.io.Serializable;

/** What was written to a configured database since one of its backups ({@code latest} or an id). */
public record ChangesSinceRequest(String environment, String database, String backup) implements Serializable {
    public ChangesSinceRequest {
        backup = backup == null || backup.isBlank() ? BackupRef.LATEST : backup.trim();
    }
}
