package io.jenkins.plugins.dbrunbooks.engine.method.postgres;

import io.jenkins.plugins.dbrunbooks.engine.artifact.ServerPosition;
import io.jenkins.plugins.dbrunbooks.engine.method.Jdbc;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * A snapshot exported for {@code pg_dump --snapshot}, held open while the dump runs, so the server position is
 * read in the very moment the dump reads. Where no snapshot can be exported (a standby may refuse), the position is
 * read just before the dump and pg_dump takes its own snapshot; where the position cannot be read at all, the
 * backup goes on without one.
 */
final class SharedSnapshot implements AutoCloseable {
    private static final PostgresPositions POSITIONS = new PostgresPositions();

    private final Connection connection;
    private final String id;
    private final ServerPosition position;

    private SharedSnapshot(Connection connection, String id, ServerPosition position) {
        this.connection = connection;
        this.id = id;
        this.position = position;
    }

    static SharedSnapshot open(MethodContext context) {
        Connection c;
        try {
            c = Jdbc.connect(PostgresUrl.SCHEME, context.jdbcUrl(), context.credential(), context.timeouts());
        } catch (RuntimeException e) {
            context.listener().message("The server position was not recorded: " + e.getMessage());
            return new SharedSnapshot(null, null, null);
        }
        try {
            c.setAutoCommit(false);
            String snapshot = export(c);
            String moment = snapshot == null ? ServerPosition.MOMENT_BEFORE : ServerPosition.MOMENT_SNAPSHOT;
            return new SharedSnapshot(c, snapshot, POSITIONS.read(c, moment));
        } catch (SQLException e) {
            context.listener().message("The server position was not recorded: " + e.getMessage());
            close(c);
            return new SharedSnapshot(null, null, null);
        }
    }

    private static String export(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            try (ResultSet rs = s.executeQuery("SELECT pg_catalog.pg_export_snapshot()")) {
                rs.next();
                // The id comes from the server, made of hexadecimal digits and dashes.
                return rs.getString(1).matches("[0-9A-Fa-f-]+") ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            c.rollback();
            return null;
        }
    }

    Optional<String> id() {
        return Optional.ofNullable(id);
    }

    /** The position, or null where it could not be read. */
    ServerPosition position() {
        return position;
    }

    @Override
    public void close() {
        close(connection);
    }

    private static void close(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.rollback();
            c.close();
        } catch (SQLException e) {
            // Closing a read-only transaction loses nothing.
        }
    }
}
