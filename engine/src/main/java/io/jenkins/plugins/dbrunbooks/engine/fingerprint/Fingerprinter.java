package io.jenkins.plugins.dbrunbooks.engine.fingerprint;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Takes one engine's data fingerprints on a connection, in whatever transaction it is in: the backup's snapshot at
 * backup time, a restored database on a drill. Both sides run the same code, so their results compare.
 */
public interface Fingerprinter {

    /** Names the canonical row text and the checksum; stored with the fingerprints. */
    String scheme();

    /** Fingerprints of every table of the connection's database that a backup carries, in one pass each. */
    DataFingerprints take(Connection connection) throws SQLException;

    /**
     * The fingerprints of the tables named ({@code null}: every one), read on as many of the connections as the
     * engine can use at once. Every connection must see the same moment: one snapshot, or a database nobody
     * writes to.
     */
    default DataFingerprints take(List<Connection> connections, Collection<String> only) throws SQLException {
        DataFingerprints all = take(connections.get(0));
        return only == null ? all : all.only(only);
    }

    /**
     * The tables whose fingerprint is the sum of their binary {@code COPY} rows, every column but generated ones
     * ({@link CopyRowSum#binary}): a backup reading them so takes their fingerprints from its own stream. None
     * where the scheme reads rows otherwise.
     */
    default Set<String> fromBinaryCopy(Connection connection) throws SQLException {
        return Set.of();
    }
}
