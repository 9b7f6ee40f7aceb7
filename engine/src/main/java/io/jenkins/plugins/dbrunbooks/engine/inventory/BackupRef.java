package io.jenkins.plugins.dbrunbooks.engine.inventory;

import io.jenkins.plugins.dbrunbooks.engine.artifact.BackupId;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.store.BackupListing;
import io.jenkins.plugins.dbrunbooks.engine.store.BackupStore;
import io.jenkins.plugins.dbrunbooks.engine.store.StoredBackup;
import io.jenkins.plugins.dbrunbooks.engine.store.UnreadableBackup;
import java.util.List;

/**
 * Which backup a request means: {@code latest} (the newest backup that is not a safety backup) or an id, which may
 * name a safety backup.
 */
public final class BackupRef {
    public static final String LATEST = "latest";

    private BackupRef() {
    }

    public static StoredBackup resolve(BackupStore store, String environment, String database, String ref) {
        String wanted = ref == null || ref.isBlank() ? LATEST : ref.trim();
        if (!LATEST.equals(wanted) && !BackupId.isValid(wanted)) {
            throw new RunbookException(ErrorKind.USAGE, "Backup '" + wanted + "' is not a backup id",
                    "Give 'latest' or an id as 'list' prints it, such as 20261124T235512123Z-9f3c.");
        }
        BackupListing listing = store.scan(environment, database);
        List<StoredBackup> backups = listing.backups();
        if (LATEST.equals(wanted)) {
            return backups.stream().filter(b -> !b.manifest().safetyBackup()).findFirst()
                    .orElseThrow(() -> noBackup(store, environment, database, backups));
        }
        for (UnreadableBackup unreadable : listing.unreadable()) {
            if (unreadable.id().equals(wanted)) {
                throw new RunbookException(ErrorKind.INTEGRITY, "Backup '" + wanted + "' of '" + environment + "/"
                        + database + "' cannot be read: " + unreadable.reason(),
                        "Check its manifest '" + unreadable.location() + "', or give another backup.");
            }
        }
        return backups.stream().filter(b -> b.id().equals(wanted)).findFirst()
                .orElseThrow(() -> new RunbookException(ErrorKind.NOT_FOUND, "'" + environment + "/" + database
                        + "' has no backup '" + wanted + "'", "'list' shows the backups that exist."));
    }

    private static RunbookException noBackup(BackupStore store, String environment, String database,
            List<StoredBackup> backups) {
        if (backups.isEmpty()) {
            return new RunbookException(ErrorKind.NOT_FOUND, "'" + environment + "/" + database
                    + "' has no backup in '" + store.describe() + "'", "Take one with 'backup' first.");
        }
        return new RunbookException(ErrorKind.NOT_FOUND, "'" + environment + "/" + database
                + "' has only safety backups, which 'latest' never means",
                "Give the id of the safety backup to use (as 'list' prints it), or take a backup first.");
    }
}
