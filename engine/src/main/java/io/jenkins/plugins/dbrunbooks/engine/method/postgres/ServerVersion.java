package io.jenkins.plugins.dbrunbooks.engine.method.postgres;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.Jdbc;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The server's version and the database's own name, read over JDBC before a tool is started. */
record ServerVersion(int major, String text, String database) {

    static ServerVersion of(MethodContext context) {
        try (Connection c = Jdbc.connect(PostgresUrl.SCHEME, context.jdbcUrl(), context.credential(), context.timeouts());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT current_setting('server_version_num')::int, current_setting('server_version'),"
                                + " current_database()")) {
            rs.next();
            int num = rs.getInt(1);
            return new ServerVersion(num >= 100000 ? num / 10000 : num / 100, rs.getString(2).split(" ")[0],
                    rs.getString(3));
        } catch (SQLException e) {
            throw new RunbookException(ErrorKind.CONNECTION, "Cannot read the PostgreSQL server version: "
                    + e.getMessage(), null, e);
        }
    }
}
