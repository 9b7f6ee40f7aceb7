package io.jenkins.plugins.dbrunbooks.engine.maintenance;

import io.jenkins.plugins.dbrunbooks.engine.undo.Undo;
import java.util.Objects;

/**
 * The undo of one database lock: the record to persist, and the lock that reverts it. Reverting twice is
 * harmless; a failed revert may be tried again, and {@link #failure()} says why the last attempt failed.
 */
public final class LockHandle implements Undo {
    private final String name;
    private final LockRecord record;
    private final DatabaseLock lock;
    private boolean reverted;
    private RuntimeException failure;

    LockHandle(String name, LockRecord record, DatabaseLock lock) {
        this.name = Objects.requireNonNull(name, "name");
        this.record = Objects.requireNonNull(record, "record");
        this.lock = Objects.requireNonNull(lock, "lock");
    }

    /**
     * The handle of a lock applied earlier, perhaps by another process, from its record read back and the lock of
     * the record's database, connecting with a login allowed to change it.
     */
    public static LockHandle of(String name, LockRecord record, DatabaseLock lock) {
        return new LockHandle(name, record, lock);
    }

    /** What the caller calls this database in messages, such as {@code prod/orders}. */
    public String name() {
        return name;
    }

    public LockRecord record() {
        return record;
    }

    @Override
    public synchronized void revert() {
        if (reverted) {
            return;
        }
        try {
            lock.revert(record);
            reverted = true;
            failure = null;
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        }
    }

    public synchronized boolean isReverted() {
        return reverted;
    }

    /** Why the last revert failed, or null. */
    public synchronized RuntimeException failure() {
        return failure;
    }

    @Override
    public String toString() {
        return "LockHandle[" + name + ", " + record.kind() + "]";
    }
}
