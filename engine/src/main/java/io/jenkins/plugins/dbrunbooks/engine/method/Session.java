package io.jenkins.plugins.dbrunbooks.engine.method;

import java.io.Serializable;

/**
 * Another session connected to a database a restore is about to replace, as its server shows it.
 *
 * @param application the client's application name; null where the server does not show it (MariaDB without the
 *     performance schema)
 * @param since when the session connected, or how long it has been in its state, as the server says it
 * @param superuser whether the session's user is a superuser, whom only a superuser may disconnect
 */
public record Session(String user, String application, String since, boolean superuser) implements Serializable {

    /** Whether the session is one of this product's own, a backup of the database most likely. */
    public boolean ours() {
        return Jdbc.APPLICATION_NAME.equals(application);
    }

    public String describe() {
        return user + (superuser ? " (superuser)" : "") + (application == null || application.isEmpty() ? ""
                : ", application '" + application + "'") + (since == null ? "" : ", since " + since);
    }
}
