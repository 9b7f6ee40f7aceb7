package io.jenkins.plugins.dbrunbooks.plugin.maintenance;

import hudson.AbortException;
import io.jenkins.plugins.dbrunbooks.engine.config.Role;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.dialect.DatabaseLocks;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.DatabaseLock;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.LockKind;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.LockRecord;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.MaintenanceWindow;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import io.jenkins.plugins.dbrunbooks.plugin.config.DatabaseConfig;
import io.jenkins.plugins.dbrunbooks.plugin.config.EnvironmentConfig;
import io.jenkins.plugins.dbrunbooks.plugin.config.RunbooksConfiguration;
import io.jenkins.plugins.dbrunbooks.plugin.credentials.SystemCredentials;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies and reverts the database locks of maintenance windows, on the controller, with each database's restore
 * login. Applying is all or nothing: when one database cannot be locked, those already locked are unlocked.
 */
final class DatabaseLocking {
    private DatabaseLocking() {
    }

    static List<StoredLock> apply(MaintenanceWindow window) throws AbortException {
        List<StoredLock> applied = new ArrayList<>();
        if (window.databaseLock() == LockKind.NONE) {
            return applied;
        }
        try {
            for (EnvironmentConfig environment : RunbooksConfiguration.get().getEnvironments()) {
                if (!window.environments().isEmpty() && !window.environments().contains(environment.getName())) {
                    continue;
                }
                for (DatabaseConfig database : environment.getDatabases()) {
                    LockRecord lock = apply(window.databaseLock(), environment, database);
                    applied.add(StoredLock.of(window.id(), environment.getName(), database.getName(), lock));
                }
            }
            return applied;
        } catch (AbortException | RuntimeException e) {
            for (StoredLock lock : applied) {
                try {
                    revert(lock);
                } catch (IOException | RuntimeException undo) {
                    e.addSuppressed(undo);
                }
            }
            throw e;
        }
    }

    private static LockRecord apply(LockKind kind, EnvironmentConfig environment, DatabaseConfig database)
            throws AbortException {
        try {
            DatabaseLock lock = DatabaseLocks.forUrl(database.getUrl(), login(environment, database));
            if (!lock.supports(kind)) {
                throw new AbortException(Messages.MaintenanceManager_CannotLock(environment.getName() + "/"
                        + database.getName(), lock.engine() + " cannot apply " + MaintenanceRequest.lockId(kind)
                        + ".", "Choose another database lock, or none."));
            }
            return lock.apply(kind);
        } catch (RunbookException e) {
            throw new AbortException(Messages.MaintenanceManager_CannotLock(environment.getName() + "/"
                    + database.getName(), e.getMessage(), String.valueOf(e.hint())));
        }
    }

    static void revert(StoredLock lock) throws IOException {
        EnvironmentConfig environment = RunbooksConfiguration.get().environment(lock.getEnvironment());
        DatabaseConfig database = environment == null ? null : environment.database(lock.getDatabase());
        if (database == null) {
            throw new AbortException(Messages.RunbookOperations_UnknownDatabase(lock.getEnvironment(),
                    lock.getDatabase()));
        }
        try {
            DatabaseLocks.revert(lock.toRecord(), login(environment, database));
        } catch (RunbookException e) {
            throw new AbortException(e.getMessage());
        }
    }

    private static DbCredential login(EnvironmentConfig environment, DatabaseConfig database)
            throws AbortException {
        String id = database.credentialsIdFor(Role.RESTORE);
        if (id == null) {
            throw new AbortException(Messages.MaintenanceManager_NoRestoreCredential(environment.getName() + "/"
                    + database.getName()));
        }
        return SystemCredentials.login(id);
    }
}
