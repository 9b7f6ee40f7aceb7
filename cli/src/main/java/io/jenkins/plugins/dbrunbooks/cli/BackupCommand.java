package io.jenkins.plugins.dbrunbooks.cli;

import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupResult;
import io.jenkins.plugins.dbrunbooks.engine.operation.Logins;
import io.jenkins.plugins.dbrunbooks.engine.operation.UnauditedResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Backs up a database and prints the new backup's id on stdout.",
            "If the audit log cannot be written, the id of the stored backup is still printed and the exit code is 1."})
final class BackupCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Option(names = "--label", paramLabel = "LABEL", description = "A label to find the backup by, such as pre-1.4.")
    String label;

    @Override
    public Integer call() {
        // The request checks the label before the configuration is even read, so a bad one writes nothing.
        BackupRequest request = new BackupRequest(target.environment, target.database, label);
        BackupResult result;
        try {
            result = new BackupOperation(main.context(Logins.only(target.environment, target.database,
                    database -> Logins.backup()))).run(request);
        } catch (UnauditedResult e) {
            // The backup is stored: its id is printed as always, and the run still fails over the audit log.
            if (e.result() instanceof BackupResult stored) {
                main.progress().endLine();
                spec.commandLine().getOut().println(stored.id());
            }
            throw e;
        }
        main.progress().endLine();
        // The id alone: scripts capture it with $(dbrunbooks backup ...).
        spec.commandLine().getOut().println(result.id());
        return 0;
    }
}
