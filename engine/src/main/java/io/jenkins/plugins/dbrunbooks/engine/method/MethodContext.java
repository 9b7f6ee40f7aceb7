package io.jenkins.plugins.dbrunbooks.engine.method;

import io.jenkins.plugins.dbrunbooks.engine.config.Timeouts;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.process.ToolLocator;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressListener;
import java.nio.file.Path;

/**
 * What a method needs for one call: the database's JDBC URL, the login of the role at work, where to find
 * client tools, a private working directory, the listener for messages, how long to wait on the server and
 * whether a backup takes data fingerprints.
 */
public record MethodContext(String jdbcUrl, DbCredential credential, ToolLocator tools, Path workDir,
        ProgressListener listener, Timeouts timeouts, boolean fingerprints) {

    public MethodContext(String jdbcUrl, DbCredential credential, ToolLocator tools, Path workDir,
            ProgressListener listener, Timeouts timeouts) {
        this(jdbcUrl, credential, tools, workDir, listener, timeouts, true);
    }

    public MethodContext {
        timeouts = timeouts == null ? Timeouts.DEFAULT : timeouts;
    }

    public MethodContext(String jdbcUrl, DbCredential credential, ToolLocator tools, Path workDir,
            ProgressListener listener) {
        this(jdbcUrl, credential, tools, workDir, listener, Timeouts.DEFAULT);
    }

    /** Says on the listener why a backup takes no fingerprints, when its configuration turned them off. */
    public void sayFingerprintsOff() {
        listener.message("Data fingerprints are turned off for this database: a drill of this backup can prove"
                + " the restore, not the data");
    }

    /** The same call aimed at another database of the same server. */
    public MethodContext withJdbcUrl(String url) {
        return new MethodContext(url, credential, tools, workDir, listener, timeouts, fingerprints);
    }
}
