package io.jenkins.plugins.dbrunbooks.engine.inventory;

import io.jenkins.plugins.dbrunbooks.engine.artifact.BackupId;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.store.BackupStore;
import io.jenkins.plugins.dbrunbooks.engine.store.StoredBackup;
import java.util.List;

/** Which backup a request means: {@code latest} or an id. */
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
        List<StoredBackup> backups = store.list(environment, database);
        if (backups.isEmpty()) {
            throw new RunbookException(ErrorKind.NOT_FOUND, "'" + environment + "/" + database
                    + "' has no backup in '" + store.describe() + "'", "Take one with 'backup' first.");
        }
        if (LATEST.equals(wanted)) {
            return backups.get(0);
        }
        return backups.stream().filter(b -> b.id().equals(wanted)).findFirst()
                .orElseThrow(() -> new RunbookException(ErrorKind.NOT_FOUND, "'" + environment + "/" + database
                        + "' has no backup '" + wanted + "'", "'list' shows the backups that exist."));
    }
}
