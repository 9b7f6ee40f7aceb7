package io.jenkins.plugins.dbrunbooks.engine.method.postgres;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a large table's own indexes and keys as soon as its rows are in, while the tables after it still load,
 * instead of after every table: one big table's primary key then builds beside the next table's rows, as in
 * pg_restore's parallel mode. It takes only the {@code INDEX} and {@code CONSTRAINT} entries that depend on that
 * table and on entries restored before the rows, nothing else; foreign keys, triggers and the like wait for the
 * pg_restore after the rows. One pg_restore at a time builds them, from the file of the archive's table of contents,
 * on a thread of its own.
 */
final class EarlyIndexes {
    /** Tables smaller than this leave their indexes to the end: a pg_restore's start costs more than it saves. */
    static final long MIN_BYTES = 32L << 20;

    private final PgRestore pgRestore;
    private final Path schemaFile;
    private final long minBytes;
    private final ProgressListener listener;
    private final Map<Integer, List<ArchiveToc.Item>> ownByTable = new HashMap<>();
    private final List<ArchiveToc.Item> waiting = new ArrayList<>();
    private final List<String> waitingTables = new ArrayList<>();
    private final Set<Integer> taken = new HashSet<>();
    private Thread builder;
    private boolean stopped;
    private RuntimeException failure;

    /**
     * @param toc the archive's table of contents
     * @param before the entries restored before the rows
     * @param schemaFile the file of the archive's header and table of contents
     */
    EarlyIndexes(ArchiveToc toc, List<ArchiveToc.Item> before, PgRestore pgRestore, Path schemaFile, long minBytes,
            ProgressListener listener) {
        this.pgRestore = pgRestore;
        this.schemaFile = schemaFile;
        this.minBytes = minBytes;
        this.listener = listener;
        Set<Integer> restored = new HashSet<>();
        Set<Integer> tables = new HashSet<>();
        for (ArchiveToc.Item item : before) {
            restored.add(item.entry().dumpId());
            if ("TABLE".equals(item.entry().description())) {
                tables.add(item.entry().dumpId());
            }
        }
        for (ArchiveToc.Item item : toc.items()) {
            String description = item.entry().description();
            List<Integer> dependencies = item.entry().dependencies();
            if (!("INDEX".equals(description) || "CONSTRAINT".equals(description)) || restored.contains(
                    item.entry().dumpId()) || !restored.containsAll(dependencies)) {
                continue;
            }
            List<Integer> onTables = dependencies.stream().filter(tables::contains).distinct().toList();
            if (onTables.size() == 1) {
                ownByTable.computeIfAbsent(onTables.get(0), t -> new ArrayList<>()).add(item);
            }
        }
    }

    /** Says that every row of {@code data}, a table's {@code TABLE DATA} entry, is committed; any thread. */
    void loaded(ArchiveToc.Item data, long bytes) {
        List<Integer> tables = data.entry().dependencies().stream().filter(ownByTable::containsKey).distinct()
                .toList();
        if (bytes < minBytes || tables.size() != 1) {
            return;
        }
        List<ArchiveToc.Item> own = ownByTable.get(tables.get(0));
        synchronized (this) {
            if (stopped) {
                return;
            }
            waiting.addAll(own);
            waitingTables.add(data.table());
            if (builder == null) {
                builder = new Thread(this::build, "dbrunbooks-early-indexes");
                builder.setDaemon(true);
                builder.start();
            }
            notifyAll();
        }
    }

    private void build() {
        while (true) {
            List<ArchiveToc.Item> batch;
            synchronized (this) {
                while (waiting.isEmpty() && !stopped) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (waiting.isEmpty()) {
                    return;
                }
                batch = List.copyOf(waiting);
                batch.forEach(item -> taken.add(item.entry().dumpId()));
                listener.message("Building the keys and indexes of " + (waitingTables.size() == 1 ? "table '"
                        + waitingTables.get(0) + "'" : "tables '" + String.join("', '", waitingTables) + "'")
                        + " as the next tables load");
                waiting.clear();
                waitingTables.clear();
            }
            try {
                pgRestore.run(schemaFile, RestorePlan.list(batch), 1, listener);
            } catch (RuntimeException e) {
                synchronized (this) {
                    failure = e;
                    stopped = true;
                }
                return;
            } catch (Exception e) {
                synchronized (this) {
                    failure = new RunbookException(ErrorKind.RESTORE_FAILED, "Building indexes failed: "
                            + e.getMessage(), null, e);
                    stopped = true;
                }
                return;
            }
        }
    }

    /**
     * Takes no more tables once the rows are in, and returns {@code rest} without the entries built or being built.
     * Those not started yet stay in it. Where one of the rest depends on a build still running, this waits for it, so
     * the pg_restore of the rest finds every entry it depends on. A build that failed already fails this, before the
     * rest reports what its failure left missing.
     */
    List<ArchiveToc.Item> rest(List<ArchiveToc.Item> rest) {
        Set<Integer> built;
        synchronized (this) {
            if (failure != null) {
                throw failure;
            }
            stopTaking();
            built = Set.copyOf(taken);
        }
        List<ArchiveToc.Item> left = rest.stream().filter(item -> !built.contains(item.entry().dumpId())).toList();
        if (left.stream().anyMatch(item -> item.entry().dependencies().stream().anyMatch(built::contains))) {
            await();
        }
        return left;
    }

    /** Waits for the builds taken, and throws the first failure. */
    void await() {
        Thread running = stopTaking();
        if (running != null) {
            try {
                running.join();
            } catch (InterruptedException e) {
                running.interrupt();
                Thread.currentThread().interrupt();
                throw new RunbookException(ErrorKind.INTERRUPTED, "The restore was stopped while building indexes",
                        null, e);
            }
        }
        synchronized (this) {
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** Takes no more tables and drops those not started; returns the builder's thread, if it ever started. */
    private synchronized Thread stopTaking() {
        stopped = true;
        waiting.clear();
        waitingTables.clear();
        notifyAll();
        return builder;
    }

    /** Stops a build still running, for a restore that failed: its database is dropped next. */
    void cancel() {
        Thread running = stopTaking();
        if (running != null) {
            running.interrupt();
            try {
                running.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
