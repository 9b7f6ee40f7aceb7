package io.jenkins.plugins.dbrunbooks.cli;

import io.jenkins.plugins.dbrunbooks.engine.audit.AuditChain;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "audit-verify", mixinStandardHelpOptions = true,
        description = "Checks an audit log's hash chain: no line removed, reordered or altered.")
final class AuditVerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The audit log (JSON Lines).")
    Path file;

    @Override
    public Integer call() {
        AuditChain.Result result;
        try {
            result = AuditChain.verify(file);
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.NOT_FOUND, "Audit log '" + file + "' cannot be read: "
                    + e.getClass().getSimpleName(), "Give the auditLog file named in the configuration.", e);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (result.intact()) {
            out.println(result.lines() + " events, chain intact");
            return 0;
        }
        out.println("Line " + result.brokenLine() + " breaks the chain: " + result.problem() + " ("
                + result.lines() + " events intact before it)");
        return ErrorReporter.FAILED;
    }
}
