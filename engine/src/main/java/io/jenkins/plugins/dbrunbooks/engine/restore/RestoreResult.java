package io.jenkins.plugins.dbrunbooks.engine.restore;

import java.io.Serializable;

/**
 * A finished restore: which backup went where.
 *
 * @param safetyBackupId the backup taken of the target before it was replaced in place, if any
 */
public record RestoreResult(String backupId, String sha256, String sourceEnvironment, String sourceDatabase,
        String targetEnvironment, String targetDatabase, String jdbcUrl, long bytes, String safetyBackupId)
        implements Serializable {
}
