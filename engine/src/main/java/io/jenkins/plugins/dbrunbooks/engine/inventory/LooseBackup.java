package io.jenkins.plugins.dbrunbooks.engine.inventory;

import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.store.BackupStore;
import io.jenkins.plugins.dbrunbooks.engine.store.StoredBackup;

/** A backup found on a disk, with the store around it that reads its payload. */
public record LooseBackup(BackupStore store, StoredBackup backup) {

    public Manifest manifest() {
        return backup.manifest();
    }
}
