package io.jenkins.plugins.dbrunbooks.engine.config;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.io.Serializable;

/**
 * How long a run waits on a database server. {@code connectSeconds} bounds reaching the server and its first
 * answer (the login), so a server that accepts a connection and then says nothing fails the run instead of holding
 * it forever. {@code readSeconds} bounds one wait for an answer once logged in; it is long by default because a
 * single COPY, index build or restore statement may legitimately take hours, and TCP keepalive already notices a
 * peer that went away. Zero means no limit.
 */
public record Timeouts(int connectSeconds, int readSeconds) implements Serializable {
    public static final int DEFAULT_CONNECT_SECONDS = 30;
    public static final int DEFAULT_READ_SECONDS = 6 * 60 * 60;
    public static final Timeouts DEFAULT = new Timeouts(DEFAULT_CONNECT_SECONDS, DEFAULT_READ_SECONDS);

    public Timeouts {
        if (connectSeconds < 0 || readSeconds < 0) {
            throw new RunbookException(ErrorKind.CONFIGURATION, "A timeout of " + Math.min(connectSeconds, readSeconds)
                    + " seconds is negative", "Give a number of seconds, or 0 for no limit.");
        }
    }

    /** Settings left out ({@code null}) take the defaults. */
    public static Timeouts of(Integer connectSeconds, Integer readSeconds) {
        return new Timeouts(connectSeconds == null ? DEFAULT_CONNECT_SECONDS : connectSeconds,
                readSeconds == null ? DEFAULT_READ_SECONDS : readSeconds);
    }
}
