package io.jenkins.plugins.dbrunbooks.engine.method.postgres;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.DataFingerprints;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.PostgresFingerprinter;
import io.jenkins.plugins.dbrunbooks.engine.method.Jdbc;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import java.sql.Connection;
import org.postgresql.PGConnection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A snapshot exported for {@code pg_dump --snapshot}, whose connection takes the data fingerprints on a thread of
 * its own while the dump runs. The exporting transaction stays open until {@link #close}, so the snapshot stays
 * valid for pg_dump however long the fingerprints take.
 */
final class SnapshotFingerprints implements AutoCloseable {
    private final Connection connection;
    private final String snapshot;
    private final FutureTask<DataFingerprints> task;

    private SnapshotFingerprints(Connection connection, String snapshot) {
        this.connection = connection;
        this.snapshot = snapshot;
        this.task = new FutureTask<>(() -> new PostgresFingerprinter().take(connection));
    }

    static SnapshotFingerprints start(MethodContext context) {
        Connection c = Jdbc.connect(PostgresUrl.SCHEME, context.jdbcUrl(), context.credential(), context.timeouts());
        try {
            c.setAutoCommit(false);
            String snapshot;
            try (Statement s = c.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                try (ResultSet rs = s.executeQuery("SELECT pg_catalog.pg_export_snapshot()")) {
                    rs.next();
                    snapshot = rs.getString(1);
                }
            }
            SnapshotFingerprints started = new SnapshotFingerprints(c, snapshot);
            Thread thread = new Thread(started.task, "dbrunbooks-fingerprints");
            thread.setDaemon(true);
            thread.start();
            return started;
        } catch (SQLException | RuntimeException e) {
            try {
                c.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e instanceof RuntimeException r ? r : new RunbookException(ErrorKind.BACKUP_FAILED,
                    "Cannot open the backup's snapshot: " + e.getMessage(), null, e);
        }
    }

    /** The snapshot id for pg_dump; made by the server of hex digits and dashes. */
    String snapshot() {
        return snapshot;
    }

    /** Waits for the fingerprints; a failure to take them fails the backup, which would claim them otherwise. */
    DataFingerprints result() {
        try {
            return task.get();
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
        // Cancelling the server's query ends a fingerprint still running when the dump failed.
        if (!task.isDone()) {
            try {
                connection.unwrap(PGConnection.class).cancelQuery();
            } catch (SQLException e) {
                // Closing the connection ends it too.
            }
            task.cancel(true);
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // The transaction was read-only; nothing is lost.
        }
    }
}
