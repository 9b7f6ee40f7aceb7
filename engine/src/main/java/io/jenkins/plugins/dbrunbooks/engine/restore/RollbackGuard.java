package io.jenkins.plugins.dbrunbooks.engine.restore;

import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.changes.ChangesReader;
import io.jenkins.plugins.dbrunbooks.engine.changes.ChangesSince;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseAdmin;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressListener;
import java.util.Optional;

/**
 * A rollback (a backup restored over the very database it came from) throws away everything written since the
 * backup. The loss is measured and reported before anything is touched; in a protected environment, a rollback
 * that would lose writes, or cannot tell, needs the loss accepted by naming the backup.
 */
final class RollbackGuard {
    private RollbackGuard() {
    }

    /** Measures the loss where the request is a rollback of an existing database; empty for any other restore. */
    static Optional<ChangesSince> measure(RestoreRequest request, Manifest backup, DatabaseAdmin admin,
            MethodContext target, ProgressListener listener) {
        if (!isRollback(request) || !admin.exists(admin.currentDatabaseName())) {
            return Optional.empty();
        }
        ChangesSince changes;
        try {
            changes = ChangesReader.read(backup, target.jdbcUrl(), target.credential(), target.timeouts());
        } catch (RunbookException e) {
            changes = ChangesSince.notRead(backup, e.getMessage());
        }
        listener.message("Rolling '" + request.environment() + "/" + request.database() + "' back to backup "
                + backup.id() + " throws away what was written since it:");
        changes.describe().forEach(listener::message);
        return Optional.of(changes);
    }

    /** Refuses a protected rollback that would lose writes, or cannot tell, unless the loss was accepted. */
    static void check(boolean protectedEnvironment, RestoreRequest request, ChangesSince changes) {
        if (!protectedEnvironment || changes.nothingWritten() || changes.backupId().equals(request.acceptLoss())) {
            return;
        }
        String env = request.environment();
        String db = request.database();
        String loss = changes.measured() ? changes.summary() : "What was written since backup " + changes.backupId()
                + " cannot be measured (" + changes.certainty() + ")";
        throw new RunbookException(ErrorKind.CONFIRMATION_REQUIRED, "Restoring backup " + changes.backupId()
                + " over '" + env + "/" + db + "' would throw away what was written since it. " + loss
                + ". Nothing was touched",
                "Rolling forward keeps that data: fix the release with a new migration or version on top of the"
                        + " database as it is, and keep this backup to compare with. To roll back and lose it,"
                        + " accept the loss by naming the backup: --accept-loss " + changes.backupId()
                        + " (in Jenkins: acceptLoss: '" + changes.backupId() + "').");
    }

    private static boolean isRollback(RestoreRequest request) {
        return !request.intoNewDatabase() && request.sourceEnvironment().equals(request.environment())
                && request.sourceDatabase().equals(request.database());
    }
}
