package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import io.jenkins.plugins.dbrunbooks.engine.parallel.JobRunner;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Runs lists of statements as they are submitted, each list in order on one connection, up to {@code jobs} lists
 * at once on connections of their own. A restore hands it a table's keys and indexes as soon as the table's rows
 * are in, so they build while other tables still load. The first failure stops the rest.
 */
final class StatementPool implements AutoCloseable {
    private final Connector connector;
    private final JobRunner runner;
    private final BlockingQueue<Connection> idle;
    private final ConcurrentLinkedQueue<Connection> opened = new ConcurrentLinkedQueue<>();
    private final Set<Statement> running = ConcurrentHashMap.newKeySet();

    StatementPool(Connector connector, int jobs) {
        this.connector = connector;
        this.idle = new ArrayBlockingQueue<>(Math.max(1, jobs));
        this.runner = new JobRunner("dbrunbooks-build", jobs);
        runner.onCancel(() -> SnapshotRestore.cancelAll(running));
    }

    /** Queues one table's statements; returns at once. */
    void submit(List<String> statements) {
        if (statements.isEmpty()) {
            return;
        }
        runner.submit(() -> {
            Connection c = connection();
            SnapshotRestore.execute(c, statements, running);
            idle.add(c);
        });
    }

    private Connection connection() {
        Connection c = idle.poll();
        if (c != null) {
            return c;
        }
        // One thread per connection: a thread finds an idle connection or opens its own.
        c = connector.open();
        opened.add(c);
        return c;
    }

    /** Waits for every submitted list; throws the first failure. */
    void await() throws SQLException, InterruptedException {
        Throwable first = runner.join();
        if (first != null) {
            throw SnapshotRestore.asSqlException(first);
        }
    }

    @Override
    public void close() {
        runner.close();
        for (Connection c : opened) {
            try {
                c.close();
            } catch (SQLException e) {
                // Everything on it committed or failed already.
            }
        }
    }
}
