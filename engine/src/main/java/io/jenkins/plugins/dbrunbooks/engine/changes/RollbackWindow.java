package io.jenkins.plugins.dbrunbooks.engine.changes;

import io.jenkins.plugins.dbrunbooks.engine.config.DatabaseTarget;
import io.jenkins.plugins.dbrunbooks.engine.config.Environment;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.inventory.BackupRef;
import io.jenkins.plugins.dbrunbooks.engine.operation.Logins;
import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import io.jenkins.plugins.dbrunbooks.engine.store.StoredBackup;

/**
 * Whether a database can still be rolled back to its latest backup without losing anything: while maintenance
 * holds it read-only, nothing is written, and the window stays open. Read with the login maintenance locks with.
 */
public final class RollbackWindow {
    private RollbackWindow() {
    }

    /** One line naming the database, such as {@code prod/orders: rollback window open: no writes since backup X}. */
    public static String describe(RunbookContext context, String environment, String database) {
        String name = environment + "/" + database;
        try {
            Environment env = context.config().environment(environment);
            DatabaseTarget target = env.database(database);
            StoredBackup backup = BackupRef.resolve(context.store(env), env.name(), target.name(), BackupRef.LATEST);
            ChangesSince changes = ChangesReader.read(backup.manifest(), target.jdbcUrl(),
                    context.credentials().resolve(env, target, Logins.databaseLock()), target.timeouts());
            return name + ": " + describe(changes);
        } catch (RunbookException e) {
            return name + ": rollback window unknown: " + e.getMessage();
        }
    }

    static String describe(ChangesSince changes) {
        if (changes.nothingWritten()) {
            return "rollback window open: no writes since backup " + changes.backupId() + " ("
                    + ChangesSince.human(changes.since()) + " ago)";
        }
        return (changes.measured() ? "rollback window closing: " : "rollback window unknown: ") + changes.summary();
    }
}
