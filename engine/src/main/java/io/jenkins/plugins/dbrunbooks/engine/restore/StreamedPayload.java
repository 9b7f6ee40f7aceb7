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
 * The payload read from the store straight into a method that loads as it reads. Such a method cannot take back
 * what it loaded, so the whole payload is read and checked once before it starts (decoded too, for the raw size),
 * and checked again as it streams in case the file changed in between.
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

    static StreamedPayload open(BackupStore store, StoredBackup backup, List<RecipientStanzaReader> identities,
            ProgressListener listener) {
        listener.message("Verifying backup " + backup.id() + " before restoring it");
        try (PayloadReader check = store.readPayload(backup, identities,
                new ProgressMeter(listener, "checksum", backup.manifest().payload().size()))) {
            check.finish();
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
