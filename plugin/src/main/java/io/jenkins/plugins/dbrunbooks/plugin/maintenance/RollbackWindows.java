package io.jenkins.plugins.dbrunbooks.plugin.maintenance;

import hudson.AbortException;
import io.jenkins.plugins.dbrunbooks.engine.changes.RollbackWindow;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.operation.Actor;
import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressListener;
import io.jenkins.plugins.dbrunbooks.plugin.config.RunbooksConfiguration;
import java.util.List;

/**
 * The rollback window of each database a maintenance window holds read-only, as the engine words it: open while
 * nothing was written since the database's latest backup. Read on the controller, with the login the locks use,
 * as the locks themselves are applied.
 */
final class RollbackWindows {
    private RollbackWindows() {
    }

    /** One line per read-only database of the window; empty where the window locks none read-only. */
    static List<String> of(String windowId) {
        List<StoredLock> locks = MaintenanceManager.get().readOnlyLocks(windowId);
        if (locks.isEmpty()) {
            return List.of();
        }
        RunbookContext context;
        try {
            context = RunbookContext.of(RunbooksConfiguration.get().toEngine(), (environment, database, role) -> {
                try {
                    return DatabaseLocking.login(environment.name(), database.name());
                } catch (AbortException e) {
                    throw new RunbookException(ErrorKind.CREDENTIALS, e.getMessage());
                }
            }, ProgressListener.NONE, event -> { }, Actor.of(MaintenanceManager.SYSTEM));
        } catch (RunbookException e) {
            return List.of(e.getMessage());
        }
        return locks.stream().map(l -> RollbackWindow.describe(context, l.getEnvironment(), l.getDatabase()))
                .toList();
    }
}
