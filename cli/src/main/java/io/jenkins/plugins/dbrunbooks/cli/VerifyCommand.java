package io.jenkins.plugins.dbrunbooks.cli;

import io.jenkins.plugins.dbrunbooks.engine.artifact.AgeKeys;
import io.jenkins.plugins.dbrunbooks.engine.inventory.BackupRef;
import io.jenkins.plugins.dbrunbooks.engine.verify.CheckResult;
import io.jenkins.plugins.dbrunbooks.engine.verify.VerificationReport;
import io.jenkins.plugins.dbrunbooks.engine.verify.VerifyOperation;
import io.jenkins.plugins.dbrunbooks.engine.verify.VerifyRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Checks a backup in rising levels and prints the highest it reached:",
            "checksum (the stored file), stream (decrypted and decompressed), structure (read in its method's format)."})
final class VerifyCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Option(names = "--backup", paramLabel = "ID", defaultValue = BackupRef.LATEST,
            description = "The backup id, or 'latest' (default).")
    String backup;

    @Option(names = "--identity", paramLabel = "FILE",
            description = "age identity file; without it an encrypted backup gets its checksum checked only.")
    Path identity;

    @Override
    public Integer call() {
        VerifyRequest request = new VerifyRequest(target.environment, target.database, backup,
                identity == null ? null : AgeKeys.readIdentityFile(identity));
        VerificationReport report = new VerifyOperation(main.context()).run(request);
        main.progress().endLine();
        PrintWriter out = spec.commandLine().getOut();
        out.println("Backup " + report.manifest().id() + " of " + target.describe());
        for (CheckResult check : report.checks()) {
            out.printf("%-7s %-10s %s%n", check.outcome(), check.check(), check.detail());
        }
        out.println("Level: " + report.level().id());
        out.println(report.verdict());
        return report.passed() ? 0 : ErrorReporter.FAILED;
    }
}
