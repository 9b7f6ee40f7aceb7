package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import java.sql.Connection;

/**
 * Opens one more connection of a restore, already set up the way every connection of that restore must be (for
 * MariaDB, a session that accepts the snapshot's zero dates), whichever thread loads or builds on it.
 */
@FunctionalInterface
interface Connector {
    /** @throws io.jenkins.plugins.dbrunbooks.engine.error.RunbookException when it cannot connect */
    Connection open();
}
