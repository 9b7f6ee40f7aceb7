package io.jenkins.plugins.dbrunbooks.engine.restore;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import io.jenkins.plugins.dbrunbooks.engine.artifact.PayloadReader;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressListener;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressMeter;
import io.jenkins.plugins.dbrunbooks.engine.store.BackupStore;
import io.jenkins.plugins.dbrunbooks.engine.store.StoredBackup;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The payload read from the store straight into a method that loads as it reads. It is checked before the method
 * starts and again as it streams, in case the file changed in between. Loaded in place, the target cannot take back
 * what it received, so the first pass decodes the whole payload too, for its raw size. Loaded into a database of
 * its own, kept only once the payload proved whole, the first pass checks the stored bytes against the manifest
 * (size and SHA-256) and opens an encrypted payload with the identity given, which proves the key: a file whose
 * checksum matches decodes as it was written, and a raw size the manifest misstates still fails the restore
 * before that database is kept.
 */
final class StreamedPayload implements RestorePayload {
    private final BackupStore store;
    private final StoredBackup backup;
    private final List<RecipientStanzaReader> identities;
    private final ProgressListener listener;
    private PayloadReader reader;
    private ProgressMeter meter;
    private boolean intact;

    private StreamedPayload(BackupStore store, StoredBackup backup, List<RecipientStanzaReader> identities,
            ProgressListener listener) {
        this.store = store;
        this.backup = backup;
        this.identities = identities;
        this.listener = listener;
    }

    /** @param decode whether the first pass decodes the payload too, not only the stored bytes and the key */
    static StreamedPayload open(BackupStore store, StoredBackup backup, List<RecipientStanzaReader> identities,
            ProgressListener listener, boolean decode) {
        listener.message("Verifying backup " + backup.id() + " before restoring it");
        ProgressMeter meter = new ProgressMeter(listener, "checksum", backup.manifest().payload().size());
        if (!decode) {
            store.checkStoredBytes(backup, meter);
        }
        if (!decode && !backup.manifest().encrypted()) {
            return new StreamedPayload(store, backup, identities, listener);
        }
        // Opening the payload unwraps its file key with the identity: a wrong key fails here, before any load.
        try (PayloadReader check = store.readPayload(backup, identities, decode ? meter
                : new ProgressMeter(ProgressListener.NONE, "key", -1))) {
            if (decode) {
                check.finish();
            } else {
                check.stream().read();
            }
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.STORAGE, "Cannot read backup '" + backup.id() + "': "
                    + e.getMessage(), null, e);
        }
        return new StreamedPayload(store, backup, identities, listener);
    }

    @Override
    public InputStream stream() {
        if (reader == null) {
            meter = new ProgressMeter(listener, "restore", backup.manifest().payload().size());
            reader = store.readPayload(backup, identities, meter);
        }
        return reader.stream();
    }

    @Override
    public long decodedSize() {
        return backup.manifest().rawSize();
    }

    @Override
    public void requireIntact() {
        if (intact) {
            return;
        }
        stream();
        reader.finish();
        meter.finish();
        intact = true;
    }

    @Override
    public void close() {
        if (reader == null) {
            return;
        }
        try {
            reader.close();
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.RESTORE_FAILED, "Reading backup '" + backup.id() + "' failed: "
                    + e.getMessage(), null, e);
        }
    }
}
