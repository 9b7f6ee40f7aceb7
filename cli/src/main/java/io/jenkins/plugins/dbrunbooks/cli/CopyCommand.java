package io.jenkins.plugins.dbrunbooks.cli;

import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.credentials.SecretValue;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.operation.Logins;
import io.jenkins.plugins.dbrunbooks.engine.scratch.ScratchCopy;
import io.jenkins.plugins.dbrunbooks.engine.scratch.ScratchCopyOperation;
import io.jenkins.plugins.dbrunbooks.engine.scratch.ScratchCopyRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.Charset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "copy", mixinStandardHelpOptions = true,
        description = {"Restores a backup (or, with --from-live, copies the live database) into a new scratch"
                + " database beside a configured one, runs a command with it, and drops it afterwards, whatever"
                + " happened; or, with --target-database and no command, makes a new database that stays.",
            "The command gets DB_URL (a JDBC URL), DB_USER and DB_PASSWORD in its environment; its exit status is"
                    + " this command's."})
final class CopyCommand implements Callable<Integer> {
    static final String URL_VARIABLE = "DB_URL";
    static final String USER_VARIABLE = "DB_USER";
    static final String PASSWORD_VARIABLE = "DB_PASSWORD";

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Mixin
    BackupSourceOptions source;

    @Option(names = "--from-live",
            description = {"Copy the source database as it is now, read with its backup login and streamed into the"
                    + " new database with the jdbc method, instead of restoring a backup of it."})
    boolean fromLive;

    @Option(names = "--target-database", paramLabel = "NAME",
            description = {"Make a new database of this name on the target's server and keep it, instead of a"
                    + " scratch database for a command."})
    String targetDatabase;

    @Parameters(arity = "0..*", paramLabel = "COMMAND",
            description = "The command to run with the copy, and its arguments (after --); none with"
                    + " --target-database.")
    List<String> command;

    @Override
    public Integer call() {
        checkOptions();
        ScratchCopyRequest request = ScratchCopyRequest.of(target.environment, target.database, null)
                .withBackup(source.backup).from(source.fromEnvironment, source.fromDatabase)
                .confirmedFor(source.confirm).withIdentity(fromLive ? null : source.ageIdentity())
                .fromLive(fromLive);
        if (targetDatabase != null) {
            request = request.named(targetDatabase);
        }
        ScratchCopyOperation operation = new ScratchCopyOperation(main.context(fromLive
                ? Logins.liveCopy(request.sourceEnvironment(), request.sourceDatabase(), target.environment,
                        target.database)
                : Logins.only(target.environment, target.database, database -> EnumSet.of(Logins.scratchCopy()))));
        if (targetDatabase != null) {
            ScratchCopy copy = operation.keep(request);
            main.progress().endLine();
            spec.commandLine().getOut().println("Copied " + copy.holds() + " into new database '" + copy.name()
                    + "' of " + copy.environment());
            for (String note : copy.restore().leftOut()) {
                spec.commandLine().getOut().println("Left out or changed: " + note);
            }
            return 0;
        }
        return operation.with(request, (copy, login) -> {
            main.progress().endLine();
            main.progress().message("Scratch database '" + copy.name() + "' holds " + copy.holds()
                    + "; running " + command.get(0));
            // Ctrl-C ends this process too: the copy must not outlive it.
            Thread dropOnExit = new Thread(() -> operation.undo(copy).revert(), "drop " + copy.name());
            Runtime.getRuntime().addShutdownHook(dropOnExit);
            try {
                return run(copy, login);
            } finally {
                Runtime.getRuntime().removeShutdownHook(dropOnExit);
            }
        });
    }

    /** Options that contradict each other are refused before anything is read or touched. */
    private void checkOptions() {
        boolean hasCommand = command != null && !command.isEmpty();
        if (targetDatabase == null && !hasCommand) {
            throw new ParameterException(spec.commandLine(), "Missing required parameter: 'COMMAND' (or give"
                    + " --target-database NAME to keep the copy)");
        }
        if (targetDatabase != null && hasCommand) {
            throw new ParameterException(spec.commandLine(), "--target-database makes a database that stays; it"
                    + " takes no COMMAND");
        }
        if (fromLive) {
            ParseResult parsed = spec.commandLine().getParseResult();
            for (String option : List.of("--backup", "--identity")) {
                if (parsed.hasMatchedOption(option)) {
                    throw new ParameterException(spec.commandLine(), option + " names a backup; --from-live copies"
                            + " the live database instead");
                }
            }
        }
    }

    private int run(ScratchCopy copy, DbCredential login) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT);
        Map<String, String> environment = builder.environment();
        environment.put(URL_VARIABLE, copy.jdbcUrl());
        login.userName().ifPresent(user -> environment.put(USER_VARIABLE, user));
        login.password().map(SecretValue::reveal).ifPresent(password -> environment.put(PASSWORD_VARIABLE,
                password));
        if (main.console()) {
            builder.inheritIO();
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.USAGE, "Cannot run '" + command.get(0) + "': " + e.getMessage(),
                    "Give a command on this machine's PATH, or its full path, after --.", e);
        }
        try {
            if (!main.console()) {
                // Through our own writers, so whoever captures this command's output gets the command's too.
                Thread errors = pump(process.getErrorStream(), spec.commandLine().getErr());
                pump(process.getInputStream(), spec.commandLine().getOut()).join();
                errors.join();
            }
            return process.waitFor();
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new RunbookException(ErrorKind.INTERRUPTED, "Interrupted while '" + command.get(0) + "' ran"
                    + " with scratch database '" + copy.name() + "'", null, e);
        }
    }

    private static Thread pump(InputStream from, PrintWriter to) {
        Thread pump = new Thread(() -> {
            try (Reader in = new InputStreamReader(from, Charset.defaultCharset())) {
                char[] buffer = new char[8192];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
            } catch (IOException e) {
                // The command closed its output; what it wrote so far was passed on.
            }
        }, "copy output");
        pump.start();
        return pump;
    }
}
