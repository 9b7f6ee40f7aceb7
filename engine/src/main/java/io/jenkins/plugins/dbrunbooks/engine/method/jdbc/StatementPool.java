package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs lists of statements as they are submitted, each list in order on one connection, up to {@code jobs} lists
 * at once on connections of their own. A restore hands it a table's keys and indexes as soon as the table's rows
 * are in, so they build while other tables still load. The first failure stops the rest.
 */
final class StatementPool implements AutoCloseable {
    private final Connector connector;
    private final int jobs;
    private final ExecutorService executor;
    private final BlockingQueue<Connection> idle;
    private final ConcurrentLinkedQueue<Connection> opened = new ConcurrentLinkedQueue<>();
    private final AtomicInteger openCount = new AtomicInteger();
    private final Set<Statement> running = ConcurrentHashMap.newKeySet();
    private final AtomicReference<SQLException> failure = new AtomicReference<>();

    StatementPool(Connector connector, int jobs) {
        this.connector = connector;
        this.jobs = Math.max(1, jobs);
        this.idle = new ArrayBlockingQueue<>(this.jobs);
        AtomicInteger number = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(this.jobs, task -> {
            Thread t = new Thread(task, "dbrunbooks-build-" + number.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues one table's statements; returns at once. */
    void submit(List<String> statements) {
        if (statements.isEmpty() || failure.get() != null) {
            return;
        }
        executor.execute(() -> {
            if (failure.get() != null) {
                return;
            }
            Connection c = null;
            try {
                c = connection();
                SnapshotRestore.execute(c, statements, running);
                idle.add(c);
            } catch (SQLException | RuntimeException e) {
                SQLException sqlException = e instanceof SQLException s ? s
                        : new SQLException(String.valueOf(e.getMessage()), e);
                if (!failure.compareAndSet(null, sqlException)) {
                    failure.get().addSuppressed(e);
                }
                stop();
            }
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
        openCount.incrementAndGet();
        return c;
    }

    /** Waits for every submitted list; throws the first failure. */
    void await() throws SQLException, InterruptedException {
        executor.shutdown();
        try {
            while (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
                // Index builds take as long as they take.
            }
        } catch (InterruptedException e) {
            stop();
            throw e;
        }
        SQLException first = failure.get();
        if (first != null) {
            throw first;
        }
    }

    private void stop() {
        for (Statement s : running) {
            try {
                s.cancel();
            } catch (SQLException e) {
                // It ends on its own; the connection closes after.
            }
        }
    }

    @Override
    public void close() {
        if (!executor.isTerminated()) {
            failure.compareAndSet(null, new SQLException("stopped"));
            stop();
            executor.shutdownNow();
            try {
                executor.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Connection c : opened) {
            try {
                c.close();
            } catch (SQLException e) {
                // Everything on it committed or failed already.
            }
        }
    }
}
