package io.jenkins.plugins.dbrunbooks.cli;

import io.jenkins.plugins.dbrunbooks.engine.audit.AuditLog;
import io.jenkins.plugins.dbrunbooks.engine.operation.Actor;
import io.jenkins.plugins.dbrunbooks.engine.operation.Logins;
import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import io.jenkins.plugins.dbrunbooks.engine.process.ToolLocator;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Command(name = "dbrunbooks", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Backs up, verifies and restores databases as configured in a YAML file.")
public final class Main implements Runnable {
    static final String CONFIG_VARIABLE = "DBRUNBOOKS_CONFIG";

    /** The commands, in the order help lists them. */
    private static final List<Class<?>> COMMANDS = List.of(BackupCommand.class, RestoreCommand.class,
            CopyCommand.class, VerifyCommand.class, ListCommand.class, PruneCommand.class, InspectCommand.class,
            ChangesSinceCommand.class, AuditVerifyCommand.class, DrillCommand.class, StatusCommand.class);

    // Inherited, so they work before or after the subcommand's name.
    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Configuration file (default: $" + CONFIG_VARIABLE
                    + ", else dbrunbooks.yaml in the current directory).")
    Path config;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Show stack traces of errors.")
    boolean debug;

    @Spec
    CommandSpec spec;

    private final UnaryOperator<String> environmentVariables;
    private final TerminalProgress progress;
    private final boolean console;

    Main(UnaryOperator<String> environmentVariables, TerminalProgress progress, boolean console) {
        this.environmentVariables = environmentVariables;
        this.progress = progress;
        this.console = console;
    }

    public static void main(String[] args) {
        QuietDrivers.apply();
        int status = run(args, System.out, System.err, System.console() != null, System::getenv);
        ArchivedClasses.loadForRecording();
        System.exit(status);
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, false, System::getenv);
    }

    static int run(String[] args, PrintStream out, PrintStream err, boolean console,
            UnaryOperator<String> environmentVariables) {
        PrintWriter outWriter = new PrintWriter(out, true);
        PrintWriter errWriter = new PrintWriter(err, true);
        Main main = new Main(environmentVariables, new TerminalProgress(errWriter, console), console);
        CommandLine commandLine = commandLine(main, args)
                .setOut(outWriter)
                .setErr(errWriter)
                .setExecutionExceptionHandler(new ErrorReporter(main))
                .setParameterExceptionHandler(ErrorReporter::usage);
        try {
            return commandLine.execute(args);
        } finally {
            outWriter.flush();
            errWriter.flush();
        }
    }

    /**
     * The command line for {@code args}, with only the command they name where they name one: building a command's
     * options takes picocli's reflection at every start, about 90 ms of CPU for all of them. Help, a
     * mistyped name and no command at all get every command, for the list and the suggestions. The settings of the
     * command line are set after this, so they reach the commands added here.
     */
    static CommandLine commandLine(Main main, String[] args) {
        CommandLine commandLine = new CommandLine(main);
        String named = commandName(args);
        boolean known = COMMANDS.stream().anyMatch(command -> name(command).equals(named));
        for (Class<?> command : COMMANDS) {
            if (!known || name(command).equals(named)) {
                commandLine.addSubcommand(name(command), command);
            }
        }
        return commandLine;
    }

    private static String name(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }

    /** The first argument that is not one of this command's own options, or null where an option comes first. */
    private static String commandName(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ("--config".equals(arg)) {
                i++;
            } else if (!arg.startsWith("--config=") && !"--debug".equals(arg)) {
                return arg.startsWith("-") ? null : arg;
            }
        }
        return null;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command");
    }

    Path configFile() {
        if (config != null) {
            return config;
        }
        String fromEnvironment = environmentVariables.apply(CONFIG_VARIABLE);
        return fromEnvironment == null || fromEnvironment.isBlank() ? Path.of("dbrunbooks.yaml")
                : Path.of(fromEnvironment);
    }

    CliConfig loadConfig() {
        CliConfig loaded = ConfigLoader.load(configFile(), environmentVariables);
        loaded.warnings().forEach(warning -> progress.message("dbrunbooks: warning: " + warning));
        return loaded;
    }

    /** The engine's context for work that reads backups only, and needs no login. */
    RunbookContext context() {
        return context((environment, database) -> Logins.readBackups());
    }

    /**
     * The engine's context for this run; the configuration is read only by commands that need it. Passwords are
     * read only for the logins the engine's rule gives the operation.
     */
    RunbookContext context(Logins.Rule logins) {
        CliConfig loaded = loadConfig();
        return RunbookContext.of(loaded.runbooks(), Logins.limitedTo(loaded.credentials(), logins),
                loaded.objectStoreLogins(), progress, new AuditLog(loaded.auditLog()), Actor.systemUser())
                .withTools(ToolLocator.fromEnvironment(loaded.toolPaths()))
                .withWorkDir(loaded.workDir());
    }

    TerminalProgress progress() {
        return progress;
    }

    /** Whether this process runs on a terminal, where a command it starts should have the terminal too. */
    boolean console() {
        return console;
    }

    boolean debug() {
        return debug;
    }
}
