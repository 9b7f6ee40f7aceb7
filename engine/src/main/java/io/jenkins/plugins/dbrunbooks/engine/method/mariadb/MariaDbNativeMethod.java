package io.jenkins.plugins.dbrunbooks.engine.method.mariadb;

import io.jenkins.plugins.dbrunbooks.engine.artifact.ServerPosition;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.MariaDbDumpRows;
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
import io.jenkins.plugins.dbrunbooks.engine.process.ToolVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * MariaDB and MySQL with their own tools: {@code mariadb-dump} in one transaction for a consistent SQL script,
 * loaded back with the {@code mariadb} client.
 */
public final class MariaDbNativeMethod implements DatabaseMethod {
    /**
     * What {@code mariadb-dump} is asked for, after its option file. --tz-utc is the default, named so that an option
     * file cannot turn it off: the fingerprints taken from the dump's rows read TIMESTAMPs in UTC. Binary values are
     * written in hexadecimal: as escaped strings (mariadb-dump's default) the dump is smaller, but a backup of a table
     * of random bytes took more CPU, the escapes being slower to read back for the fingerprints than hexadecimal.
     */
    public static final List<String> DUMP_OPTIONS = List.of("--single-transaction", "--routines", "--triggers",
            "--events", "--hex-blob", "--default-character-set=utf8mb4", "--no-tablespaces", "--tz-utc");

    @Override
    public String engine() {
        return "mariadb";
    }

    @Override
    public String name() {
        return "native";
    }

    @Override
    public boolean serves(String jdbcUrl) {
        return MariaDbUrl.isMariaDbUrl(jdbcUrl);
    }

    @Override
    public String payloadExtension() {
        return ".sql";
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(false, false, false);
    }

    @Override
    public Coverage coverage(MethodContext context) {
        // One connection for every check: each is a query or two, and a connection costs more than most.
        try (Connection c = Jdbc.connect(MariaDbUrl.SCHEME, context.jdbcUrl(), context.credential(),
                context.timeouts())) {
            String database = ServerInfo.of(c, context.jdbcUrl()).database();
            // mariadb-dump would write the trigger, and the restore stop at it; it stops itself at such a view.
            TriggerColumns.require(c, database);
            ViewValidity.require(c, database);
            return FloatColumns.coverage(c, database);
        } catch (SQLException e) {
            throw new RunbookException(ErrorKind.CONNECTION, "Cannot read the triggers, views and column types of"
                    + " MariaDB database: " + e.getMessage(), null, e);
        }
    }

    @Override
    public Optional<String> unavailableReason(MethodContext context) {
        return MariaDbTools.find(context, MariaDbTools.DUMP_TOOLS).isPresent() ? Optional.empty()
                : Optional.of("mariadb-dump (or mysqldump) is not installed");
    }

    @Override
    public BackupReceipt backup(MethodContext context, OutputStream out) {
        Path dumpTool = MariaDbTools.require(context, MariaDbTools.DUMP_TOOLS);
        ToolVersion toolVersion = MariaDbTools.version(dumpTool);
        ServerInfo server = ServerInfo.of(context);
        MariaDbTools.checkCompatible(dumpTool, toolVersion, server.version(), context.listener());
        // mariadb-dump's snapshot cannot be shared: the position is read just before it starts, so writes of that
        // instant count as after the backup, never as in it.
        ServerPosition position = positionBefore(context);
        try (PrivateFiles files = MariaDbTools.privateFiles(context);
                AlignedSnapshot fingerprints = AlignedSnapshot.lock(context)) {
            Path options = MariaDbTools.optionFile(context, files);
            // --defaults-extra-file is only read when it comes first.
            List<String> command = new ArrayList<>(List.of(dumpTool.toString(), "--defaults-extra-file=" + options));
            command.addAll(DUMP_OPTIONS);
            command.addAll(List.of("--", server.database()));
            MariaDbDumpRows rows = fingerprints.fromDump();
            StatementLengths measured = new StatementLengths(out, server.maxAllowedPacket());
            try (ToolProcess dump = ToolProcess.start(command, Map.of(), files.directory(), context.listener())
                    .onNoAnswer(MariaDbTools.NO_ANSWER, MariaDbTools.noAnswer(context))) {
                fingerprints.start();
                dump.stdin().close();
                if (rows == null) {
                    StreamCopy.copy(dump.stdout(), measured);
                } else {
                    try (DumpTee tee = DumpTee.start(measured, rows)) {
                        StreamCopy.copy(dump.stdout(), tee);
                        tee.finish();
                    }
                }
                fingerprints.dumpEnded();
                dump.waitForSuccess(ErrorKind.BACKUP_FAILED, "Backup of '" + server.database() + "' failed");
            }
            measured.requireLoadable(server.database());
            return new BackupReceipt(server.version(), dumpTool.getFileName().toString(), toolVersion.text(),
                    Map.of(), List.of(), position, fingerprints.result());
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.BACKUP_FAILED, "Backup stream broke: " + e.getMessage(), null, e);
        }
    }

    private static ServerPosition positionBefore(MethodContext context) {
        try (Connection c = Jdbc.connect(MariaDbUrl.SCHEME, context.jdbcUrl(), context.credential(),
                context.timeouts())) {
            return new MariaDbPositions().read(c, ServerPosition.MOMENT_BEFORE);
        } catch (SQLException | RuntimeException e) {
            context.listener().message("The server position was not recorded: " + e.getMessage());
            return null;
        }
    }

    @Override
    public void restore(MethodContext context, RestoreSource source, RestoreOptions options) {
        Path client = MariaDbTools.require(context, MariaDbTools.CLIENT_TOOLS);
        String database = MariaDbUrl.parse(context.jdbcUrl()).requireDatabase();
        try (PrivateFiles files = MariaDbTools.privateFiles(context)) {
            Path optionFile = MariaDbTools.optionFile(context, files);
            // The init command runs on the client's connection alone, before the script, and again should it
            // reconnect; the script's own settings, and those each routine and trigger records, stay as written.
            List<String> command = List.of(client.toString(), "--defaults-extra-file=" + optionFile,
                    "--database=" + database, "--binary-mode", "--batch",
                    "--init-command=" + ConstraintChecks.OFF);
            try (ToolProcess load = ToolProcess.start(command, Map.of(), files.directory(), context.listener())
                    .onNoAnswer(MariaDbTools.NO_ANSWER, MariaDbTools.noAnswer(context))) {
                SequenceDefaults script = new SequenceDefaults(source.stream());
                RestoreFeed.run(script, load, "Restore into '" + database + "' failed");
                if (!script.addedIndexes().isEmpty()) {
                    context.listener().message("Foreign keys of the backup without an index InnoDB can use, which"
                            + " MariaDB does not create again, got a plain index on their columns: "
                            + String.join(", ", script.addedIndexes()));
                }
            } catch (RunbookException e) {
                throw definerRefused(e, database, context).orElseThrow(() -> e);
            }
        }
    }

    @Override
    public void checkLoadable(MethodContext context, Supplier<InputStream> payload) {
        ForeignDefiners.require(context, payload);
    }

    /**
     * A view, routine, trigger or event whose DEFINER is another user can only be created with the SET USER
     * privilege (SUPER before MariaDB 10.5.2), which the usual restore grants lack; the server's "Access denied"
     * (error 1227) then says nothing of definers.
     */
    private static Optional<RunbookException> definerRefused(RunbookException e, String database,
            MethodContext context) {
        String text = e.getMessage() == null ? "" : e.getMessage();
        if (!text.contains("ERROR 1227") && !(text.contains("Access denied") && text.contains("SET USER"))) {
            return Optional.empty();
        }
        String login = context.credential().user();
        return Optional.of(new RunbookException(ErrorKind.CREDENTIALS, "Restore into '" + database + "' was refused:"
                + " the backup holds a view, routine, trigger or event whose DEFINER is another user, which the"
                + " restore login '" + login + "' may not create" + System.lineSeparator() + text,
                "Grant the restore login the SET USER privilege (GRANT SET USER ON *.* TO '" + login + "'@'<host>';"
                        + " SUPER before MariaDB 10.5.2), or restore with a login that has it.", e));
    }

    @Override
    public DatabaseAdmin admin(MethodContext context) {
        return new MariaDbAdmin(context);
    }

    @Override
    public Optional<String> manualLoad() {
        // As the restore runs it: rows that break their table's checks load.
        return Optional.of("mariadb --init-command='" + ConstraintChecks.OFF + "' TARGET_DATABASE");
    }
}
