package io.jenkins.plugins.dbrunbooks.engine.method.mariadb;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.Jdbc;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The server's version, the database's name and the longest packet the server takes (a new session's
 * {@code max_allowed_packet}), read over JDBC before a tool is started.
 */
record ServerInfo(String version, String database, long maxAllowedPacket) {

    static ServerInfo of(MethodContext context) {
        try (Connection c = Jdbc.connect(MariaDbUrl.SCHEME, context.jdbcUrl(), context.credential(),
                context.timeouts())) {
            return of(c, context.jdbcUrl());
        } catch (SQLException e) {
            throw new RunbookException(ErrorKind.CONNECTION, "Cannot read the MariaDB server version: "
                    + e.getMessage(), null, e);
        }
    }

    /** The same on a connection of the caller's to {@code jdbcUrl}. */
    static ServerInfo of(Connection c, String jdbcUrl) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT VERSION(), DATABASE(), @@global.max_allowed_packet")) {
            rs.next();
            String database = rs.getString(2);
            return new ServerInfo(rs.getString(1), database == null
                    ? MariaDbUrl.parse(jdbcUrl).requireDatabase() : database, rs.getLong(3));
        }
    }
}
