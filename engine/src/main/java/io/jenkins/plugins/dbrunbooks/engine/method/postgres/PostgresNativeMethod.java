package io.jenkins.plugins.dbrunbooks.engine.method.postgres;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.BackupReceipt;
import io.jenkins.plugins.dbrunbooks.engine.method.Capabilities;
import io.jenkins.plugins.dbrunbooks.engine.method.Coverage;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseAdmin;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseMethod;
import io.jenkins.plugins.dbrunbooks.engine.method.Jdbc;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.method.RestoreOptions;
import io.jenkins.plugins.dbrunbooks.engine.method.RestoreSource;
import io.jenkins.plugins.dbrunbooks.engine.method.StreamCopy;
import io.jenkins.plugins.dbrunbooks.engine.process.PrivateFiles;
import io.jenkins.plugins.dbrunbooks.engine.process.ToolProcess;
import io.jenkins.plugins.dbrunbooks.engine.progress.Counts;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressListener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * PostgreSQL with its own tools: {@code pg_dump -Fc} uncompressed (the artifact's zstd layer is faster and
 * smaller than pg_dump's gzip); restored from a private working copy by {@code pg_restore} with parallel jobs, the
 * tables' rows loaded over as many connections (see {@link #restore}).
 */
public final class PostgresNativeMethod implements DatabaseMethod {
    private final long earlyIndexBytes;
    private final int tablesAtOnce;

    public PostgresNativeMethod() {
        this(EarlyIndexes.MIN_BYTES);
    }

    /**
     * @param earlyIndexBytes the size from which a table's own indexes and keys build as soon as its rows are in,
     *     while the next tables load
     */
    public PostgresNativeMethod(long earlyIndexBytes) {
        this(earlyIndexBytes, SchemaWaves.MIN_TABLES);
    }

    /**
     * @param tablesAtOnce how many plain tables a schema holds at least for them to be created by several pg_restore
     *     runs at once ({@link SchemaWaves})
     */
    public PostgresNativeMethod(long earlyIndexBytes, int tablesAtOnce) {
        this.earlyIndexBytes = earlyIndexBytes;
        this.tablesAtOnce = tablesAtOnce;
    }

    @Override
    public String engine() {
        return "postgresql";
    }

    @Override
    public String name() {
        return "native";
    }

    @Override
    public boolean serves(String jdbcUrl) {
        return jdbcUrl.startsWith(PostgresUrl.PREFIX);
    }

    @Override
    public String payloadExtension() {
        return ".dump";
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(true, true, true);
    }

    /** pg_dump writes what pg_restore cannot build; such a database is refused before anything is written. */
    @Override
    public Coverage coverage(MethodContext context) {
        try (Connection c = Jdbc.connect(PostgresUrl.SCHEME, context.jdbcUrl(), context.credential(),
                context.timeouts())) {
            UnqualifiedBodies.require(c);
            return Coverage.FULL;
        } catch (SQLException e) {
            throw new RunbookException(ErrorKind.CONNECTION, "Cannot read the functions of the PostgreSQL database"
                    + " that its indexes and constraints call: " + e.getMessage(), null, e);
        }
    }

    @Override
    public Optional<String> unavailableReason(MethodContext context) {
        return PostgresTools.find(context, "pg_dump").isPresent() ? Optional.empty()
                : Optional.of("pg_dump is not installed");
    }

    /**
     * pg_dump reads in a snapshot this method exports, on a connection that meanwhile takes the data fingerprints in
     * the same snapshot, so they describe exactly the rows of the dump.
     */
    @Override
    public BackupReceipt backup(MethodContext context, OutputStream out) {
        PostgresTools.ForServer chosen = PostgresTools.require(context, "pg_dump");
        ServerVersion server = chosen.server();
        PostgresTools.Tool pgDump = chosen.tool();
        try (SharedSnapshot snapshot = SharedSnapshot.open(context);
                PrivateFiles files = PostgresTools.privateFiles(context)) {
            List<String> command = new ArrayList<>(List.of(pgDump.path().toString(), "--format=custom",
                    "--compress=0", "--no-password"));
            snapshot.id().ifPresent(id -> command.add("--snapshot=" + id));
            try (ToolProcess dump = ToolProcess.start(command, PostgresTools.environment(context, files),
                    files.directory(), context.listener())
                    .onNoAnswer(PostgresTools.NO_ANSWER, PostgresTools.noAnswer(context))) {
                dump.stdin().close();
                StreamCopy.copy(dump.stdout(), out);
                dump.waitForSuccess(ErrorKind.BACKUP_FAILED, "Backup of '" + server.database() + "' failed");
            }
            return new BackupReceipt(server.text(), "pg_dump", pgDump.version().text(), Map.of(), List.of(),
                    snapshot.position(), snapshot.fingerprints());
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.BACKUP_FAILED, "Backup stream broke: " + e.getMessage(), null, e);
        }
    }

    /**
     * Restores through a private working copy, for pg_restore. An archive whose rows this can load as pg_restore
     * would is restored split at the data: its schema with pg_restore, its tables' rows over {@code jobs}
     * connections at once (one large table on all of them), then the rest with pg_restore's parallel jobs. Any other
     * archive goes to pg_restore whole. A payload staged already is restored from its file; a streamed one (into a
     * database of its own) is written to the working copy as its rows load ({@link StreamedRestore}), and checked
     * whole before the rest is restored.
     */
    @Override
    public void restore(MethodContext context, RestoreSource source, RestoreOptions options) {
        int jobs = Math.max(1, options.jobs());
        Optional<Path> staged = source.stagedFile();
        try {
            if (staged.isPresent()) {
                try (PrivateFiles files = PostgresTools.privateFiles(context)) {
                    restoreFile(context, PostgresTools.require(context, "pg_restore"), staged.get(), files, options,
                            jobs, true);
                }
                RelaxedCommits.sessionsOnly(context).end();
                return;
            }
            // Streamed, the payload goes into a database of its own.
            RelaxedCommits commits = RelaxedCommits.on(context);
            // The working copy is named as a staged payload's is, and exists before any tool runs.
            try (PrivateFiles files = PostgresTools.privateFiles(context, "restore-")) {
                Path copy = files.directory().resolve("payload");
                PostgresTools.ForServer chosen;
                StreamedRestore.Loaded loaded;
                try (OutputStream file = files.newFile(copy.getFileName().toString())) {
                    chosen = PostgresTools.require(context, "pg_restore");
                    String database = chosen.server().database();
                    PgRestore pgRestore = new PgRestore(context, files, chosen.tool().path(), copy, database,
                            options.keepOwnership());
                    loaded = new StreamedRestore(context, files, pgRestore, database, jobs, TableDataLoader.PIECE,
                            earlyIndexBytes, tablesAtOnce).load(source.stream(), file, copy, source.decodedSize());
                }
                if (loaded == null) {
                    source.requireIntact();
                    // The stream said why the loader does not take it.
                    restoreFile(context, chosen, copy, files, options, jobs, false);
                    commits.end();
                    return;
                }
                try (loaded) {
                    source.requireIntact();
                    loaded.finish(copy);
                }
                commits.end();
            }
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.RESTORE_FAILED, "Restore stream broke: " + e.getMessage(), null, e);
        }
    }

    /**
     * Restores from a private working copy checked whole, split at the data where the loader takes its rows.
     *
     * @param split whether to try the split; false for an archive the loader was found not to take already
     */
    private void restoreFile(MethodContext context, PostgresTools.ForServer chosen, Path copy,
            PrivateFiles files, RestoreOptions options, int jobs, boolean split) throws IOException {
        String database = chosen.server().database();
        ArchiveOffsets.Outcome offsets = seekable(copy, context.listener());
        long tables = offsets.tableData() > 0 ? offsets.tableData()
                : tableDataEntries(chosen.tool().path(), copy);
        RestorePlan plan = split && offsets.unchangedBecause() == null ? plan(copy, context.listener()) : null;
        PgRestore pgRestore = new PgRestore(context, files, chosen.tool().path(), copy, database,
                options.keepOwnership());
        if (plan == null || plan.rows().isEmpty()) {
            context.listener().message("Restoring into '" + database + "' with pg_restore, "
                    + Counts.of(jobs, "job"));
            pgRestore.run(null, jobs, new RestoreProgress(context.listener(), tables, 0));
            return;
        }
        context.listener().message("Restoring into '" + database + "': the schema with pg_restore, the rows of "
                + Counts.of(plan.rows().size(), "table") + " over " + Counts.of(jobs, "connection")
                + ", then keys, indexes and the rest with pg_restore, " + Counts.of(jobs, "job"));
        RestoreProgress progress = new RestoreProgress(context.listener(), tables, 0);
        SchemaWaves.restore(plan.schema(), pgRestore, copy, jobs, tablesAtOnce, progress);
        EarlyIndexes indexes = new EarlyIndexes(plan.toc(), plan.schema(), pgRestore, copy, earlyIndexBytes, progress);
        try {
            new TableDataLoader(context, plan.toc(), copy, jobs, indexes::loaded).load(plan.rows(), tables,
                    context.listener());
            pgRestore.run(RestorePlan.list(indexes.rest(plan.rest())), jobs,
                    new RestoreProgress(context.listener(), tables, plan.rows().size()));
            indexes.await();
        } finally {
            indexes.cancel();
        }
    }

    /** The split restore of {@code archive}, or null (said on the listener) where pg_restore restores it whole. */
    private static RestorePlan plan(Path archive, ProgressListener listener) throws IOException {
        ArchiveToc toc = toc(archive, why -> listener.message("The backup is restored by pg_restore alone ("
                + why + ")"));
        return toc == null ? null : RestorePlan.of(toc, Files.size(archive));
    }

    private static ArchiveToc toc(Path archive, Consumer<String> unreadable) throws IOException {
        try (FileChannel channel = FileChannel.open(archive, StandardOpenOption.READ)) {
            return ArchiveToc.read(channel, unreadable);
        }
    }

    /**
     * The working copy's data offsets are found while it is unpacked, in the same pass, and written into its table of
     * contents once it is whole, so each pg_restore job seeks to its table's data instead of reading through the
     * archive pg_dump wrote to a pipe.
     */
    @Override
    public StagedFile stage(InputStream payload, OutputStream file) throws IOException {
        ArchiveOffsets.Pending offsets = ArchiveOffsets.copy(payload, file);
        return offsets::writeInto;
    }

    /**
     * Makes sure each pg_restore job can seek to its table's data: a staged copy has its offsets already (reading its
     * table of contents says so), one copied here gets them now.
     */
    private static ArchiveOffsets.Outcome seekable(Path copy, ProgressListener listener) throws IOException {
        ArchiveOffsets.Outcome outcome = ArchiveOffsets.fill(copy);
        if (outcome.unchangedBecause() != null) {
            listener.message("The backup's table of contents was left as it is (" + outcome.unchangedBecause()
                    + "): each pg_restore job reads through it to find its table's data");
        }
        return outcome;
    }

    /** How many tables the archive loads, for "n of N" while it runs; 0 where the listing fails. */
    private static long tableDataEntries(Path pgRestore, Path archive) {
        try (ToolProcess listing = ToolProcess.start(List.of(pgRestore.toString(), "--list", archive.toString()),
                Map.of(), null, ProgressListener.NONE)) {
            long count;
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(listing.stdout(), StandardCharsets.UTF_8))) {
                count = reader.lines().filter(l -> !l.startsWith(";") && l.contains(" TABLE DATA ")).count();
            }
            return listing.waitFor() == 0 ? count : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    @Override
    public long list(MethodContext context, InputStream in) {
        // Listing reads the archive only; any installed pg_restore new enough for the archive will do.
        Path pgRestore = PostgresTools.find(context, "pg_restore").orElseThrow(() -> new RunbookException(
                ErrorKind.TOOL_MISSING, "PostgreSQL tool 'pg_restore' was not found on this machine"));
        try (ToolProcess listing = ToolProcess.start(List.of(pgRestore.toString(), "--list"), Map.of(), null,
                context.listener())) {
            Thread feeder = new Thread(() -> feed(in, listing), "pg_restore feeder");
            feeder.setDaemon(true);
            feeder.start();
            long entries = 0;
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(listing.stdout(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (!line.isBlank() && !line.startsWith(";")) {
                        entries++;
                    }
                }
            }
            listing.waitForSuccess(ErrorKind.INTEGRITY, "pg_restore cannot read the backup");
            feeder.join();
            return entries;
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.INTEGRITY, "pg_restore cannot read the backup: " + e.getMessage(),
                    null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunbookException(ErrorKind.INTERRUPTED, "Interrupted while listing the backup");
        }
    }

    private static void feed(InputStream in, ToolProcess listing) {
        // pg_restore --list stops reading once it has the table of contents; the rest is drained by the caller.
        try (OutputStream stdin = listing.stdin()) {
            StreamCopy.copy(in, stdin);
        } catch (IOException | RuntimeException e) {
            // The tool closed its input early; that is how a listing ends.
        }
    }

    @Override
    public DatabaseAdmin admin(MethodContext context) {
        return new PostgresAdmin(context);
    }

    @Override
    public Optional<String> manualLoad() {
        return Optional.of("pg_restore --exit-on-error -d TARGET_DATABASE");
    }
}
