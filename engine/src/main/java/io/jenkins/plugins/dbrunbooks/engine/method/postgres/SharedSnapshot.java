package io.jenkins.plugins.dbrunbooks.engine.method.postgres;

import io.jenkins.plugins.dbrunbooks.engine.artifact.ServerPosition;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.DataFingerprints;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.PostgresCopyFingerprinter;
import io.jenkins.plugins.dbrunbooks.engine.method.Jdbc;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.postgresql.PGConnection;

/**
 * A snapshot exported for {@code pg_dump --snapshot}, held open while the dump runs, so that the server position
 * and the data fingerprints are read in the very moment the dump reads: the position at once, the fingerprints on
 * a thread of their own while the dump runs. Where no snapshot can be exported (a standby may refuse), the
 * position is read just before the dump, pg_dump takes its own snapshot and no fingerprints are taken, which the
 * output says; where the position cannot be read at all, the backup goes on without one.
 */
final class SharedSnapshot implements AutoCloseable {
    private static final PostgresPositions POSITIONS = new PostgresPositions();

    private final Connection connection;
    private final String id;
    private final ServerPosition position;
    private final FutureTask<DataFingerprints> fingerprints;

    private SharedSnapshot(Connection connection, String id, ServerPosition position, boolean fingerprinted) {
        this.connection = connection;
        this.id = id;
        this.position = position;
        this.fingerprints = id == null || !fingerprinted ? null
                : new FutureTask<>(() -> new PostgresCopyFingerprinter().take(connection));
    }

    static SharedSnapshot open(MethodContext context) {
        Connection c;
        try {
            c = Jdbc.connect(PostgresUrl.SCHEME, context.jdbcUrl(), context.credential(), context.timeouts());
        } catch (RuntimeException e) {
            context.listener().message("The server position and data fingerprints were not recorded: "
                    + e.getMessage());
            return new SharedSnapshot(null, null, null, false);
        }
        try {
            c.setAutoCommit(false);
            String snapshot = export(c);
            if (snapshot == null) {
                context.listener().message("No snapshot could be exported: pg_dump takes its own and no data"
                        + " fingerprints are taken");
            }
            String moment = snapshot == null ? ServerPosition.MOMENT_BEFORE : ServerPosition.MOMENT_SNAPSHOT;
            SharedSnapshot shared = new SharedSnapshot(c, snapshot, position(context, c, moment),
                    context.fingerprints());
            if (!context.fingerprints()) {
                context.sayFingerprintsOff();
            }
            if (shared.fingerprints != null) {
                Thread thread = new Thread(shared.fingerprints, "dbrunbooks-fingerprints");
                thread.setDaemon(true);
                thread.start();
            }
            return shared;
        } catch (SQLException e) {
            context.listener().message("The server position and data fingerprints were not recorded: "
                    + e.getMessage());
            close(c);
            return new SharedSnapshot(null, null, null, false);
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

    /** The position, or null said on the listener; the savepoint keeps the snapshot usable after a failure. */
    private static ServerPosition position(MethodContext context, Connection c, String moment) throws SQLException {
        Savepoint savepoint = c.setSavepoint();
        try {
            return POSITIONS.read(c, moment);
        } catch (SQLException e) {
            c.rollback(savepoint);
            context.listener().message("The server position was not recorded: " + e.getMessage());
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

    /**
     * Waits for the fingerprints, null where no snapshot was shared; a failure to take them fails the backup,
     * which would claim them otherwise.
     */
    DataFingerprints fingerprints() {
        if (fingerprints == null) {
            return null;
        }
        try {
            return fingerprints.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunbookException(ErrorKind.INTERRUPTED, "The backup was stopped.", null, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new RunbookException(ErrorKind.BACKUP_FAILED, "Taking the data fingerprints failed: "
                    + cause.getMessage(), null, cause);
        }
    }

    @Override
    public void close() {
        if (fingerprints != null && !fingerprints.isDone()) {
            // Cancelling the server's query ends a fingerprint still running when the dump failed.
            try {
                connection.unwrap(PGConnection.class).cancelQuery();
            } catch (SQLException e) {
                // Closing the connection ends it too.
            }
            fingerprints.cancel(true);
        }
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
