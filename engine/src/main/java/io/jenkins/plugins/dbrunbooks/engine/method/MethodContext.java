package io.jenkins.plugins.dbrunbooks.engine.method;

import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.process.ToolLocator;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressListener;
import java.nio.file.Path;

/**
 * What a method needs for one call: the database's JDBC URL, the login of the role at work, where to find
 * client tools, a private working directory and the listener for messages.
 */
public record MethodContext(String jdbcUrl, DbCredential credential, ToolLocator tools, Path workDir,
        ProgressListener listener) {

    /** The same call aimed at another database of the same server. */
    public MethodContext withJdbcUrl(String url) {
        return new MethodContext(url, credential, tools, workDir, listener);
    }
}
