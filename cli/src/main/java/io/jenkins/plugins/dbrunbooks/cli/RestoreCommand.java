package io.jenkins.plugins.dbrunbooks.cli;

import io.jenkins.plugins.dbrunbooks.engine.artifact.AgeKeys;
import io.jenkins.plugins.dbrunbooks.engine.inventory.BackupRef;
import io.jenkins.plugins.dbrunbooks.engine.operation.Logins;
import io.jenkins.plugins.dbrunbooks.engine.progress.Bytes;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreOperation;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreRequest;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreResult;
import java.nio.file.Path;
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

    @Option(names = "--backup", paramLabel = "ID", defaultValue = BackupRef.LATEST,
            description = "The backup id, or 'latest' (default).")
    String backup;

    @Option(names = "--from-environment", paramLabel = "ENV",
            description = "Take the backup from this environment (default: the target's).")
    String fromEnvironment;

    @Option(names = "--from-database", paramLabel = "DB",
            description = "Take the backup of this database (default: the target's).")
    String fromDatabase;

    @Option(names = "--target-database", paramLabel = "NAME",
            description = "Restore into a new database of this name on the target's server instead of replacing it.")
    String targetDatabase;

    @Option(names = "--confirm", paramLabel = "ENV",
            description = "Name of the target environment; required when it is protected.")
    String confirm;

    @Option(names = "--identity", paramLabel = "FILE", description = "age identity file for encrypted backups.")
    Path identity;

    @Option(names = "--no-safety-backup",
            description = "Do not back up the target before replacing it in place.")
    boolean noSafetyBackup;

    @Option(names = "--force",
            description = "End the target's sessions even when one is a Database Runbooks run, such as its backup.")
    boolean force;

    @Override
    public Integer call() {
        RestoreRequest request = new RestoreRequest(target.environment, target.database, backup, fromEnvironment,
                fromDatabase, targetDatabase, confirm, identity == null ? null : AgeKeys.readIdentityFile(identity),
                !noSafetyBackup, force);
        RestoreResult result = new RestoreOperation(main.context(database -> Logins.restore(database,
                request.intoNewDatabase(), request.safetyBackup()))).run(request);
        main.progress().endLine();
        spec.commandLine().getOut().println("Restored " + result.backupId() + " (" + Bytes.human(result.bytes())
                + ") from " + result.sourceEnvironment() + "/" + result.sourceDatabase() + " into database '"
                + result.targetDatabase() + "' of " + result.targetEnvironment()
                + (result.safetyBackupId() == null ? "" : "; safety backup " + result.safetyBackupId()));
        for (String note : result.leftOut()) {
            spec.commandLine().getOut().println("Left out or changed: " + note);
        }
        return 0;
    }
}
