package io.jenkins.plugins.dbrunbooks.plugin.maintenance;

import io.jenkins.plugins.dbrunbooks.engine.maintenance.LockKind;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.LockRecord;
import java.io.IOException;
import java.time.Instant;

/**
 * A database lock applied for a maintenance window, kept on disk until it is reverted: the engine's undo record as
 * plain fields, written by XStream like {@link StoredWindow}, and the database it belongs to. No secret: the login
 * to revert it is looked up again when it is needed. A lock whose record cannot be read back (a file from a
 * development build that stored it otherwise) is not guessed at: reverting it fails with the reason, and it stays
 * listed until an administrator reverts it by hand.
 */
public final class StoredLock {
    private String windowId;
    private String environment;
    private String database;
    private String engine;
    private String jdbcUrl;
    private String lockedDatabase;
    private String kind;
    private String previousValue;
    private long appliedAt;
    private String error;

    static StoredLock of(String windowId, String environment, String database, LockRecord lock) {
        StoredLock stored = new StoredLock();
        stored.windowId = windowId;
        stored.environment = environment;
        stored.database = database;
        stored.engine = lock.engine();
        stored.jdbcUrl = lock.jdbcUrl();
        stored.lockedDatabase = lock.database();
        stored.kind = lock.kind().name();
        stored.previousValue = lock.previousValue();
        stored.appliedAt = lock.appliedAt().toEpochMilli();
        return stored;
    }

    LockRecord toRecord() throws IOException {
        if (engine == null || jdbcUrl == null || lockedDatabase == null || kind == null) {
            throw new IOException("The lock record of " + environment + "/" + database + " cannot be read; "
                    + "revert the lock on the database by hand");
        }
        try {
            return new LockRecord(engine, jdbcUrl, lockedDatabase, LockKind.valueOf(kind), previousValue,
                    Instant.ofEpochMilli(appliedAt));
        } catch (IllegalArgumentException e) {
            throw new IOException("The lock record of " + environment + "/" + database + " names an unknown lock '"
                    + kind + "'; revert the lock on the database by hand", e);
        }
    }

    StoredLock failed(String message) {
        StoredLock copy = copy();
        copy.error = message;
        return copy;
    }

    private StoredLock copy() {
        StoredLock copy = new StoredLock();
        copy.windowId = windowId;
        copy.environment = environment;
        copy.database = database;
        copy.engine = engine;
        copy.jdbcUrl = jdbcUrl;
        copy.lockedDatabase = lockedDatabase;
        copy.kind = kind;
        copy.previousValue = previousValue;
        copy.appliedAt = appliedAt;
        return copy;
    }

    String windowId() {
        return windowId;
    }

    /** Whether the lock keeps the database read-only, so that nothing is written while it holds. */
    boolean readOnly() {
        return LockKind.READ_ONLY.name().equals(kind);
    }

    public String getEnvironment() {
        return environment;
    }

    public String getDatabase() {
        return database;
    }

    public String getWindowId() {
        return windowId;
    }

    /** Why the last revert failed, or null. */
    public String getError() {
        return error;
    }
}
