package io.jenkins.plugins.dbrunbooks.cli;

import io.jenkins.plugins.dbrunbooks.engine.operation.Logins;
import io.jenkins.plugins.dbrunbooks.engine.progress.Bytes;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreOperation;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreRequest;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restores a backup into a configured database, or into a new database beside it.")
final class RestoreCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Mixin
    BackupSourceOptions source;

    @Option(names = "--target-database", paramLabel = "NAME",
            description = "Restore into a new database of this name on the target's server instead of replacing it.")
    String targetDatabase;

    @Option(names = "--no-safety-backup",
            description = "Do not back up the target before replacing it in place.")
    boolean noSafetyBackup;

    @Option(names = "--force",
            description = "End the target's sessions even when one is a Database Runbooks run, such as its backup.")
    boolean force;

    @Option(names = "--accept-loss", paramLabel = "ID",
            description = {"Id of the backup being restored over its own database in a protected environment:",
                "accepts losing what was written since it."})
    String acceptLoss;

    @Override
    public Integer call() {
        RestoreRequest request = new RestoreRequest(target.environment, target.database, source.backup,
                source.fromEnvironment, source.fromDatabase, targetDatabase, source.confirm, source.ageIdentity(),
                !noSafetyBackup, force, acceptLoss);
        RestoreResult result = new RestoreOperation(main.context(Logins.only(target.environment, target.database,
                database -> Logins.restore(database, request.intoNewDatabase(), request.safetyBackup())))).run(request);
        main.progress().endLine();
        spec.commandLine().getOut().println("Restored " + result.backupId() + " (" + Bytes.human(result.bytes())
                + ") from " + result.sourceEnvironment() + "/" + result.sourceDatabase() + " into database '"
                + result.targetDatabase() + "' of " + result.targetEnvironment()
                + (result.safetyBackupId() == null ? "" : "; safety backup " + result.safetyBackupId()));
        if (result.rollback() != null) {
            spec.commandLine().getOut().println("Rolled back: " + result.rollback().summary());
        }
        for (String note : result.leftOut()) {
            spec.commandLine().getOut().println("Left out or changed: " + note);
        }
        return 0;
    }
}
