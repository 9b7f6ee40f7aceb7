package io.jenkins.plugins.dbrunbooks.engine.fingerprint;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Takes one engine's data fingerprints on a connection, in whatever transaction it is in: the backup's snapshot at
 * backup time, a restored database on a drill. Both sides run the same code, so their results compare.
 */
public interface Fingerprinter {

    /** Names the canonical row text and the checksum; stored with the fingerprints. */
    String scheme();

    /** Fingerprints of every table of the connection's database that a backup carries, in one pass each. */
    DataFingerprints take(Connection connection) throws SQLException;
}
