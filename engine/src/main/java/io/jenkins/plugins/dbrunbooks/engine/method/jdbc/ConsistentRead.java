package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import io.jenkins.plugins.dbrunbooks.engine.method.Jdbc;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.method.h2.H2Url;
import io.jenkins.plugins.dbrunbooks.engine.method.mariadb.MariaDbUrl;
import io.jenkins.plugins.dbrunbooks.engine.method.postgres.PostgresUrl;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One moment of a database that the schema and every table's rows are read from. The catalog connection holds the
 * transaction; rows come from a worker connection that shares its snapshot where the engine can share one.
 */
public final class ConsistentRead implements AutoCloseable {
    private final Connection catalog;
    private final List<Connection> workers;

    private ConsistentRead(Connection catalog, List<Connection> workers) {
        this.catalog = catalog;
        this.workers = List.copyOf(workers);
    }

    private ConsistentRead(Connection catalog, Connection rows) {
        this(catalog, List.of(rows));
    }

    public Connection catalog() {
        return catalog;
    }

    public Connection rows() {
        return workers.get(0);
    }

    /** Every connection that reads rows, each in the same snapshot. */
    public List<Connection> workers() {
        return workers;
    }

    /** How an engine opens its read: the snapshot transaction and, where it has one, the shared snapshot. */
    public interface Opener {
        ConsistentRead open(MethodContext context) throws SQLException;
    }

    /**
     * PostgreSQL: REPEATABLE READ READ ONLY on the main connection, its snapshot exported and imported by the
     * worker, so more workers can later read tables in parallel and still see the same moment.
     */
    public static ConsistentRead postgres(MethodContext context) throws SQLException {
        return postgres(context, 1);
    }

    /** PostgreSQL with {@code count} worker connections, each importing the main connection's snapshot. */
    public static ConsistentRead postgres(MethodContext context, int count) throws SQLException {
        Connection main = Jdbc.connect(PostgresUrl.SCHEME, context.jdbcUrl(), context.credential(), context.timeouts());
        List<Connection> workers = new ArrayList<>();
        try {
            main.setAutoCommit(false);
            String snapshot;
            try (Statement s = main.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                try (ResultSet rs = s.executeQuery("SELECT pg_catalog.pg_export_snapshot()")) {
                    rs.next();
                    snapshot = rs.getString(1);
                }
            }
            for (int i = 0; i < Math.max(1, count); i++) {
                Connection worker = Jdbc.connect(PostgresUrl.SCHEME, context.jdbcUrl(), context.credential(), context.timeouts());
                workers.add(worker);
                worker.setAutoCommit(false);
                try (Statement s = worker.createStatement()) {
                    s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                    // The snapshot id comes from the server and has no quotes in it.
                    s.execute("SET TRANSACTION SNAPSHOT '" + snapshot.replace("'", "") + "'");
                }
            }
            return new ConsistentRead(main, workers);
        } catch (SQLException | RuntimeException e) {
            for (Connection worker : workers) {
                closeQuietly(worker, e);
            }
            closeQuietly(main, e);
            throw e;
        }
    }

    /** MariaDB and MySQL: one InnoDB consistent snapshot, read on one connection. */
    public static ConsistentRead mariaDb(MethodContext context) throws SQLException {
        return mariaDb(context, 1);
    }

    /**
     * MariaDB and MySQL with up to {@code count} connections reading rows, each in an InnoDB consistent snapshot of
     * the same moment. The server cannot share a snapshot, so, as {@code mariadb-dump} does, the main connection
     * takes the global read lock ({@code FLUSH TABLES WITH READ LOCK}, which stops every commit), every connection
     * starts its snapshot, and the lock goes: the lock is held for a few round trips, not for the backup.
     *
     * <p>The lock needs the RELOAD privilege, and waits for writes and DDL already running, holding up new ones
     * meanwhile; it waits at most {@link #MARIADB_LOCK_WAIT_SECONDS}. Without the privilege, or when the wait runs
     * out, the backup reads on the main connection alone, in its own consistent snapshot, and says so.
     */
    public static ConsistentRead mariaDb(MethodContext context, int count) throws SQLException {
        Connection main = Jdbc.connect(MariaDbUrl.SCHEME, context.jdbcUrl(), context.credential(), context.timeouts());
        List<Connection> all = new ArrayList<>();
        all.add(main);
        try {
            for (int i = 1; i < count; i++) {
                all.add(Jdbc.connect(MariaDbUrl.SCHEME, context.jdbcUrl(), context.credential(), context.timeouts()));
            }
            for (Connection c : all) {
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                c.setAutoCommit(false);
            }
            boolean locked = count > 1 && globalReadLock(context, main);
            if (!locked) {
                for (Connection extra : all.subList(1, all.size())) {
                    closeQuietly(extra, null);
                }
                all.subList(1, all.size()).clear();
            }
            try {
                for (Connection c : all) {
                    try (Statement s = c.createStatement()) {
                        s.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
                    }
                }
            } finally {
                if (locked) {
                    try (Statement s = main.createStatement()) {
                        s.execute("UNLOCK TABLES");
                        s.execute("SET SESSION lock_wait_timeout = DEFAULT");
                    }
                }
            }
            return new ConsistentRead(main, all);
        } catch (SQLException | RuntimeException e) {
            for (Connection c : all) {
                closeQuietly(c, e);
            }
            throw e;
        }
    }

    /** How long a backup waits for MariaDB's global read lock before it reads on one connection instead. */
    static final int MARIADB_LOCK_WAIT_SECONDS = 10;
    // ER_SPECIFIC_ACCESS_DENIED_ERROR and ER_DBACCESS_DENIED_ERROR; ER_LOCK_WAIT_TIMEOUT.
    private static final Set<Integer> NO_RELOAD = Set.of(1227, 1044);
    private static final int LOCK_WAIT_TIMEOUT = 1205;

    /** Takes the global read lock on {@code c}; false, said on the listener, where it cannot be had. */
    private static boolean globalReadLock(MethodContext context, Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION lock_wait_timeout = " + MARIADB_LOCK_WAIT_SECONDS);
            try {
                s.execute("FLUSH TABLES WITH READ LOCK");
                return true;
            } catch (SQLException e) {
                String why;
                if (NO_RELOAD.contains(e.getErrorCode())) {
                    why = "the account lacks the RELOAD privilege that FLUSH TABLES WITH READ LOCK needs; grant it"
                            + " for backups on several connections";
                } else if (e.getErrorCode() == LOCK_WAIT_TIMEOUT) {
                    why = "FLUSH TABLES WITH READ LOCK waited " + MARIADB_LOCK_WAIT_SECONDS + " s for writes or"
                            + " DDL still running and gave up";
                } else {
                    throw e;
                }
                s.execute("SET SESSION lock_wait_timeout = DEFAULT");
                context.listener().message("Reading tables on one connection, in one consistent snapshot: " + why
                        + ".");
                return false;
            }
        }
    }

    /** H2: one transaction at REPEATABLE READ, which H2's MVStore serves from a snapshot. */
    public static ConsistentRead h2(MethodContext context) throws SQLException {
        Connection c = Jdbc.connect(H2Url.SCHEME, context.jdbcUrl(), context.credential(), context.timeouts());
        try {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            return new ConsistentRead(c, c);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c, e);
            throw e;
        }
    }

    @Override
    public void close() throws SQLException {
        SQLException failure = null;
        List<Connection> all = new ArrayList<>(workers);
        all.remove(catalog);
        all.add(catalog);
        for (Connection c : all) {
            try {
                c.rollback();
                c.close();
            } catch (SQLException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void closeQuietly(Connection c, Exception failure) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                }
            }
        }
    }
}
