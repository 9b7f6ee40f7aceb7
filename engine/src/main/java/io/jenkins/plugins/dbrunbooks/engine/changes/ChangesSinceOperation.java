package io.jenkins.plugins.dbrunbooks.engine.changes;

import io.jenkins.plugins.dbrunbooks.engine.config.DatabaseTarget;
import io.jenkins.plugins.dbrunbooks.engine.config.Environment;
import io.jenkins.plugins.dbrunbooks.engine.inventory.BackupRef;
import io.jenkins.plugins.dbrunbooks.engine.operation.Logins;
import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import io.jenkins.plugins.dbrunbooks.engine.store.StoredBackup;

/**
 * Reports what was written to a configured database since one of its backups: its manifest from the store, the
 * database's position now, read with the backup login. Nothing is changed, so nothing is audited.
 */
public final class ChangesSinceOperation {
    private final RunbookContext context;

    public ChangesSinceOperation(RunbookContext context) {
        this.context = context;
    }

    public ChangesSince run(ChangesSinceRequest request) {
        Environment environment = context.config().environment(request.environment());
        DatabaseTarget database = environment.database(request.database());
        StoredBackup backup = BackupRef.resolve(context.store(environment), environment.name(), database.name(),
                request.backup());
        ChangesSince changes = ChangesReader.read(backup.manifest(), database.jdbcUrl(),
                context.credentials().resolve(environment, database, Logins.changesSince()), database.timeouts());
        changes.describe().forEach(context.listener()::message);
        return changes;
    }
}
