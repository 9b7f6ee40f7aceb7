package io.jenkins.plugins.dbrunbooks.engine.retention;

import io.jenkins.plugins.dbrunbooks.engine.store.UnreadableBackup;
import java.io.Serializable;
import java.util.List;

/**
 * What pruning did, or would do on a dry run.
 *
 * @param protectedId the newest verified backup, kept whatever the retention says
 * @param unreadable manifests that could not be read; never deleted, left for a person to look at
 */
public record PruneResult(List<String> deleted, List<String> kept, String protectedId, boolean dryRun,
        long bytesFreed, List<UnreadableBackup> unreadable) implements Serializable {
    public PruneResult {
        deleted = List.copyOf(deleted);
        kept = List.copyOf(kept);
        unreadable = List.copyOf(unreadable);
    }
}
