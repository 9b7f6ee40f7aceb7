package io.jenkins.plugins.dbrunbooks.engine.method;

import io.jenkins.plugins.dbrunbooks.engine.config.Timeouts;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.process.ToolLocator;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressListener;
import java.nio.file.Path;

/**
 * What a method needs for one call: the database's JDBC URL, the login of the role at work, where to find
 * client tools, a private working directory, the listener for messages and how long to wait on the server.
 */
public record MethodContext(String jdbcUrl, DbCredential credential, ToolLocator tools, Path workDir,
        ProgressListener listener, Timeouts timeouts) {

    public MethodContext {
        timeouts = timeouts == null ? Timeouts.DEFAULT : timeouts;
    }

    public MethodContext(String jdbcUrl, DbCredential credential, ToolLocator tools, Path workDir,
            ProgressListener listener) {
        this(jdbcUrl, credential, tools, workDir, listener, Timeouts.DEFAULT);
    }

    /** The same call aimed at another database of the same server. */
    public MethodContext withJdbcUrl(String url) {
        return new MethodContext(url, credential, tools, workDir, listener, timeouts);
    }
}
