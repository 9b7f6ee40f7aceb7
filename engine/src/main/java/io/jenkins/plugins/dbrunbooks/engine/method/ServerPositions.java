package io.jenkins.plugins.dbrunbooks.engine.method;

import io.jenkins.plugins.dbrunbooks.engine.artifact.ServerPosition;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * How one engine tells where its server stands: the log position and the row counters it offers, read on a
 * connection to the database being measured. Read once when a backup takes its snapshot and again whenever the
 * writes since that backup are measured.
 */
public interface ServerPositions {

    /** Reads the position on {@code c}; {@code moment} says how it relates to a backup's snapshot. */
    ServerPosition read(Connection c, String moment) throws SQLException;

    /** Bytes of log written between two positions of this server; null where that cannot be told. */
    Long logBytesBetween(Connection c, ServerPosition then, ServerPosition now);
}
