package io.jenkins.plugins.dbrunbooks.engine.store;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import io.jenkins.plugins.dbrunbooks.engine.artifact.PayloadReader;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressMeter;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where backups live, and the only code that knows how they are laid out there. The engine only talks to this
 * interface, so an object store can join the local directory without changing any caller.
 */
public interface BackupStore {

    PendingBackup create(String environment, String database, String id, String payloadSuffix);

    /** Complete backups of one database, newest first, and the manifests beside them that cannot be read. */
    BackupListing scan(String environment, String database);

    /** Complete backups of one database, newest first. */
    default List<StoredBackup> list(String environment, String database) {
        return scan(environment, database).backups();
    }

    default Optional<StoredBackup> find(String environment, String database, String id) {
        return list(environment, database).stream().filter(b -> b.id().equals(id)).findFirst();
    }

    /**
     * A backup given by the location of one of its files (its manifest or its payload) inside this store rather
     * than by environment and database, as when one is found on a disk and inspected where it lies.
     */
    StoredBackup openLoose(String location);

    /**
     * The stored bytes of a payload, unchecked. Callers read through {@link #readPayload} or
     * {@link #checkStoredBytes}, which check them against the manifest.
     */
    InputStream openPayload(StoredBackup backup);

    /** The decoded payload, checked against the manifest as it is read; see {@link PayloadReader}. */
    default PayloadReader readPayload(StoredBackup backup, List<RecipientStanzaReader> identities,
            ProgressMeter meter) {
        return PayloadReader.open(openPayload(backup), backup.manifest(), identities, meter);
    }

    /** Reads the stored bytes through and checks their size and SHA-256; needs no key. */
    default void checkStoredBytes(StoredBackup backup, ProgressMeter meter) {
        PayloadReader.checkStoredBytes(openPayload(backup), backup.manifest(), meter);
    }

    /** Deletes a backup and the notes beside it. */
    void delete(StoredBackup backup);

    /** Until when the service refuses to delete the backup (object lock), if it does. */
    default Optional<Instant> lockedUntil(StoredBackup backup) {
        return Optional.empty();
    }

    /**
     * Removes (or with {@code dryRun} only names) the unfinished uploads of the database started before
     * {@code startedBefore}: where a store cannot tell whether their writer still lives (an object store shared by
     * machines), age says they were abandoned. Stores that can tell clean up in {@link #removeAbandoned(String,
     * String)} instead and return nothing here.
     */
    default List<String> removeStaleUploads(String environment, String database, Instant startedBefore,
            boolean dryRun) {
        return List.of();
    }

    /**
     * Keeps a small record about one backup beside it, such as the result of its last restore drill, replacing
     * the one of the same {@code kind} (lower-case letters). It is written whole or not at all, and deleted with
     * the backup.
     */
    void writeNote(StoredBackup backup, String kind, byte[] content);

    /** The record of {@code kind} kept beside the backup, if any. */
    Optional<byte[]> readNote(StoredBackup backup, String kind);

    /**
     * Notes, durably and before the database is touched, that a restore into it began; it stays until
     * {@link #clearRestoreMarker} after a finished restore, so a failed or killed one is seen by the next
     * command. The content is the caller's; a new note replaces an older one.
     */
    void writeRestoreMarker(String environment, String database, byte[] content);

    /** The note of a restore into the database that has not finished, if any. */
    Optional<byte[]> readRestoreMarker(String environment, String database);

    void clearRestoreMarker(String environment, String database);

    /**
     * Removes what writers that were killed left of unfinished backups of the database (never a backup being
     * written by a live process) and returns what it removed, for the caller to say.
     */
    default List<String> removeAbandoned(String environment, String database) {
        return List.of();
    }

    /** Where this store keeps its files, for messages. */
    String describe();
}
