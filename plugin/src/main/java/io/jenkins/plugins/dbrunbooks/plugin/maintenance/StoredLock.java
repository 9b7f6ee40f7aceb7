package io.jenkins.plugins.dbrunbooks.plugin.maintenance;

import io.jenkins.plugins.dbrunbooks.engine.maintenance.LockRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Base64;

/**
 * A database lock applied for a maintenance window, kept on disk until it is reverted: the engine's undo record in
 * Java serialization (read back through a filter that admits only the engine's and the JDK's types), and the
 * database it belongs to. No secret: the login to revert it is looked up again when it is needed.
 */
public final class StoredLock {
    private static final ObjectInputFilter ENGINE_ONLY = ObjectInputFilter.Config.createFilter(
            "io.jenkins.plugins.dbrunbooks.engine.**;java.lang.*;java.util.*;java.time.*;!*");

    private String windowId;
    private String environment;
    private String database;
    private String record;
    private String error;

    static StoredLock of(String windowId, String environment, String database, LockRecord lock) {
        StoredLock stored = new StoredLock();
        stored.windowId = windowId;
        stored.environment = environment;
        stored.database = database;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(lock);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot record the database lock of " + environment + "/" + database, e);
        }
        stored.record = Base64.getEncoder().encodeToString(bytes.toByteArray());
        return stored;
    }

    LockRecord toRecord() throws IOException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder()
                .decode(record)))) {
            in.setObjectInputFilter(ENGINE_ONLY);
            return (LockRecord) in.readObject();
        } catch (ClassNotFoundException | ClassCastException e) {
            throw new IOException("The lock record of " + environment + "/" + database + " cannot be read", e);
        }
    }

    StoredLock failed(String message) {
        StoredLock copy = new StoredLock();
        copy.windowId = windowId;
        copy.environment = environment;
        copy.database = database;
        copy.record = record;
        copy.error = message;
        return copy;
    }

    String windowId() {
        return windowId;
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
