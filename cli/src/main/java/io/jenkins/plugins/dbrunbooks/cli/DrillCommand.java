package io.jenkins.plugins.dbrunbooks.cli;

import io.jenkins.plugins.dbrunbooks.engine.artifact.AgeKeys;
import io.jenkins.plugins.dbrunbooks.engine.drill.DrillOperation;
import io.jenkins.plugins.dbrunbooks.engine.drill.DrillRecord;
import io.jenkins.plugins.dbrunbooks.engine.drill.DrillRequest;
import io.jenkins.plugins.dbrunbooks.engine.inventory.BackupRef;
import io.jenkins.plugins.dbrunbooks.engine.operation.Logins;
import io.jenkins.plugins.dbrunbooks.engine.verify.CheckResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "drill", mixinStandardHelpOptions = true,
        description = {"Proves a backup: restores it into a scratch database on the drill target, compares every",
            "table's row count and checksum with those the backup recorded, and drops the copy. The result is kept",
            "beside the backup and in the audit log. Exits 1 when the drill fails."})
final class DrillCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Option(names = "--backup", paramLabel = "ID", defaultValue = BackupRef.LATEST,
            description = "The backup id, or 'latest' (default): the newest that is not a safety backup.")
    String backup;

    @Option(names = "--identity", paramLabel = "FILE",
            description = "age identity file that decrypts an encrypted backup; the drill proves it still does.")
    Path identity;

    @Option(names = "--confirm", paramLabel = "ENV",
            description = "Name the drill target's environment when it is protected.")
    String confirm;

    @Override
    public Integer call() {
        DrillRequest request = new DrillRequest(target.environment, target.database, backup,
                identity == null ? null : AgeKeys.readIdentityFile(identity), confirm);
        DrillRecord record = new DrillOperation(main.context((environment, database) -> Logins.drill())).run(request);
        main.progress().endLine();
        PrintWriter out = spec.commandLine().getOut();
        out.println("Drill of backup " + record.backupId() + " of " + target.describe() + " on '" + record.target()
                + "'");
        for (CheckResult check : record.checks()) {
            out.printf("%-7s %-24s %s%n", check.outcome(), check.check(), check.detail());
        }
        if (!record.keyFingerprints().isEmpty()) {
            out.println("Decrypted with key " + String.join(", ", record.keyFingerprints()));
        }
        out.println(record.message());
        return record.passed() ? 0 : ErrorReporter.FAILED;
    }
}
