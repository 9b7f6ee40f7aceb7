package io.jenkins.plugins.dbrunbooks.engine.maintenance;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.undo.Undo;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The database locks of one maintenance window, applied all or nothing: when one database cannot be locked, those
 * already locked are reverted before the failure is thrown, so a failed enable leaves no database read-only.
 * Disabling reverts every lock, the newest first, even when one fails. Enabling twice or disabling twice is
 * harmless.
 */
public final class MaintenanceSession implements Undo {

    /** A database to lock: its name in messages (such as {@code prod/orders}) and its lock. */
    public record LockableDatabase(String name, DatabaseLock lock) {
        public LockableDatabase {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(lock, "lock");
        }
    }

    private final LockKind kind;
    private final List<LockableDatabase> targets;
    private List<LockHandle> handles;

    private MaintenanceSession(LockKind kind, List<LockableDatabase> targets, List<LockHandle> handles) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.targets = List.copyOf(targets);
        this.handles = handles;
    }

    /** A session that locks these databases, in this order, when it is enabled. */
    public static MaintenanceSession of(LockKind kind, List<LockableDatabase> targets) {
        return new MaintenanceSession(kind, targets, null);
    }

    /** A session enabled earlier, perhaps before a restart, rebuilt from its handles in the order applied. */
    public static MaintenanceSession resume(List<LockHandle> handles) {
        return new MaintenanceSession(LockKind.NONE, List.of(), new ArrayList<>(handles));
    }

    /**
     * Locks every database, or none. A kind one of the engines cannot apply is refused before any database is
     * touched. Returns one handle per database, in the order locked; a second call returns the same handles.
     */
    public synchronized List<LockHandle> enable() {
        if (handles != null) {
            return List.copyOf(handles);
        }
        if (kind == LockKind.NONE) {
            handles = new ArrayList<>();
            return List.of();
        }
        for (LockableDatabase target : targets) {
            if (!target.lock().supports(kind)) {
                throw new RunbookException(ErrorKind.CONFIGURATION, "Database '" + target.name() + "' ("
                        + target.lock().engine() + ") cannot be locked " + describe(kind),
                        "Choose another database lock for this maintenance, or none.");
            }
        }
        List<LockHandle> applied = new ArrayList<>();
        for (LockableDatabase target : targets) {
            try {
                applied.add(new LockHandle(target.name(), target.lock().apply(kind), target.lock()));
            } catch (RuntimeException e) {
                RunbookException failure = cannotLock(target, e, applied.size());
                try {
                    Undo.revertAll(applied);
                } catch (RuntimeException undo) {
                    failure.addSuppressed(undo);
                }
                throw failure;
            }
        }
        handles = applied;
        return List.copyOf(applied);
    }

    /** The handles of the locks in force, in the order applied; empty before {@link #enable}. */
    public synchronized List<LockHandle> handles() {
        return handles == null ? List.of() : List.copyOf(handles);
    }

    /** The locks whose revert has not succeeded yet, in the order applied. */
    public synchronized List<LockHandle> unreverted() {
        return handles == null ? List.of() : handles.stream().filter(h -> !h.isReverted()).toList();
    }

    /**
     * Reverts every lock, the newest first (a lock applied over another restores it). The first failure is thrown
     * with the later ones suppressed; the locks that failed stay in {@link #unreverted} for another attempt.
     */
    public void disable() {
        Undo.revertAll(handles());
    }

    @Override
    public void revert() {
        disable();
    }

    private RunbookException cannotLock(LockableDatabase target, RuntimeException e, int alreadyLocked) {
        String hint = e instanceof RunbookException r ? r.hint() : null;
        ErrorKind errorKind = e instanceof RunbookException r ? r.kind() : ErrorKind.CONNECTION;
        String undone = alreadyLocked == 0 ? "" : " (the " + alreadyLocked + " database(s) locked before it were"
                + " unlocked again)";
        return new RunbookException(errorKind, "Database '" + target.name() + "' could not be locked "
                + describe(kind) + undone + ": " + e.getMessage(), hint, e);
    }

    private static String describe(LockKind kind) {
        return kind == LockKind.READ_ONLY ? "read-only" : kind == LockKind.NO_CONNECTIONS ? "against connections"
                : "";
    }
}
