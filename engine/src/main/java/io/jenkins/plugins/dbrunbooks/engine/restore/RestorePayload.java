package io.jenkins.plugins.dbrunbooks.engine.restore;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseMethod;
import io.jenkins.plugins.dbrunbooks.engine.method.RestoreSource;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressListener;
import io.jenkins.plugins.dbrunbooks.engine.store.BackupStore;
import io.jenkins.plugins.dbrunbooks.engine.store.StoredBackup;
import java.nio.file.Path;
import java.util.List;

/**
 * The payload a restore loads, chosen in one place: streamed from the store into the method, or staged to a
 * private file first where the method's tool needs a seekable one. Either way its size, raw size and SHA-256
 * match the manifest before the target is touched: a staged payload is checked while it is unpacked, a streamed
 * one in a pass of its own beforehand and again as it streams.
 */
interface RestorePayload extends RestoreSource, AutoCloseable {

    static RestorePayload open(DatabaseMethod method, BackupStore store, StoredBackup backup,
            List<RecipientStanzaReader> identities, Path workDir, ProgressListener listener) {
        return method.capabilities().stagesPayload()
                ? StagedPayload.start(method, store, backup, identities, workDir, listener)
                : StreamedPayload.open(store, backup, identities, listener);
    }

    @Override
    void close();
}
