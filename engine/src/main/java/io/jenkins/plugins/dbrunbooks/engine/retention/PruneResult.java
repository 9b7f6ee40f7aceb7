package io.jenkins.plugins.dbrunbooks.engine.retention;

import java.io.Serializable;
import java.util.List;

/**
 * What pruning did, or would do on a dry run.
 *
 * @param protectedId the newest verified backup, kept whatever the retention says; null if none verified
 */
public record PruneResult(List<String> deleted, List<String> kept, String protectedId, boolean dryRun,
        long bytesFreed) implements Serializable {
    public PruneResult {
        deleted = List.copyOf(deleted);
        kept = List.copyOf(kept);
    }
}
