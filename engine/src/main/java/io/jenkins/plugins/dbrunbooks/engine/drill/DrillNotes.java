package io.jenkins.plugins.dbrunbooks.engine.drill;

import io.jenkins.plugins.dbrunbooks.engine.artifact.ManifestCodec;
import io.jenkins.plugins.dbrunbooks.engine.store.BackupStore;
import io.jenkins.plugins.dbrunbooks.engine.store.StoredBackup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** Reads and writes the drill record kept beside a backup. */
public final class DrillNotes {
    private DrillNotes() {
    }

    public static void write(BackupStore store, StoredBackup backup, DrillRecord record) {
        try {
            store.writeNote(backup, DrillRecord.NOTE, ManifestCodec.mapper().writeValueAsBytes(record));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last drill of the backup; empty when there was none, or its record cannot be read. */
    public static Optional<DrillRecord> read(BackupStore store, StoredBackup backup) {
        return store.readNote(backup, DrillRecord.NOTE).flatMap(bytes -> {
            try {
                return Optional.of(ManifestCodec.mapper().readValue(bytes, DrillRecord.class));
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }
}
