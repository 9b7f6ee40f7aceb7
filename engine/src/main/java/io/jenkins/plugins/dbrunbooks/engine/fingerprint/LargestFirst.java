package io.jenkins.plugins.dbrunbooks.engine.fingerprint;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Reads tables on several connections at once, each connection taking the largest table left when it is done with
 * one: a size estimate that is off then costs little, and the connections end at about the same time.
 */
final class LargestFirst {

    /** What one connection does: reads tables from the queue until it is empty. */
    interface Share<T> {
        void read(Connection connection, Queue<T> tables) throws SQLException;
    }

    /** What one connection does for the fingerprints: reads tables from the queue, putting each one's in the map. */
    interface Summer<T> {
        void sum(Connection connection, Queue<T> tables, Map<String, TableFingerprint> result) throws SQLException;
    }

    private LargestFirst() {
    }

    /**
     * The fingerprints of the tables named ({@code null}: all), in the order given, read on the connections with
     * the largest table first.
     */
    static <T> Map<String, TableFingerprint> fingerprints(List<Connection> connections, List<T> tables,
            Collection<String> only, Function<T, String> name, ToLongFunction<T> size, Summer<T> summer)
            throws SQLException {
        List<T> wanted = new ArrayList<>(tables);
        if (only != null) {
            Set<String> names = new HashSet<>(only);
            wanted.removeIf(t -> !names.contains(name.apply(t)));
        }
        List<T> largestFirst = new ArrayList<>(wanted);
        largestFirst.sort(Comparator.comparingLong(size).reversed());
        Map<String, TableFingerprint> result = new ConcurrentHashMap<>();
        read(connections, largestFirst, (c, queue) -> summer.sum(c, queue, result));
        Map<String, TableFingerprint> ordered = new LinkedHashMap<>();
        wanted.forEach(t -> ordered.put(name.apply(t), result.get(name.apply(t))));
        return ordered;
    }

    /** Runs {@code share} on every connection (the first on this thread) over the tables, given largest first. */
    static <T> void read(List<Connection> connections, List<T> largestFirst, Share<T> share) throws SQLException {
        Queue<T> queue = new ConcurrentLinkedQueue<>(largestFirst);
        int used = Math.max(1, Math.min(connections.size(), largestFirst.size()));
        List<FutureTask<Void>> workers = new ArrayList<>();
        for (int i = 1; i < used; i++) {
            Connection c = connections.get(i);
            FutureTask<Void> worker = new FutureTask<>(() -> {
                readOrStopAll(share, c, queue);
                return null;
            });
            Thread thread = new Thread(worker, "dbrunbooks-fingerprints-" + i);
            thread.setDaemon(true);
            thread.start();
            workers.add(worker);
        }
        try {
            readOrStopAll(share, connections.get(0), queue);
            for (FutureTask<Void> worker : workers) {
                worker.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("Interrupted while taking the data fingerprints", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SQLException sql ? sql : new SQLException(e.getCause());
        } finally {
            workers.forEach(w -> w.cancel(true));
        }
    }

    /** On a failure, the other connections stop at their next table rather than read on for nothing. */
    private static <T> void readOrStopAll(Share<T> share, Connection c, Queue<T> queue) throws SQLException {
        try {
            share.read(c, queue);
        } catch (SQLException | RuntimeException e) {
            queue.clear();
            throw e;
        }
    }
}
