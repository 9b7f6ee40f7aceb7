package io.jenkins.plugins.dbrunbooks.engine.verify;

import io.jenkins.plugins.dbrunbooks.engine.artifact.ManifestCodec;
import io.jenkins.plugins.dbrunbooks.engine.store.BackupStore;
import io.jenkins.plugins.dbrunbooks.engine.store.StoredBackup;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;

/**
 * The last verification of a backup, kept beside it so a listing shows how far the backup was proven without
 * verifying it again.
 *
 * @param passed whether no check failed; {@code level} is the level reached either way
 */
public record VerifyNote(VerificationLevel level, boolean passed, Instant at, String actor)
        implements Serializable {
    public static final String NOTE = "verified";

    public static void write(BackupStore store, StoredBackup backup, VerifyNote note) {
        try {
            store.writeNote(backup, NOTE, ManifestCodec.mapper().writeValueAsBytes(note));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The last verification, if one was noted and its note can be read. */
    public static Optional<VerifyNote> read(BackupStore store, StoredBackup backup) {
        return store.readNote(backup, NOTE).flatMap(bytes -> {
            try {
                return Optional.of(ManifestCodec.mapper().readValue(bytes, VerifyNote.class));
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }
}
