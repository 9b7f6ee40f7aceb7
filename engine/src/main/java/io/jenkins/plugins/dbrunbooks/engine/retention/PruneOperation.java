package io.jenkins.plugins.dbrunbooks.engine.retention;

import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.cleanup.Leftovers;
import io.jenkins.plugins.dbrunbooks.engine.config.Retention;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.operation.Audited;
import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import io.jenkins.plugins.dbrunbooks.engine.operation.ResolvedDatabase;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressListener;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressMeter;
import io.jenkins.plugins.dbrunbooks.engine.store.BackupListing;
import io.jenkins.plugins.dbrunbooks.engine.store.BackupStore;
import io.jenkins.plugins.dbrunbooks.engine.store.StoredBackup;
import io.jenkins.plugins.dbrunbooks.engine.store.UnreadableBackup;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Deletes backups the retention no longer keeps, never the newest one whose checksum still verifies. When backups
 * exist and none of them verifies, something is wrong with the store, not with the backups' age: it fails and
 * deletes nothing. Manifests it cannot read are reported and left alone.
 */
public final class PruneOperation {
    /** Older unfinished uploads are left by killed backups; a running backup's is younger. */
    static final Duration ABANDONED_AFTER = Duration.ofDays(1);
    private final RunbookContext context;

    public PruneOperation(RunbookContext context) {
        this.context = context;
    }

    public PruneResult run(PruneRequest request) {
        return Audited.run(context, "prune", request.environment(), request.database(), () -> prune(request),
                r -> new Audited.Facts(null, null, r.bytesFreed(), (r.dryRun() ? "would delete " : "deleted ")
                        + r.deleted().size() + " backup(s)" + (r.deleted().isEmpty() ? "" : ": "
                                + String.join(", ", r.deleted()))
                        + (r.unreadable().isEmpty() ? "" : "; left " + r.unreadable().size()
                                + " unreadable manifest(s) alone")));
    }

    private PruneResult prune(PruneRequest request) {
        ResolvedDatabase target = ResolvedDatabase.resolve(context, request.environment(), request.database(), null);
        Leftovers.sweep(context, request.environment(), request.database(), null);
        Retention retention = request.override().applyTo(target.environment().retention());
        BackupStore store = target.store();
        BackupListing listing = store.scan(request.environment(), request.database());
        for (UnreadableBackup unreadable : listing.unreadable()) {
            context.listener().message("Leaving " + unreadable.id() + " alone: " + unreadable.reason());
        }
        List<StoredBackup> backups = listing.backups();
        String protectedId = newestVerified(store, backups);
        if (protectedId == null && !backups.isEmpty()) {
            throw new RunbookException(ErrorKind.INTEGRITY, "No backup of '" + request.environment() + "/"
                    + request.database() + "' verifies (" + backups.size() + " checked); nothing was deleted",
                    "Check the backup directory '" + store.describe() + "' and take a new backup; 'verify' shows"
                            + " what is wrong with each.");
        }
        removeStaleUploads(store, request);
        List<Manifest> doomed = unlocked(store, backups, RetentionPolicy.toDelete(
                backups.stream().map(StoredBackup::manifest).toList(), retention, context.clock().instant(),
                protectedId));
        Set<String> doomedIds = new HashSet<>(doomed.stream().map(Manifest::id).toList());
        long freed = 0;
        for (StoredBackup backup : backups) {
            if (doomedIds.contains(backup.id())) {
                context.listener().message((request.dryRun() ? "Would delete " : "Deleting ") + backup.id()
                        + (backup.manifest().safetyBackup() ? " (safety backup)" : ""));
                if (!request.dryRun()) {
                    store.delete(backup);
                }
                freed += backup.manifest().payload().size();
            }
        }
        List<String> kept = backups.stream().map(StoredBackup::id).filter(id -> !doomedIds.contains(id)).toList();
        return new PruneResult(doomed.stream().map(Manifest::id).toList(), kept, protectedId, request.dryRun(), freed,
                listing.unreadable());
    }

    /** What killed backups left unfinished a day ago or more (a running backup's upload is younger). */
    private void removeStaleUploads(BackupStore store, PruneRequest request) {
        for (String left : store.removeStaleUploads(request.environment(), request.database(),
                context.clock().instant().minus(ABANDONED_AFTER), request.dryRun())) {
            context.listener().message((request.dryRun() ? "Would remove " : "Removed ") + "unfinished upload "
                    + left + ", left by a backup that was interrupted");
        }
    }

    /** The backups among {@code doomed} that the store does not lock against deletion; the others are named. */
    private List<Manifest> unlocked(BackupStore store, List<StoredBackup> backups, List<Manifest> doomed) {
        Set<String> ids = new HashSet<>(doomed.stream().map(Manifest::id).toList());
        Set<String> locked = new HashSet<>();
        for (StoredBackup backup : backups) {
            if (ids.contains(backup.id())) {
                store.lockedUntil(backup).filter(until -> until.isAfter(context.clock().instant()))
                        .ifPresent(until -> {
                            locked.add(backup.id());
                            context.listener().message("Keeping " + backup.id() + ": the object store locks it"
                                    + " until " + until);
                        });
            }
        }
        return doomed.stream().filter(m -> !locked.contains(m.id())).toList();
    }

    /**
     * Walks from the newest regular backup until one's stored bytes match its manifest; safety backups only where
     * no regular backup does, so that a store whose every backup fails is told apart from one that holds only
     * safety backups.
     */
    private String newestVerified(BackupStore store, List<StoredBackup> newestFirst) {
        List<StoredBackup> candidates = Stream.concat(
                newestFirst.stream().filter(b -> !b.manifest().safetyBackup()),
                newestFirst.stream().filter(b -> b.manifest().safetyBackup())).toList();
        for (StoredBackup backup : candidates) {
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
