package io.jenkins.plugins.dbrunbooks.cli;

import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns failures into one message and a hint on stderr, and an exit code: 2 for what the caller got wrong
 * (options, configuration, names), 1 for an operation that failed. Stack traces only with --debug, since
 * they tell an operator nothing and can be long.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
    static final int FAILED = 1;
    static final int USAGE = 2;

    private final Main main;

    ErrorReporter(Main main) {
        this.main = main;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        main.progress().endLine();
        if (ex instanceof RunbookException e) {
            err.println("dbrunbooks: " + e.describe());
            trace(ex, err);
            return e.kind().exitCode();
        }
        err.println("dbrunbooks: unexpected " + ex.getClass().getSimpleName()
                + (ex.getMessage() == null ? "" : ": " + ex.getMessage()));
        err.println(main.debug() ? "  This is a bug; please report it with the trace below."
                : "  Run again with --debug to see where it happened.");
        trace(ex, err);
        return FAILED;
    }

    private void trace(Exception ex, PrintWriter err) {
        if (main.debug()) {
            ex.printStackTrace(err);
        }
    }

    static int usage(ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println("dbrunbooks: " + ex.getMessage());
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("  Try '" + commandLine.getCommandSpec().qualifiedName() + " --help'.");
        return USAGE;
    }
}
