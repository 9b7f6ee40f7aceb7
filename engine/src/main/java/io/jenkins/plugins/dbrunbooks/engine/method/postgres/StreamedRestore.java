package io.jenkins.plugins.dbrunbooks.engine.method.postgres;

import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.process.PrivateFiles;
import io.jenkins.plugins.dbrunbooks.engine.progress.Bytes;
import io.jenkins.plugins.dbrunbooks.engine.progress.Counts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A native restore that loads the rows while the payload is still being decoded, for a payload that streams into
 * a database of its own (kept only once the payload proved whole). The table of contents is read first and the schema
 * restored from a file holding only the archive's header and table of contents (pg_restore reads nothing past it for
 * entries without data); then each table's rows are handed to the loader's connections as their block passes.
 * Where the loader takes every block of data, nothing more is written locally, and the rest is restored from the
 * table of contents alone. Otherwise (large objects, rows it does not take) every byte of the stream goes on to the
 * private working file, and once the stream ends the data offsets found on the way are written into it, for the
 * pg_restore of the rest.
 */
final class StreamedRestore {
    private final MethodContext context;
    private final PrivateFiles files;
    private final PgRestore pgRestore;
    private final String database;
    private final int jobs;
    private final int pieceSize;
    private final long earlyIndexBytes;
    private final int tablesAtOnce;

    /**
     * @param earlyIndexBytes the size from which a table's indexes build as soon as its rows are in
     * @param tablesAtOnce how many plain tables the schema holds at least for several runs to create them at once
     */
    StreamedRestore(MethodContext context, PrivateFiles files, PgRestore pgRestore, String database, int jobs,
            int pieceSize, long earlyIndexBytes, int tablesAtOnce) {
        this.context = context;
        this.files = files;
        this.pgRestore = pgRestore;
        this.database = database;
        this.jobs = jobs;
        this.pieceSize = pieceSize;
        this.earlyIndexBytes = earlyIndexBytes;
        this.tablesAtOnce = tablesAtOnce;
    }

    /**
     * Copies {@code in} whole to {@code out}, the working file at {@code path}, loading the schema and the rows on
     * the way; returns what is left to do once the file is closed and the payload proved intact, or null for an
     * archive the loader does not take, only copied here.
     */
    Loaded load(InputStream in, OutputStream out, Path path, long decodedSize) throws IOException {
        ArchiveOffsets.Reader reader = new ArchiveOffsets.Reader(in, out);
        Map<Integer, Long> fields = new HashMap<>();
        ArchiveToc toc = ArchiveToc.read(reader, why -> context.listener().message(
                "The backup is restored by pg_restore alone (" + why + ")"), fields);
        RestorePlan plan = toc == null ? null : RestorePlan.streamed(toc);
        if (plan == null || plan.rows().isEmpty()) {
            keepingWhole(decodedSize);
            reader.drain();
            return null;
        }
        long tables = toc.items().stream().filter(i -> ArchiveOffsets.TABLE_DATA.equals(i.entry().description()))
                .count();
        out.flush();
        Path schemaFile = tocOnly(path, reader.position());
        Set<Integer> withData = Set.copyOf(fields.keySet());
        boolean keep = !plan.rows().stream().map(i -> i.entry().dumpId()).collect(Collectors.toSet())
                .containsAll(withData);
        if (keep) {
            // Large objects, or rows the loader does not take: pg_restore reads them from the file afterwards.
            keepingWhole(decodedSize);
        } else {
            reader.stopCopying();
        }
        context.listener().message("Restoring into '" + database + "' as the backup is read: the schema with"
                + " pg_restore, the rows of " + Counts.of(plan.rows().size(), "table") + " over "
                + Counts.of(jobs, "connection") + ", then keys, indexes and the rest with pg_restore, "
                + Counts.of(jobs, "job"));
        RestoreProgress progress = new RestoreProgress(context.listener(), tables, 0);
        // The file is only read: the runs at once share it.
        SchemaWaves.restore(plan.schema(), pgRestore, schemaFile, jobs, tablesAtOnce, progress);
        Map<Integer, ArchiveToc.Item> loadable = new HashMap<>();
        plan.rows().forEach(item -> loadable.put(item.entry().dumpId(), item));
        List<long[]> offsets = new ArrayList<>();
        Set<Integer> loaded = new HashSet<>();
        EarlyIndexes indexes = new EarlyIndexes(toc, plan.schema(), pgRestore, schemaFile, earlyIndexBytes,
                progress);
        try {
            new TableDataLoader(context, toc, path, jobs, pieceSize, indexes::loaded).run(sink -> {
                while (!reader.atEnd()) {
                    long block = reader.position();
                    int type = reader.readByte();
                    int dumpId = reader.readInt();
                    Long field = fields.remove(dumpId);
                    if (field == null || type != ArchiveOffsets.BLK_DATA && type != ArchiveOffsets.BLK_BLOBS) {
                        throw new IOException("a data block at byte " + block + " matches no entry");
                    }
                    offsets.add(new long[] {field, block});
                    ArchiveToc.Item item = loadable.get(dumpId);
                    if (type == ArchiveOffsets.BLK_DATA && item != null) {
                        sink.starting(item);
                        TableDataReader rows = new TableDataReader(reader, pieceSize);
                        byte[] piece;
                        while ((piece = rows.next()) != null) {
                            if (!sink.hand(piece)) {
                                return;
                            }
                        }
                        loaded.add(dumpId);
                    } else if (type == ArchiveOffsets.BLK_BLOBS) {
                        while (reader.readInt() != 0) {
                            ArchiveOffsets.skipChunks(reader);
                        }
                    } else {
                        ArchiveOffsets.skipChunks(reader);
                    }
                }
            }, tables, context.listener());
            reader.drain();
        } catch (IOException | RuntimeException e) {
            indexes.cancel();
            throw e;
        }
        if (!keep && !loaded.containsAll(withData)) {
            indexes.cancel();
            throw new IOException("the archive's table of contents names data it does not hold");
        }
        List<ArchiveToc.Item> schema = plan.schema();
        List<ArchiveToc.Item> rest = toc.items().stream()
                .filter(i -> !schema.contains(i) && !loaded.contains(i.entry().dumpId())).toList();
        return new Loaded(toc.offsetSize(), keep ? offsets : List.of(), rest, tables, loaded.size(), indexes);
    }

    /**
     * Says that the whole payload goes on to the working file, which pg_restore reads afterwards, and refuses where
     * it cannot fit.
     */
    private void keepingWhole(long decodedSize) {
        Path where = files.directory().getParent();
        context.listener().message("The backup is written on the way to a private working file in '" + where
                + "': pg_restore needs a file it can seek in, which takes "
                + (decodedSize < 0 ? "the backup's unpacked size" : Bytes.human(decodedSize))
                + " of local space until the restore ends");
        if (decodedSize >= 0) {
            PrivateFiles.requireSpace(where, decodedSize);
        }
    }

    /** A file of the archive's first {@code length} bytes, its header and table of contents. */
    private Path tocOnly(Path archive, long length) throws IOException {
        String name = "schema.dump";
        try (OutputStream created = files.newFile(name)) {
            // Created private; filled below.
        }
        Path file = files.directory().resolve(name);
        try (FileChannel from = FileChannel.open(archive, StandardOpenOption.READ);
                FileChannel to = FileChannel.open(file, StandardOpenOption.WRITE)) {
            long done = 0;
            while (done < length) {
                done += from.transferTo(done, length - done, to);
            }
        }
        return file;
    }

    /**
     * What is left once the rows are in: the offsets to write into the working file, the indexes still building, and
     * the rest to restore. Closing it stops a build still running, for a restore that failed before its end.
     */
    final class Loaded implements AutoCloseable {
        private final int offsetSize;
        private final List<long[]> offsets;
        private final List<ArchiveToc.Item> rest;
        private final long tables;
        private final int loadedTables;
        private final EarlyIndexes indexes;

        private Loaded(int offsetSize, List<long[]> offsets, List<ArchiveToc.Item> rest, long tables,
                int loadedTables, EarlyIndexes indexes) {
            this.offsetSize = offsetSize;
            this.offsets = offsets;
            this.rest = rest;
            this.tables = tables;
            this.loadedTables = loadedTables;
            this.indexes = indexes;
        }

        /** Writes the offsets into the closed working file at {@code path} and restores the rest from it. */
        void finish(Path path) throws IOException {
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
                for (long[] offset : offsets) {
                    ArchiveOffsets.write(channel, offset[0], offset[1], offsetSize);
                }
            }
            pgRestore.run(RestorePlan.list(indexes.rest(rest)), jobs, new RestoreProgress(context.listener(),
                    tables, loadedTables));
            indexes.await();
        }

        @Override
        public void close() {
            indexes.cancel();
        }
    }
}
