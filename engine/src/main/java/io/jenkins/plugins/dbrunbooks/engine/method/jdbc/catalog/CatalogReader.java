package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog;

import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SchemaSnapshot;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Reads a database's schema from its catalog. Called inside the snapshot's transaction, so the schema and the
 * rows read afterwards describe the same moment.
 */
public interface CatalogReader {

    /** The schema of the connection's database: every table, key, index, sequence (with its value) and view. */
    SchemaSnapshot read(Connection connection) throws SQLException;

    /**
     * Starts a read-only transaction on the connection that sees one moment, and names the moment with a token two
     * transactions share only when no change was committed between their starts; null, leaving the connection as
     * it is, where the engine cannot name one.
     */
    default String beginAtMoment(Connection connection) throws SQLException {
        return null;
    }

    /**
     * The schema {@code earlier} read in a transaction of the given moment ({@link #beginAtMoment}), taken again for this connection's
     * transaction where it sees the same moment (what changes outside transactions, such as sequence values, read
     * again); null where it does not, or the engine cannot tell.
     */
    default SchemaSnapshot again(Connection connection, String moment, SchemaSnapshot earlier) throws SQLException {
        return null;
    }
}
