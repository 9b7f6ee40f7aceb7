package io.jenkins.plugins.dbrunbooks.cli;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the JDBC drivers' own log lines off standard error: every failure they log reaches the user as one of our
 * messages already, and a raw "[ WARN] (main) Error: 1049-42000 ..." above it reads like a second, different error.
 */
final class QuietDrivers {
    /** Held, or the logging framework may forget the level once the logger is collected. */
    private static final Logger POSTGRES = Logger.getLogger("org.postgresql");

    private QuietDrivers() {
    }

    static void apply() {
        if (System.getProperty("mariadb.logging.disable") == null) {
            System.setProperty("mariadb.logging.disable", "true");
        }
        POSTGRES.setLevel(Level.OFF);
    }
}
