package io.jenkins.plugins.dbrunbooks.engine.retention;

import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.config.Retention;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.operation.Audited;
import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import io.jenkins.plugins.dbrunbooks.engine.operation.Target;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressListener;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressMeter;
import io.jenkins.plugins.dbrunbooks.engine.store.BackupStore;
import io.jenkins.plugins.dbrunbooks.engine.store.StoredBackup;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Deletes backups the retention no longer keeps, never the newest one whose checksum still verifies. */
public final class PruneOperation {
    private final RunbookContext context;

    public PruneOperation(RunbookContext context) {
        this.context = context;
    }

    public PruneResult run(PruneRequest request) {
        return Audited.run(context, "prune", request.environment(), request.database(), () -> prune(request),
                r -> new Audited.Facts(null, null, r.bytesFreed(), (r.dryRun() ? "would delete " : "deleted ")
                        + r.deleted().size() + " backup(s)" + (r.deleted().isEmpty() ? "" : ": "
                                + String.join(", ", r.deleted()))));
    }

    private PruneResult prune(PruneRequest request) {
        Target target = Target.resolve(context, request.environment(), request.database(), null);
        Retention retention = request.override().applyTo(target.environment().retention());
        BackupStore store = target.store();
        List<StoredBackup> backups = store.list(request.environment(), request.database());
        String protectedId = newestVerified(store, backups);
        List<Manifest> doomed = RetentionPolicy.toDelete(backups.stream().map(StoredBackup::manifest).toList(),
                retention, context.clock().instant(), protectedId);
        Set<String> doomedIds = new HashSet<>(doomed.stream().map(Manifest::id).toList());
        long freed = 0;
        for (StoredBackup backup : backups) {
            if (doomedIds.contains(backup.id())) {
                context.listener().message((request.dryRun() ? "Would delete " : "Deleting ") + backup.id());
                if (!request.dryRun()) {
                    store.delete(backup);
                }
                freed += backup.manifest().payload().size();
            }
        }
        List<String> kept = backups.stream().map(StoredBackup::id).filter(id -> !doomedIds.contains(id)).toList();
        return new PruneResult(doomed.stream().map(Manifest::id).toList(), kept, protectedId, request.dryRun(), freed);
    }

    /** Walks from the newest backup until one's stored bytes match its manifest. */
    private String newestVerified(BackupStore store, List<StoredBackup> newestFirst) {
        for (StoredBackup backup : newestFirst) {
            try {
                store.checkStoredBytes(backup, new ProgressMeter(ProgressListener.NONE, "checksum", -1));
                return backup.id();
            } catch (RunbookException e) {
                context.listener().message("Backup " + backup.id() + " does not verify: " + e.getMessage());
            }
        }
        return null;
    }
}
