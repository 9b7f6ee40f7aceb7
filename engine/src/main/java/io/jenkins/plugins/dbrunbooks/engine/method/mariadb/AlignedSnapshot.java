package io.jenkins.plugins.dbrunbooks.engine.method.mariadb;

import io.jenkins.plugins.dbrunbooks.engine.fingerprint.DataFingerprints;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.MariaDbDumpRows;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.MariaDbTextFingerprinter;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.TableFingerprint;
import io.jenkins.plugins.dbrunbooks.engine.method.Jdbc;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A consistent snapshot of the same moment as the one {@code mariadb-dump --single-transaction} reads, for the
 * data fingerprints. MariaDB cannot share a snapshot between connections, so, as for a jdbc backup on several
 * connections, this connection takes the global read lock (which stops every commit), starts its own snapshot,
 * and keeps the lock until the dump's connection shows a transaction of its own in {@code INNODB_TRX}, or the
 * dump's output ended; then both snapshots saw the same commits. The lock is held for the dump's start and a look or
 * two at {@code INNODB_TRX}, well under a second.
 * A second connection starts its snapshot under the same lock and reads tables beside it, so that reading every
 * table for the fingerprints ends about when the dump does.
 *
 * <p>Most tables need no reading here: their fingerprints are taken from the dump's own rows as they stream (see
 * {@link #fromDump()}), and only the others are read in this snapshot, as is any table whose rows the dump did not
 * show in the expected form, once the dump has ended.
 *
 * <p>It needs the RELOAD privilege (the lock) and PROCESS (to see the dump's transaction). Where either is missing,
 * or the lock or the dump's transaction does not come in time, the backup is taken without fingerprints and says
 * why: a drill then proves the restore but cannot compare the data.
 */
final class AlignedSnapshot implements AutoCloseable {
    private static final int LOCK_WAIT_SECONDS = 10;
    private static final long DUMP_WAIT_MILLIS = 30_000;
    /**
     * Between two looks for the dump's transaction. InnoDB refreshes what {@code INNODB_TRX} shows only when it was
     * last read more than 100 ms before: read more often, it shows the same transactions for ever, and the lock would
     * be held until the dump ends.
     */
    private static final long POLL_MILLIS = 150;
    private static final int CONNECTIONS = 2;
    private static final String OUR_TRANSACTIONS = "SELECT t.trx_mysql_thread_id FROM information_schema.INNODB_TRX t"
            + " JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id"
            + " WHERE p.USER = SUBSTRING_INDEX(CURRENT_USER(), '@', 1) AND p.ID <> CONNECTION_ID()";

    private final MethodContext context;
    private final Connection connection;
    /** Connections whose snapshots started under the same lock, so they sum tables beside {@link #connection}. */
    private final List<Connection> helpers;
    private final Set<Long> before;
    private final FutureTask<DataFingerprints> task;
    private volatile boolean dumpEnded;
    private final MariaDbDumpRows dumpRows;

    private AlignedSnapshot(MethodContext context, Connection connection, List<Connection> helpers,
            Set<Long> before, MariaDbDumpRows dumpRows) {
        this.context = context;
        this.dumpRows = dumpRows;
        this.connection = connection;
        this.helpers = helpers;
        this.before = before;
        this.task = connection == null ? null : new FutureTask<>(this::alignThenFingerprint);
    }

    /** Locks and starts this side's snapshot; without the privileges, one that takes no fingerprints. */
    static AlignedSnapshot lock(MethodContext context) {
        if (!context.fingerprints()) {
            // Without fingerprints there is nothing to align, and no reason to hold the global read lock.
            context.sayFingerprintsOff();
            return new AlignedSnapshot(context, null, List.of(), Set.of(), null);
        }
        Connection c = null;
        try {
            c = Jdbc.connect(MariaDbUrl.SCHEME, context.jdbcUrl(), context.credential(), context.timeouts());
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setAutoCommit(false);
            Set<Long> before = transactions(c);
            // Planned before the lock, which holds every commit on the server while it lasts.
            MariaDbDumpRows dumpRows = plan(c);
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION lock_wait_timeout = " + LOCK_WAIT_SECONDS);
                s.execute("FLUSH TABLES WITH READ LOCK");
                s.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
            }
            // Where every table is hashed from the dump, one connection is left only for a table it did not show.
            List<Connection> helpers = dumpRows != null && dumpRows.others().isEmpty() ? List.of()
                    : helpers(context, before);
            return new AlignedSnapshot(context, c, helpers, before, dumpRows);
        } catch (SQLException e) {
            skip(context, e.getMessage());
            close(c);
            return new AlignedSnapshot(context, null, List.of(), Set.of(), null);
        }
    }

    /**
     * Under the lock, more connections start snapshots of the same moment, to read tables at the same time as the
     * first. Their own transactions are added to {@code before}, so they are never taken for the dump's. Where one
     * cannot be opened, fewer do the work.
     */
    private static List<Connection> helpers(MethodContext context, Set<Long> before) {
        List<Connection> helpers = new ArrayList<>();
        for (int i = 1; i < Math.min(CONNECTIONS, Runtime.getRuntime().availableProcessors()); i++) {
            Connection h = null;
            try {
                h = Jdbc.connect(MariaDbUrl.SCHEME, context.jdbcUrl(), context.credential(), context.timeouts());
                h.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                h.setAutoCommit(false);
                try (Statement s = h.createStatement()) {
                    s.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
                    try (ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
                        rs.next();
                        before.add(rs.getLong(1));
                    }
                }
                helpers.add(h);
            } catch (SQLException | RuntimeException e) {
                close(h);
                break;
            }
        }
        return helpers;
    }

    /**
     * The reader that takes the fingerprints of most tables from the dump's rows, to be given every byte of the
     * dump; null where no fingerprints are taken, or where the tables could not be planned (all are then read).
     */
    MariaDbDumpRows fromDump() {
        return dumpRows;
    }

    private static MariaDbDumpRows plan(Connection c) {
        try {
            return MariaDbDumpRows.plan(c);
        } catch (SQLException e) {
            return null;
        }
    }

    /** Begins waiting for the dump's transaction, then fingerprinting, on a thread of its own. */
    void start() {
        if (task != null) {
            Thread thread = new Thread(task, "dbrunbooks-fingerprints");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private DataFingerprints alignThenFingerprint() throws SQLException, InterruptedException {
        long deadline = System.currentTimeMillis() + DUMP_WAIT_MILLIS;
        try {
            // A dump that ended while the lock was held read everything under it, as one whose transaction shows.
            while (!dumpEnded && before.containsAll(transactions(connection))) {
                if (System.currentTimeMillis() > deadline) {
                    skip(context, "the dump's transaction did not show within " + DUMP_WAIT_MILLIS / 1000 + " s");
                    return null;
                }
                Thread.sleep(POLL_MILLIS);
            }
        } finally {
            try (Statement s = connection.createStatement()) {
                s.execute("UNLOCK TABLES");
            }
        }
        return new MariaDbTextFingerprinter().take(connections(), dumpRows == null ? null : dumpRows.others());
    }

    private List<Connection> connections() {
        List<Connection> all = new ArrayList<>(List.of(connection));
        all.addAll(helpers);
        return all;
    }

    /** Says the dump's output ended: its snapshot, if not seen yet, was taken under the lock. */
    void dumpEnded() {
        dumpEnded = true;
    }

    private static Set<Long> transactions(Connection c) throws SQLException {
        Set<Long> ids = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(OUR_TRANSACTIONS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    /**
     * The fingerprints, or null where they could not be taken in the dump's moment. Called once the dump's rows
     * have all been read.
     */
    DataFingerprints result() {
        if (task == null) {
            return null;
        }
        try {
            DataFingerprints read = task.get();
            if (read == null || dumpRows == null) {
                return read;
            }
            Map<String, TableFingerprint> tables = new HashMap<>(read.tables());
            Map<String, TableFingerprint> dumped = dumpRows.fingerprints();
            tables.putAll(dumped);
            Set<String> missing = new HashSet<>(dumpRows.planned());
            missing.removeAll(dumped.keySet());
            if (!missing.isEmpty()) {
                // Still in the snapshot aligned with the dump's.
                tables.putAll(new MariaDbTextFingerprinter().take(connections(), missing).tables());
            }
            return new DataFingerprints(read.scheme(), tables);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            skip(context, e.getCause().getMessage());
            return null;
        } catch (SQLException e) {
            skip(context, e.getMessage());
            return null;
        }
    }

    private static void skip(MethodContext context, String why) {
        context.listener().message("Taking the backup without data fingerprints: " + why
                + " (they need the RELOAD and PROCESS privileges)");
    }

    @Override
    public void close() {
        if (connection == null) {
            return;
        }
        if (task != null && !task.isDone()) {
            task.cancel(true);
        }
        helpers.forEach(AlignedSnapshot::close);
        close(connection);
    }

    private static void close(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            // Closing ends the lock and the read-only transaction; nothing is lost.
        }
    }
}
