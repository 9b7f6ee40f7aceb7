package io.jenkins.plugins.dbrunbooks.engine.store;

import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import java.io.OutputStream;

/**
 * A backup being written. Until {@link #commit} it is invisible to every reader; closing it uncommitted
 * removes what was written, so a failed or interrupted backup leaves nothing that looks like a backup.
 */
public interface PendingBackup extends AutoCloseable {

    /** Where the payload is written; durable once closed. */
    OutputStream payload();

    /** The payload's file name, recorded in the manifest. */
    String payloadName();

    /** Makes the backup visible: payload first, manifest last. */
    StoredBackup commit(Manifest manifest);

    @Override
    void close();
}
