package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.BackupReceipt;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseMethod;
import io.jenkins.plugins.dbrunbooks.engine.method.Jdbc;
import io.jenkins.plugins.dbrunbooks.engine.method.MemoryPipe;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.method.RestoreOptions;
import io.jenkins.plugins.dbrunbooks.engine.method.RestoreSource;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SchemaSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressMeter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A live database copied into another one with the {@code jdbc} method's two halves joined in memory: the backup's
 * parallel reader, under one consistent moment on the source, writes its snapshot stream into a bounded pipe, and
 * the restore's loader reads it from there, loading tables in parallel and building each one's keys and indexes
 * as soon as its rows are in. No file, compression or checksum sits in between; memory is bounded by the pipe's
 * buffers and the reader's and loader's own.
 */
public final class LiveSnapshotCopy {
    private static final int PIPE_BUFFERS = 8;
    private static final int PIPE_BUFFER = 1 << 20;

    private LiveSnapshotCopy() {
    }

    /**
     * What a copy of the source would leave out, read from its catalog before anything is created.
     *
     * @param notCarried what the jdbc method cannot carry from the source at all
     * @param untranslatable what the target engine cannot hold of what is carried; empty into the same engine
     */
    public record Plan(List<String> notCarried, List<String> untranslatable) {
    }

    /**
     * Reads the source's catalog with the reader a backup uses and checks it against the target engine. A value
     * no load could store again, and a column type the target has no equivalent for, are refused here.
     */
    public static Plan plan(DatabaseMethod source, MethodContext sourceContext, DatabaseMethod target) {
        SnapshotDialect from = jdbc(source).dialect();
        SnapshotDialect into = jdbc(target).dialect();
        SchemaSnapshot schema;
        try (Connection c = Jdbc.connect(from.scheme(), sourceContext.jdbcUrl(), sourceContext.credential(),
                sourceContext.timeouts())) {
            schema = from.catalogReader().read(c);
        } catch (SQLException e) {
            throw new RunbookException(ErrorKind.BACKUP_FAILED, "Reading the catalog of the source for the copy"
                    + " failed: " + e.getMessage(), "Check that the backup login can read the catalog.", e);
        }
        ParallelCopyBackup.refuseValues(schema.notCarried());
        List<String> untranslatable = List.of();
        if (!from.engine().equals(into.engine())) {
            into.ddlWriter().incompatibility(schema).ifPresent(why -> {
                throw new RunbookException(ErrorKind.NOT_CARRIED, why + " Nothing was touched.",
                        "Copy it into a " + from.engine() + " database.");
            });
            untranslatable = into.ddlWriter().notes(schema);
        }
        return new Plan(SnapshotCoverage.describe(schema.notCarried()), untranslatable);
    }

    /**
     * Copies the source into the target, an empty database, and returns what the reading side reports (row
     * counts, what it left out). The first failure of either side stops the other and is thrown, the other's
     * suppressed.
     */
    public static BackupReceipt copy(DatabaseMethod source, MethodContext sourceContext, DatabaseMethod target,
            MethodContext targetContext, RestoreOptions options) {
        JdbcMethod reader = jdbc(source);
        JdbcMethod loader = jdbc(target);
        MemoryPipe pipe = new MemoryPipe(PIPE_BUFFERS, PIPE_BUFFER);
        AtomicReference<Throwable> first = new AtomicReference<>();
        AtomicReference<BackupReceipt> receipt = new AtomicReference<>();
        ProgressMeter meter = new ProgressMeter(sourceContext.listener(), "copy", -1);
        Thread reading = new Thread(() -> {
            try {
                OutputStream out = new Metered(pipe.out(), meter);
                receipt.set(ParallelCopyBackup.forCopy(reader.dialect(), reader.backupJobs())
                        .run(sourceContext, out));
                // Ended only when whole: a failed read fails the pipe instead, so no cut stream looks complete.
                out.close();
            } catch (Throwable e) {
                first.compareAndSet(null, e);
                pipe.fail(e);
            }
        }, "dbrunbooks-copy-read");
        reading.setDaemon(true);
        reading.start();
        try {
            InputStream in = pipe.in();
            loader.restore(targetContext, new RestoreSource() {
                @Override
                public InputStream stream() {
                    return in;
                }

                @Override
                public void requireIntact() {
                    // Nothing stored to check: the stream is checked by the loader as it reads it.
                }
            }, options);
            // The stream's end follows the last table: read it, so the reading side can finish.
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException | RuntimeException | Error e) {
            first.compareAndSet(null, e);
            pipe.fail(e);
            reading.interrupt();
        } finally {
            joinUninterruptibly(reading);
        }
        Throwable failure = first.get();
        if (failure == null && receipt.get() == null) {
            failure = new RunbookException(ErrorKind.BACKUP_FAILED, "Reading the source ended without a result",
                    null);
        }
        if (failure != null) {
            throw asRuntime(failure);
        }
        meter.finish();
        return receipt.get();
    }

    private static RuntimeException asRuntime(Throwable failure) {
        if (failure instanceof RuntimeException e) {
            return e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        return new RunbookException(ErrorKind.RESTORE_FAILED, "The copy stream broke: " + failure.getMessage(),
                null, failure);
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                thread.interrupt();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static JdbcMethod jdbc(DatabaseMethod method) {
        if (method instanceof JdbcMethod jdbc) {
            return jdbc;
        }
        throw new IllegalArgumentException("A live copy needs the jdbc method, not " + method.name());
    }

    /** Counts the bytes on their way into the pipe, for progress. */
    private static final class Metered extends OutputStream {
        private final OutputStream out;
        private final ProgressMeter meter;

        Metered(OutputStream out, ProgressMeter meter) {
            this.out = out;
            this.meter = meter;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            meter.add(1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            meter.add(len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
