package io.jenkins.plugins.dbrunbooks.engine.restore;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A finished restore: which backup went where.
 *
 * @param safetyBackupId the backup taken of the target before it was replaced in place, if any
 * @param leftOut what of the backup the target engine left out or changed (views, checks, defaults that do not
 *     carry across engines), one line each; empty for a restore into the same engine
 */
public record RestoreResult(String backupId, String sha256, String sourceEnvironment, String sourceDatabase,
        String targetEnvironment, String targetDatabase, String jdbcUrl, long bytes, String safetyBackupId,
        List<String> leftOut) implements Serializable {

    public RestoreResult {
        // A plain list, as results travel from agents and into pipeline scripts.
        leftOut = leftOut == null ? new ArrayList<>() : new ArrayList<>(leftOut);
    }
}
