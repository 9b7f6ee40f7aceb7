package io.jenkins.plugins.dbrunbooks.engine.retention;

import io.jenkins.plugins.dbrunbooks.engine.config.Retention;
import java.io.Serializable;

/**
 * Apply retention to one database's backups.
 *
 * @param retention overrides the environment's retention when not null
 * @param dryRun list what would go, delete nothing
 */
public record PruneRequest(String environment, String database, Retention retention, boolean dryRun)
        implements Serializable {
}
