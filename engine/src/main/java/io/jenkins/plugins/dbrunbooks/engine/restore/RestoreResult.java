package io.jenkins.plugins.dbrunbooks.engine.restore;

import io.jenkins.plugins.dbrunbooks.engine.changes.ChangesSince;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A finished restore: which backup went where.
 *
 * @param safetyBackupId the backup taken of the target before it was replaced in place, if any
 * @param leftOut what of the backup the target engine left out or changed (views, checks, defaults that do not
 *     carry across engines), one line each; empty for a restore into the same engine
 * @param rollback what was written to the database since the backup and thrown away by restoring it over the
 *     database it came from; null for any other restore
 */
public record RestoreResult(String backupId, String sha256, String sourceEnvironment, String sourceDatabase,
        String targetEnvironment, String targetDatabase, String jdbcUrl, long bytes, String safetyBackupId,
        List<String> leftOut, ChangesSince rollback) implements Serializable {

    public RestoreResult(String backupId, String sha256, String sourceEnvironment, String sourceDatabase,
            String targetEnvironment, String targetDatabase, String jdbcUrl, long bytes, String safetyBackupId,
            List<String> leftOut) {
        this(backupId, sha256, sourceEnvironment, sourceDatabase, targetEnvironment, targetDatabase, jdbcUrl, bytes,
                safetyBackupId, leftOut, null);
    }

    public RestoreResult {
        // A plain list, as results travel from agents and into pipeline scripts.
        leftOut = leftOut == null ? new ArrayList<>() : new ArrayList<>(leftOut);
    }
}
