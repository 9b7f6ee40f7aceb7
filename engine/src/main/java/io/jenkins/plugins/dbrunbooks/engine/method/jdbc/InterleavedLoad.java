package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format.SnapshotReader;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format.TableEncoding;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.TableDef;
import io.jenkins.plugins.dbrunbooks.engine.parallel.JobRunner;
import io.jenkins.plugins.dbrunbooks.engine.progress.Counts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Loads the rows of a version 2 snapshot, whose tables' data come interleaved: each table that begins gets one
 * of as many connections as the stream has tables open at once, and a thread that loads it from a
 * {@link SegmentPipe} while the calling thread reads the stream and hands each segment to its table. Each table is
 * committed on its own connection once loaded. A table whose data comes in parts (version 5) loads each part so, at
 * the same time as its other parts, and counts as loaded once its last part is committed. The first failure stops
 * every table and is thrown.
 */
final class InterleavedLoad {
    /** Segments queued per table, beyond the one being loaded. */
    private static final int PIPE_SEGMENTS = 4;

    /** Loads one table's rows, read from its own reader; the caller commits. */
    interface RowLoad {
        /** @param whole whether this is all of the table's data, else one of parts loaded at once */
        long load(Connection c, TableDef table, SnapshotReader rows, boolean whole) throws SQLException,
                IOException;
    }

    /** Loads a table's data that is in PostgreSQL's binary COPY format as it is; returns the rows loaded. */
    interface CopyLoad {
        /** @param whole whether this is all of the table's data, else one of parts loaded at once */
        long load(Connection c, TableDef table, InputStream copyData, boolean whole) throws SQLException,
                IOException;
    }

    private final MethodContext context;
    private final Connector connector;
    private final String engine;
    private final RowLoad rowLoad;
    private final CopyLoad copyLoad;
    private final java.util.function.Consumer<TableDef> loaded;

    /**
     * @param copyLoad where the target is PostgreSQL, how binary COPY data goes in unchanged; else null
     * @param loaded told of each table once its rows are committed, from the thread that loaded it
     */
    InterleavedLoad(MethodContext context, Connector connector, String engine, RowLoad rowLoad, CopyLoad copyLoad,
            java.util.function.Consumer<TableDef> loaded) {
        this.connector = connector;
        this.loaded = loaded;
        this.context = context;
        this.engine = engine;
        this.rowLoad = rowLoad;
        this.copyLoad = copyLoad;
    }

    /** Reads the data to the stream's end and loads every table; returns the rows loaded per table. */
    Map<String, Long> run(SnapshotReader reader, Path spool) {
        int width = reader.maxOpenTables();
        BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(width);
        List<Connection> opened = new ArrayList<>();
        Map<Long, SegmentPipe> pipes = new HashMap<>();
        int tables = reader.schema().tables().size();
        boolean[] begun = new boolean[tables];
        AtomicIntegerArray partsLeft = new AtomicIntegerArray(tables);
        AtomicLongArray tableRows = new AtomicLongArray(tables);
        ConcurrentLinkedQueue<SegmentPipe> everyPipe = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> finished = new ConcurrentLinkedQueue<>();
        Map<String, Long> rowCounts = new java.util.concurrent.ConcurrentHashMap<>();
        JobRunner runner = new JobRunner("dbrunbooks-load", width);
        runner.onCancel(() -> everyPipe.forEach(SegmentPipe::abort));
        Throwable first = null;
        try {
            reader.readData(new SnapshotReader.DataVisitor() {
                @Override
                public void begin(int index, TableDef table, TableEncoding encoding) throws InterruptedException {
                    begin(index, 0, 1, table, encoding);
                }

                @Override
                public void segment(int index, byte[] data) throws InterruptedException {
                    segment(index, 0, data);
                }

                @Override
                public void end(int index, long rows) throws InterruptedException {
                    end(index, 0, rows);
                }

                @Override
                public void begin(int index, int part, int parts, TableDef table, TableEncoding encoding)
                        throws InterruptedException {
                    report(finished);
                    if (!begun[index]) {
                        begun[index] = true;
                        partsLeft.set(index, parts);
                    }
                    Connection c = idle.poll();
                    if (c == null && opened.size() < width) {
                        c = connector.open();
                        opened.add(c);
                    }
                    while (c == null) {
                        if (runner.cancelled()) {
                            throw new SegmentPipe.StoppedException();
                        }
                        c = idle.poll(100, TimeUnit.MILLISECONDS);
                    }
                    SegmentPipe pipe = new SegmentPipe(PIPE_SEGMENTS);
                    pipes.put(key(index, part), pipe);
                    everyPipe.add(pipe);
                    Connection connection = c;
                    runner.submit(() -> {
                        long rows = tableRows.addAndGet(index, load(connection, table, encoding, pipe, spool,
                                parts == 1));
                        if (partsLeft.decrementAndGet(index) == 0) {
                            rowCounts.put(table.qualifiedName(), rows);
                            loaded.accept(table);
                            finished.add("Restored " + Counts.of(rows, "row") + " of '" + table.qualifiedName()
                                    + "'" + (parts > 1 ? " in " + parts + " parts" : ""));
                        }
                        idle.add(connection);
                    });
                    if (runner.cancelled()) {
                        pipe.abort();
                    }
                }

                @Override
                public void segment(int index, int part, byte[] data) throws InterruptedException {
                    pipes.get(key(index, part)).put(data);
                }

                @Override
                public void end(int index, int part, long rows) throws InterruptedException {
                    pipes.remove(key(index, part)).end(rows);
                    report(finished);
                }

                private void report(ConcurrentLinkedQueue<String> lines) {
                    String line;
                    while ((line = lines.poll()) != null) {
                        context.listener().message(line);
                    }
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            first = new RunbookException(ErrorKind.INTERRUPTED, "The restore was stopped while loading rows.", null,
                    e);
        } catch (SegmentPipe.StoppedException e) {
            // A table failed; its failure is the one to report.
        } catch (RuntimeException e) {
            first = e;
        }
        if (first != null) {
            runner.cancel();
        }
        Throwable loadFailure = null;
        try {
            loadFailure = runner.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (first == null) {
                first = new RunbookException(ErrorKind.INTERRUPTED, "The restore was stopped while loading rows.",
                        null, e);
            }
        } finally {
            runner.close();
        }
        for (Connection c : opened) {
            try {
                c.close();
            } catch (SQLException e) {
                // Every table on it was committed or failed already.
            }
        }
        if (first == null && loadFailure != null) {
            first = loadFailure;
        } else if (first != null && loadFailure != null && loadFailure != first) {
            first.addSuppressed(loadFailure);
        }
        if (first != null) {
            throw first instanceof RuntimeException r ? r : new RunbookException(ErrorKind.RESTORE_FAILED,
                    "Restoring rows into " + engine + " failed: " + first.getMessage(), null, first);
        }
        String line;
        while ((line = finished.poll()) != null) {
            context.listener().message(line);
        }
        return rowCounts;
    }

    private static long key(int index, int part) {
        return (long) index << 32 | part;
    }

    private long load(Connection c, TableDef table, TableEncoding encoding, SegmentPipe pipe, Path spool,
            boolean whole) {
        try {
            c.setAutoCommit(false);
            long rows;
            if (encoding.isPgCopy() && copyLoad != null) {
                rows = copyLoad.load(c, table, pipe, whole);
                if (pipe.read() != -1) {
                    throw new RunbookException(ErrorKind.INTEGRITY, "The jdbc snapshot is damaged: data follows the"
                            + " COPY data of '" + table.qualifiedName() + "'");
                }
                if (rows != pipe.claimedRows()) {
                    throw new RunbookException(ErrorKind.INTEGRITY, "The jdbc snapshot is damaged: table '"
                            + table.qualifiedName() + "' claims " + pipe.claimedRows() + " rows but has " + rows);
                }
            } else {
                rows = rowLoad.load(c, table, SnapshotReader.forTable(pipe, pipe::claimedRows, table, encoding,
                        spool, SnapshotReader.DEFAULT_SPILL_ABOVE), whole);
            }
            c.commit();
            return rows;
        } catch (SQLException e) {
            rollbackQuietly(c);
            SQLException next = e.getNextException();
            throw new RunbookException(ErrorKind.RESTORE_FAILED, "Restoring '" + table.qualifiedName() + "' into "
                    + engine + " failed: " + e.getMessage() + (next == null ? "" : "; " + next.getMessage()), null,
                    e);
        } catch (IOException e) {
            rollbackQuietly(c);
            throw new RunbookException(ErrorKind.RESTORE_FAILED, "Restore stream broke while loading '"
                    + table.qualifiedName() + "': " + e.getMessage(), null, e);
        } catch (RuntimeException e) {
            rollbackQuietly(c);
            throw e;
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // The connection is closed after; the first failure is the one reported.
        }
    }
}
