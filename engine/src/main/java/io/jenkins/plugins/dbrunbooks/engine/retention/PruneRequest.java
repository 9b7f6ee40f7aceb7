package io.jenkins.plugins.dbrunbooks.engine.retention;

import java.io.Serializable;

/**
 * Apply retention to one database's backups.
 *
 * @param override changes to the environment's retention for this call; {@link RetentionOverride#NONE} for none
 * @param dryRun list what would go, delete nothing
 */
public record PruneRequest(String environment, String database, RetentionOverride override, boolean dryRun)
        implements Serializable {

    public PruneRequest {
        override = override == null ? RetentionOverride.NONE : override;
    }
}
