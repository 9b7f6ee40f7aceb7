package io.jenkins.plugins.dbrunbooks.engine.store;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Where backups live. The engine only talks to this interface, so an object store can join the local directory
 * without changing any caller.
 */
public interface BackupStore {

    PendingBackup create(String environment, String database, String id, String payloadSuffix);

    /** Complete backups of one database, newest first. */
    List<StoredBackup> list(String environment, String database);

    default Optional<StoredBackup> find(String environment, String database, String id) {
        return list(environment, database).stream().filter(b -> b.id().equals(id)).findFirst();
    }

    InputStream openPayload(StoredBackup backup);

    void delete(StoredBackup backup);

    /** Where this store keeps its files, for messages. */
    String describe();
}
