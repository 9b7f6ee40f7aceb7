package io.jenkins.plugins.dbrunbooks.plugin.maintenance;

import hudson.AbortException;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.dialect.DatabaseLocks;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.LockHandle;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.LockKind;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.LockRecord;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.MaintenanceSession;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.MaintenanceWindow;
import io.jenkins.plugins.dbrunbooks.engine.operation.Logins;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import io.jenkins.plugins.dbrunbooks.plugin.config.DatabaseConfig;
import io.jenkins.plugins.dbrunbooks.plugin.config.EnvironmentConfig;
import io.jenkins.plugins.dbrunbooks.plugin.config.RunbooksConfiguration;
import io.jenkins.plugins.dbrunbooks.plugin.credentials.SystemCredentials;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a maintenance window into the engine's maintenance session, on the controller, with each database's
 * restore login, and its handles into stored locks and back. The engine applies and reverts the locks (all or
 * nothing, newest first); this class only finds the databases and logins in the Jenkins configuration.
 */
final class DatabaseLocking {
    private DatabaseLocking() {
    }

    /** Locks every database in the window's scope, or none; the stored locks are in the order applied. */
    static List<StoredLock> apply(MaintenanceWindow window) throws AbortException {
        if (window.databaseLock() == LockKind.NONE) {
            return List.of();
        }
        List<MaintenanceSession.LockableDatabase> targets = new ArrayList<>();
        List<Place> places = new ArrayList<>();
        for (EnvironmentConfig environment : RunbooksConfiguration.get().getEnvironments()) {
            if (window.covers(environment.getName())) {
                for (DatabaseConfig database : environment.getDatabases()) {
                    targets.add(target(environment, database));
                    places.add(new Place(environment.getName(), database.getName()));
                }
            }
        }
        List<LockHandle> handles;
        try {
            handles = MaintenanceSession.of(window.databaseLock(), targets).enable();
        } catch (RunbookException e) {
            throw new AbortException(Messages.MaintenanceManager_NotEnabled(e.getMessage(), e.hint()));
        }
        // All or nothing: one handle per target, in the same order.
        List<StoredLock> stored = new ArrayList<>();
        for (int i = 0; i < handles.size(); i++) {
            stored.add(StoredLock.of(window.id(), places.get(i).environment(), places.get(i).database(),
                    handles.get(i).record()));
        }
        return stored;
    }

    /**
     * Reverts stored locks, given in the order they were applied, the newest first. Returns those that could not
     * be reverted, each with the reason, so they stay listed for another attempt.
     */
    static List<StoredLock> revert(List<StoredLock> locks) {
        Map<StoredLock, LockHandle> handles = new LinkedHashMap<>();
        Map<StoredLock, String> unusable = new HashMap<>();
        for (StoredLock lock : locks) {
            try {
                LockRecord record = lock.toRecord();
                handles.put(lock, LockHandle.of(lock.getEnvironment() + "/" + lock.getDatabase(), record,
                        DatabaseLocks.forUrl(record.jdbcUrl(), login(lock.getEnvironment(), lock.getDatabase()))));
            } catch (IOException | RuntimeException e) {
                unusable.put(lock, e.getMessage());
            }
        }
        try {
            MaintenanceSession.resume(List.copyOf(handles.values())).disable();
        } catch (RuntimeException e) {
            // The session tried every lock; each failure is on its handle.
        }
        // Kept in the order applied, so a later attempt still undoes them newest first.
        List<StoredLock> failed = new ArrayList<>();
        for (StoredLock lock : locks) {
            LockHandle handle = handles.get(lock);
            if (handle == null) {
                failed.add(lock.failed(unusable.get(lock)));
            } else if (!handle.isReverted()) {
                failed.add(lock.failed(handle.failure().getMessage()));
            }
        }
        return failed;
    }

    private static MaintenanceSession.LockableDatabase target(EnvironmentConfig environment, DatabaseConfig database)
            throws AbortException {
        String name = environment.getName() + "/" + database.getName();
        try {
            return new MaintenanceSession.LockableDatabase(name, DatabaseLocks.forUrl(database.getUrl(),
                    login(environment.getName(), database.getName())));
        } catch (RunbookException e) {
            throw new AbortException(Messages.MaintenanceManager_CannotLock(name, e.getMessage(),
                    String.valueOf(e.hint())));
        }
    }

    static DbCredential login(String environmentName, String databaseName) throws AbortException {
        EnvironmentConfig environment = RunbooksConfiguration.get().environment(environmentName);
        DatabaseConfig database = environment == null ? null : environment.database(databaseName);
        if (database == null) {
            throw new AbortException(Messages.RunbookOperations_UnknownDatabase(environmentName, databaseName));
        }
        String id = database.credentialsIdFor(Logins.databaseLock());
        if (id == null) {
            throw new AbortException(Messages.MaintenanceManager_NoRestoreCredential(environmentName + "/"
                    + databaseName));
        }
        return SystemCredentials.login(id);
    }

    /** Where a lock is, as the configuration names it. */
    private record Place(String environment, String database) {
    }
}
