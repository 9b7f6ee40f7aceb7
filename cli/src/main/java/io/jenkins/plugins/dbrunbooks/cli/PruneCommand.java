package io.jenkins.plugins.dbrunbooks.cli;

import io.jenkins.plugins.dbrunbooks.engine.progress.Bytes;
import io.jenkins.plugins.dbrunbooks.engine.retention.PruneOperation;
import io.jenkins.plugins.dbrunbooks.engine.retention.PruneRequest;
import io.jenkins.plugins.dbrunbooks.engine.retention.PruneResult;
import io.jenkins.plugins.dbrunbooks.engine.retention.RetentionOverride;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "prune", mixinStandardHelpOptions = true,
        description = {"Deletes the backups the retention no longer keeps.",
            "The newest backup whose checksum verifies is always kept; safety backups are counted apart",
            "(keepSafetyBackups). Fails, deleting nothing, when backups exist and none verifies;",
            "manifests that cannot be read are reported and never deleted."})
final class PruneCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Option(names = "--dry-run", description = "Show what would be deleted; delete nothing.")
    boolean dryRun;

    @Option(names = "--keep-last", paramLabel = "N",
            description = "Keep the last N backups (overrides the environment's keepLast; 0: no limit).")
    Integer keepLast;

    @Option(names = "--max-age-days", paramLabel = "N",
            description = "Keep backups newer than N days (overrides the environment's maxAgeDays; 0: no limit).")
    Integer maxAgeDays;

    @Override
    public Integer call() {
        RetentionOverride override = new RetentionOverride(keepLast, maxAgeDays);
        PruneResult result = new PruneOperation(main.context())
                .run(new PruneRequest(target.environment, target.database, override, dryRun));
        main.progress().endLine();
        PrintWriter out = spec.commandLine().getOut();
        String verb = dryRun ? "Would delete" : "Deleted";
        out.println(verb + " " + result.deleted().size() + " backup(s) of " + target.describe() + ", "
                + Bytes.human(result.bytesFreed()) + (dryRun ? " (dry run)" : ""));
        result.deleted().forEach(id -> out.println("  " + (dryRun ? "would delete " : "deleted ") + id));
        result.kept().forEach(id -> out.println("  kept " + id + (id.equals(result.protectedId())
                ? " (newest verified, always kept)" : "")));
        result.unreadable().forEach(u -> out.println("  left alone " + u.id() + " (unreadable: " + u.reason() + ")"));
        return 0;
    }
}
