package io.jenkins.plugins.dbrunbooks.engine.store;

import java.io.Serializable;
import java.util.List;

/** What a store holds for one database: its complete backups, newest first, and the manifests it cannot read. */
public record BackupListing(List<StoredBackup> backups, List<UnreadableBackup> unreadable) implements Serializable {
    public BackupListing {
        backups = List.copyOf(backups);
        unreadable = List.copyOf(unreadable);
    }
}
