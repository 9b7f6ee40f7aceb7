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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "copy", mixinStandardHelpOptions = true,
        description = {"Restores a backup into a new scratch database beside a configured one, runs a command with"
                + " it, and drops it afterwards, whatever happened.",
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

    @Parameters(arity = "1..*", paramLabel = "COMMAND",
            description = "The command to run with the copy, and its arguments (after --).")
    List<String> command;

    @Override
    public Integer call() {
        ScratchCopyRequest request = ScratchCopyRequest.of(target.environment, target.database, null)
                .withBackup(source.backup).from(source.fromEnvironment, source.fromDatabase)
                .confirmedFor(source.confirm).withIdentity(source.ageIdentity());
        ScratchCopyOperation operation = new ScratchCopyOperation(
                main.context(database -> EnumSet.of(Logins.scratchCopy())));
        return operation.with(request, (copy, login) -> {
            main.progress().endLine();
            main.progress().message("Scratch database '" + copy.name() + "' holds backup " + copy.backupId()
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
