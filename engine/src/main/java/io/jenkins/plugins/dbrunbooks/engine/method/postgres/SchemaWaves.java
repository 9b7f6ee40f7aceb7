package io.jenkins.plugins.dbrunbooks.engine.method.postgres;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.parallel.JobRunner;
import io.jenkins.plugins.dbrunbooks.engine.progress.Counts;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The schema restored before the rows, its tables created by several pg_restore runs at once: on a database of many
 * small tables, creating them one after the other on one connection is a good part of the restore. pg_dump records
 * what each entry depends on and writes every entry after those, so the entries split into three waves, each closed
 * under those dependencies: {@link #before()}, everything that depends on no plain table, restored by one run; the
 * plain tables themselves ({@link #tables()}), split over several runs at once; and {@link #after()}, what depends on
 * them (partitions, inheritance children, tables of another table's row type, views, comments), one run again.
 * Every wave keeps the archive's order.
 */
final class SchemaWaves {
    /**
     * Fewer tables than this are created by the one run as before: each run more costs a pg_restore's start, a
     * connection and a read of the table of contents (0.05 to 0.1 s on 2 cores), and the waves before and after the
     * tables take a run each; two runs at once only caught up with one at about 200 small tables.
     */
    static final int MIN_TABLES = 200;

    /**
     * Entries no run of a list restores: the session settings pg_restore applies as it reads the table of contents,
     * whatever the list, and the database's own entries, restored only by {@code --create}.
     */
    private static final Set<String> NOT_RUN = Set.of("ENCODING", "STDSTRINGS", "SEARCHPATH", "DATABASE",
            "DATABASE PROPERTIES");

    private final List<ArchiveToc.Item> before;
    private final List<List<ArchiveToc.Item>> tables;
    private final List<ArchiveToc.Item> after;

    private SchemaWaves(List<ArchiveToc.Item> before, List<List<ArchiveToc.Item>> tables,
            List<ArchiveToc.Item> after) {
        this.before = before;
        this.tables = tables;
        this.after = after;
    }

    /**
     * Splits {@code schema}, entries in archive order, with the plain tables over at most {@code runs} lists.
     * A dependency on an entry outside {@code schema} is taken as met, as the one run takes it; one on an entry that
     * comes later in the archive puts the entry after the tables, where the archive's order is kept.
     */
    static SchemaWaves of(List<ArchiveToc.Item> schema, int runs) {
        Set<Integer> inSchema = new HashSet<>();
        schema.forEach(item -> inSchema.add(item.entry().dumpId()));
        Map<Integer, Boolean> beforeTables = new HashMap<>();
        List<ArchiveToc.Item> before = new ArrayList<>();
        List<ArchiveToc.Item> plain = new ArrayList<>();
        List<ArchiveToc.Item> after = new ArrayList<>();
        for (ArchiveToc.Item item : schema) {
            boolean onBefore = item.entry().dependencies().stream().filter(inSchema::contains)
                    .allMatch(id -> beforeTables.getOrDefault(id, false));
            if (!onBefore) {
                after.add(item);
            } else if ("TABLE".equals(item.entry().description())) {
                plain.add(item);
            } else {
                before.add(item);
            }
            beforeTables.put(item.entry().dumpId(), onBefore && !"TABLE".equals(item.entry().description()));
        }
        int lists = Math.max(1, Math.min(runs, plain.size()));
        List<List<ArchiveToc.Item>> tables = new ArrayList<>();
        for (int i = 0; i < lists; i++) {
            tables.add(new ArrayList<>());
        }
        for (int i = 0; i < plain.size(); i++) {
            tables.get(i % lists).add(plain.get(i));
        }
        return new SchemaWaves(List.copyOf(before), tables.stream().map(List::copyOf).toList(), List.copyOf(after));
    }

    /**
     * Restores {@code schema} from {@code archive} (the working copy or a file of its table of contents): with one
     * run as before where {@code jobs} is 1 or it holds fewer than {@code minTables} plain tables, else in waves,
     * the tables over {@code jobs} runs at once. A run that fails stops the others and fails the restore with its
     * own message.
     */
    static void restore(List<ArchiveToc.Item> schema, PgRestore pgRestore, Path archive, int jobs, int minTables,
            ProgressListener progress) throws IOException {
        SchemaWaves waves = jobs > 1 ? of(schema, jobs) : null;
        int count = waves == null ? 0 : waves.tables().stream().mapToInt(List::size).sum();
        if (waves == null || count < Math.max(1, minTables)) {
            pgRestore.run(archive, RestorePlan.list(schema), 1, progress);
            return;
        }
        progress.message("Creating " + Counts.of(count, "table") + " with " + Counts.of(waves.tables().size(),
                "pg_restore run") + " at once");
        if (waves.before().stream().anyMatch(item -> !NOT_RUN.contains(item.entry().description()))) {
            pgRestore.run(archive, RestorePlan.list(waves.before()), 1, progress);
        }
        atOnce(waves.tables(), pgRestore, archive, progress);
        if (!waves.after().isEmpty()) {
            pgRestore.run(archive, RestorePlan.list(waves.after()), 1, progress);
        }
    }

    /** Runs a pg_restore for each list at once; the first to fail stops the others, and its failure is thrown. */
    private static void atOnce(List<List<ArchiveToc.Item>> lists, PgRestore pgRestore, Path archive,
            ProgressListener progress) throws IOException {
        // A run still going when another fails is interrupted, which ends its pg_restore.
        try (JobRunner runner = new JobRunner("dbrunbooks-tables", lists.size())) {
            for (List<ArchiveToc.Item> list : lists) {
                runner.submit(() -> pgRestore.run(archive, RestorePlan.list(list), 1, progress));
            }
            Throwable first = runner.join();
            if (first instanceof IOException failure) {
                throw failure;
            }
            if (first instanceof RuntimeException failure) {
                throw failure;
            }
            if (first instanceof Error failure) {
                throw failure;
            }
            if (first != null) {
                throw new RunbookException(ErrorKind.RESTORE_FAILED, "Creating the tables failed: " + first, null,
                        first);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunbookException(ErrorKind.INTERRUPTED, "The restore was stopped while creating the tables",
                    null, e);
        }
    }

    /** Everything that depends on no plain table, in archive order. */
    List<ArchiveToc.Item> before() {
        return before;
    }

    /** The plain tables, whose dependencies are all in {@link #before()}: one list for each run, in archive order. */
    List<List<ArchiveToc.Item>> tables() {
        return tables;
    }

    /** What depends on the plain tables, directly or through other entries, in archive order. */
    List<ArchiveToc.Item> after() {
        return after;
    }
}
