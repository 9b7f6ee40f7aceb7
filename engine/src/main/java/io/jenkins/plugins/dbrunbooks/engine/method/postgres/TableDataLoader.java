package io.jenkins.plugins.dbrunbooks.engine.method.postgres;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.Jdbc;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.parallel.JobRunner;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressListener;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Loads the rows of an archive's tables with {@code COPY ... FROM STDIN} over several connections, so that one
 * large table loads on all of them at once instead of on one pg_restore job. The calling thread reads the tables,
 * largest first, in pieces of whole rows into a small queue; each connection takes the next piece and copies it in,
 * starting a new COPY whenever the piece belongs to another table than its last one. Each session is set up as
 * pg_restore sets up its own, so the server reads the rows exactly as pg_restore would have them read. The first
 * failure stops every connection and is thrown.
 */
final class TableDataLoader {
    static final int PIECE = 1 << 20;
    /** Bytes read from the archive at a time: small enough that a small table costs no more than its size. */
    private static final int READ_SIZE = 1 << 17;
    private static final Piece END = new Piece(null, null);

    private record Piece(Loading table, byte[] rows) {
    }

    /**
     * One table on its way in. It counts its pieces not yet in a finished COPY, plus one while the feed may still hand
     * it pieces; at zero every row of it is committed.
     */
    private static final class Loading {
        private final ArchiveToc.Item table;
        private final AtomicInteger pending = new AtomicInteger(1);
        private long bytes;

        Loading(ArchiveToc.Item table) {
            this.table = table;
        }
    }

    /** Told of each table whose rows are all committed, with their size in the archive, on any loading thread. */
    @FunctionalInterface
    interface Loaded {
        Loaded NONE = (table, bytes) -> {
        };

        void loaded(ArchiveToc.Item table, long bytes);
    }

    /** What the connections load: the rows of each table in turn, handed on to {@link Sink}. */
    @FunctionalInterface
    interface Feed {
        void feed(Sink sink) throws IOException, InterruptedException;
    }

    /** Takes the rows a {@link Feed} reads. */
    interface Sink {
        /** Says that the rows of {@code table} come next. */
        void starting(ArchiveToc.Item table);

        /** Queues a piece of whole rows of the table last started; false once the work is cancelled. */
        boolean hand(byte[] rows) throws InterruptedException;
    }

    private final MethodContext context;
    private final ArchiveToc toc;
    private final Path archive;
    private final int jobs;
    private final int pieceSize;
    private final Loaded loaded;

    TableDataLoader(MethodContext context, ArchiveToc toc, Path archive, int jobs, Loaded loaded) {
        this(context, toc, archive, jobs, PIECE, loaded);
    }

    TableDataLoader(MethodContext context, ArchiveToc toc, Path archive, int jobs, int pieceSize, Loaded loaded) {
        this.context = context;
        this.toc = toc;
        this.archive = archive;
        this.jobs = Math.max(1, jobs);
        this.pieceSize = pieceSize;
        this.loaded = loaded;
    }

    /**
     * Loads the rows of {@code tables}, in that order, saying which table starts as pg_restore --verbose would.
     *
     * @param counted how many tables the whole restore loads, for "n of N"
     */
    void load(List<ArchiveToc.Item> tables, long counted, ProgressListener listener) {
        try (FileChannel channel = FileChannel.open(archive, StandardOpenOption.READ)) {
            ArchiveOffsets.Reader archiveReader = new ArchiveOffsets.Reader(channel, READ_SIZE);
            archiveReader.intSize = toc.intSize();
            run(sink -> {
                for (ArchiveToc.Item table : tables) {
                    sink.starting(table);
                    TableDataReader rows = new TableDataReader(archiveReader, table, pieceSize);
                    byte[] piece;
                    while ((piece = rows.next()) != null) {
                        if (!sink.hand(piece)) {
                            return;
                        }
                    }
                }
            }, counted, listener);
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.RESTORE_FAILED, "Cannot read the unpacked backup: "
                    + e.getMessage(), null, e);
        }
    }

    /**
     * Loads what {@code feed} reads, calling it on this thread once every connection is open.
     *
     * @param counted how many tables the whole restore loads, for "n of N"
     */
    void run(Feed feed, long counted, ProgressListener listener) {
        BlockingQueue<Piece> queue = new ArrayBlockingQueue<>(2 * jobs);
        Set<Connection> open = ConcurrentHashMap.newKeySet();
        try (JobRunner runner = new JobRunner("dbrunbooks-load", jobs)) {
            runner.onCancel(() -> open.forEach(TableDataLoader::cancelQuietly));
            CountDownLatch ready = new CountDownLatch(jobs);
            for (int i = 0; i < jobs; i++) {
                runner.submit(() -> copyPieces(queue, open, ready));
            }
            Loading[] current = new Loading[1];
            try {
                // Every connection takes part from the first piece, however small the table.
                while (!ready.await(100, TimeUnit.MILLISECONDS) && !runner.cancelled()) {
                    // The failure of a connection that cannot open cancels the work.
                }
                if (!runner.cancelled()) {
                    feed.feed(new Sink() {
                        private int n;

                        @Override
                        public void starting(ArchiveToc.Item table) {
                            handed(current[0]);
                            current[0] = new Loading(table);
                            listener.message("Loading table '" + table.table() + "' (" + (++n) + " of " + counted
                                    + ")");
                        }

                        @Override
                        public boolean hand(byte[] rows) throws InterruptedException {
                            current[0].pending.incrementAndGet();
                            current[0].bytes += rows.length;
                            return TableDataLoader.hand(queue, new Piece(current[0], rows), runner);
                        }
                    });
                    handed(current[0]);
                }
                for (int i = 0; i < jobs; i++) {
                    hand(queue, END, runner);
                }
            } catch (IOException e) {
                runner.fail(new RunbookException(ErrorKind.RESTORE_FAILED, "Cannot read the rows of table '"
                        + (current[0] == null ? "?" : current[0].table.table()) + "' from the backup: "
                        + e.getMessage(), null, e));
            } catch (RuntimeException e) {
                runner.fail(e);
            }
            Throwable failure = runner.join();
            if (failure != null) {
                throw failure instanceof RunbookException known ? known
                        : new RunbookException(ErrorKind.RESTORE_FAILED, "Loading rows failed: "
                                + failure.getMessage(), null, failure);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunbookException(ErrorKind.INTERRUPTED, "The restore was stopped while loading rows", null,
                    e);
        }
    }

    /** Says that the feed hands {@code table} no more pieces. */
    private void handed(Loading table) {
        if (table != null) {
            settle(table, 1);
        }
    }

    /** Counts {@code pieces} of {@code table} done, and tells of the table once nothing of it is left. */
    private void settle(Loading table, int pieces) {
        if (table.pending.addAndGet(-pieces) == 0) {
            loaded.loaded(table.table, table.bytes);
        }
    }

    /** Queues a piece, giving up once the work is cancelled: no connection may be left to take it. */
    private static boolean hand(BlockingQueue<Piece> queue, Piece piece, JobRunner runner)
            throws InterruptedException {
        while (!runner.cancelled()) {
            if (queue.offer(piece, 100, TimeUnit.MILLISECONDS)) {
                return true;
            }
        }
        return false;
    }

    private void copyPieces(BlockingQueue<Piece> queue, Set<Connection> open, CountDownLatch ready)
            throws SQLException, InterruptedException {
        try (Connection c = connect()) {
            open.add(c);
            prepare(c);
            ready.countDown();
            Loading current = null;
            int pieces = 0;
            CopyIn in = null;
            try {
                Piece piece;
                while ((piece = queue.take()) != END) {
                    if (piece.table() != current) {
                        if (in != null) {
                            in.endCopy();
                            settle(current, pieces);
                        }
                        current = piece.table();
                        pieces = 0;
                        in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(statement(current.table));
                    }
                    in.writeToCopy(piece.rows(), 0, piece.rows().length);
                    pieces++;
                }
                if (in != null) {
                    in.endCopy();
                    settle(current, pieces);
                }
            } catch (SQLException e) {
                throw new RunbookException(ErrorKind.RESTORE_FAILED, "Loading the rows of table '"
                        + (current == null ? "?" : current.table.table()) + "' failed: " + e.getMessage(), null, e);
            } finally {
                open.remove(c);
                if (in != null && in.isActive()) {
                    try {
                        in.cancelCopy();
                    } catch (SQLException e) {
                        // The first failure is the one reported; the connection closes next.
                    }
                }
            }
        }
    }

    private static String statement(ArchiveToc.Item table) {
        String copy = table.entry().copyStatement().strip();
        return copy.endsWith(";") ? copy.substring(0, copy.length() - 1) : copy;
    }

    private Connection connect() {
        String url = context.jdbcUrl();
        if (!"UTF8".equalsIgnoreCase(toc.encoding())) {
            // The rows go in the archive's encoding, as pg_restore sends them; the driver is told to allow it.
            url += (url.contains("?") ? "&" : "?") + "allowEncodingChanges=true";
        }
        return Jdbc.connect(PostgresUrl.SCHEME, url, context.credential(), context.timeouts());
    }

    /** The session pg_restore sets up before it restores anything (pg_backup_archiver.c, _doSetFixedOutputState). */
    private void prepare(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET statement_timeout = 0");
            s.execute("SET lock_timeout = 0");
            s.execute("SET idle_in_transaction_session_timeout = 0");
            s.execute("SET client_encoding = '" + toc.encoding() + "'");
            s.execute("SET standard_conforming_strings = " + (toc.standardStrings() ? "on" : "off"));
            s.execute("SELECT pg_catalog.set_config('search_path', '', false)");
            s.execute("SET check_function_bodies = false");
            s.execute("SET xmloption = content");
            s.execute("SET client_min_messages = warning");
            if (!toc.standardStrings()) {
                s.execute("SET escape_string_warning = off");
            }
            s.execute("SET row_security = off");
            // Each COPY's commit need not wait for the disk: the restore ends with one that does.
            s.execute("SET synchronous_commit = off");
        }
    }

    private static void cancelQuietly(Connection c) {
        try {
            c.unwrap(PGConnection.class).cancelQuery();
        } catch (SQLException e) {
            // The connection closes when its thread ends.
        }
    }
}
