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
 * private file first where the method's tool needs a seekable one and loads in place. A method that stages its
 * payload gets it streamed too where it loads into a database of its own: it writes what its tool needs of the payload
 * to a working file itself while it loads (checking the space for it once it knows how much that is), and checks the
 * payload whole ({@link #requireIntact()}) before that database is kept. Either way its size and SHA-256 match the
 * manifest before the target is touched, and its raw size before a database it was loaded into is kept: a staged
 * payload is checked while it is unpacked, a streamed one in a pass of its own beforehand and again as it streams.
 */
interface RestorePayload extends RestoreSource, AutoCloseable {

    /**
     * @param fresh whether the method loads into a database of its own, kept only once the whole payload proved
     *     intact (a new database, or one swapped in): a streamed payload's first pass then checks the stored bytes
     *     and the key without decoding them
     */
    static RestorePayload open(DatabaseMethod method, BackupStore store, StoredBackup backup,
            List<RecipientStanzaReader> identities, Path workDir, ProgressListener listener, boolean fresh) {
        if (method.capabilities().stagesPayload() && !fresh) {
            return StagedPayload.start(method, store, backup, identities, workDir, listener);
        }
        return StreamedPayload.open(store, backup, identities, listener, !fresh);
    }

    @Override
    void close();
}
