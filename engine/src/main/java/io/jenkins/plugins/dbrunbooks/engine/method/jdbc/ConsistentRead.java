package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import io.jenkins.plugins.dbrunbooks.engine.method.Jdbc;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

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
        Connection main = Jdbc.connect(context.jdbcUrl(), context.credential());
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
                Connection worker = Jdbc.connect(context.jdbcUrl(), context.credential());
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
        Connection c = Jdbc.connect(context.jdbcUrl(), context.credential());
        try {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
            }
            return new ConsistentRead(c, c);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c, e);
            throw e;
        }
    }

    /** H2: one transaction at REPEATABLE READ, which H2's MVStore serves from a snapshot. */
    public static ConsistentRead h2(MethodContext context) throws SQLException {
        Connection c = Jdbc.connect(context.jdbcUrl(), context.credential());
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
                failure.addSuppressed(e);
            }
        }
    }
}
