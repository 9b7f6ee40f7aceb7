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
}
