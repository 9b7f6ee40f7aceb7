package io.jenkins.plugins.dbrunbooks.engine.operation;

import java.io.Serializable;

/** Who asked for an operation, and from which build if any; recorded in manifests and audit events. */
public record Actor(String user, String build) implements Serializable {
    public static Actor of(String user) {
        return new Actor(user, null);
    }

    /** The operating system user running this process. */
    public static Actor systemUser() {
        return of(System.getProperty("user.name", "unknown"));
    }
}
