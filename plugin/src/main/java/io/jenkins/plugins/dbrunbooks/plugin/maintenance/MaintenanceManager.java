package io.jenkins.plugins.dbrunbooks.plugin.maintenance;

import hudson.AbortException;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.XmlFile;
import hudson.model.Saveable;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.LockKind;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.MaintenancePolicy;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.MaintenanceState;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.MaintenanceWindow;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.Requester;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import io.jenkins.plugins.dbrunbooks.plugin.audit.AuditTrail;
import io.jenkins.plugins.dbrunbooks.plugin.config.RunbooksConfiguration;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;

/**
 * The maintenance state of this Jenkins: its windows and the database locks applied for them, kept in
 * {@code $JENKINS_HOME/io.jenkins.plugins.dbrunbooks.plugin.maintenance.MaintenanceManager.xml} so that maintenance
 * survives a restart. Every change is audited and wakes the queue, so that held builds start as soon as they may.
 * A lock that cannot be reverted is kept and reported until a retry succeeds.
 */
@Extension
public class MaintenanceManager implements Saveable {
    private static final Logger LOGGER = Logger.getLogger(MaintenanceManager.class.getName());
    static final String SYSTEM = "SYSTEM";

    private List<StoredWindow> windows = new ArrayList<>();
    private List<StoredLock> locks = new ArrayList<>();
    private List<StoredLock> unreverted = new ArrayList<>();
    private transient volatile MaintenanceState state = MaintenanceState.off();

    public MaintenanceManager() {
        load();
    }

    public static MaintenanceManager get() {
        return ExtensionList.lookupSingleton(MaintenanceManager.class);
    }

    /**
     * Turns maintenance on and locks the databases in its scope.
     *
     * @param environments the environments in maintenance; empty for all of Jenkins
     * @param minutes after how long the window ends by itself, or null to keep it until it is disabled
     * @throws AbortException for a missing reason, an unknown environment, a bad duration or a database that could
     *     not be locked; nothing has changed then
     */
    public MaintenanceWindow enable(String reason, Collection<String> environments, Integer minutes,
            LockKind databaseLock, String user) throws IOException {
        String why = Util.fixEmptyAndTrim(reason);
        if (why == null) {
            throw new AbortException(Messages.MaintenanceManager_ReasonRequired());
        }
        if (minutes != null && minutes <= 0) {
            throw new AbortException(Messages.MaintenanceManager_BadMinutes(minutes));
        }
        Instant now = Instant.now();
        MaintenanceWindow window;
        try {
            window = MaintenanceWindow.of(why, user, now, minutes == null ? null : now.plus(Duration.ofMinutes(
                    minutes)), scope(environments), databaseLock);
        } catch (RunbookException e) {
            throw new AbortException(e.getMessage() + (e.hint() == null ? "" : ". " + e.hint()));
        }
        List<StoredLock> applied = DatabaseLocking.apply(window);
        synchronized (this) {
            state = state.enable(window);
            windows.add(StoredWindow.of(window));
            locks.addAll(applied);
            save();
        }
        audit("maintenance-enable", user, window, AuditEvent.Outcome.SUCCESS, window.reason());
        Jenkins.get().getQueue().scheduleMaintenance();
        return window;
    }

    /** Ends one window and reverts its locks; other windows stay. Returns false when there is no such window. */
    public boolean disable(String windowId, String user) throws IOException {
        return end(windowId, user, "maintenance-disable");
    }

    /** Ends every window whose end time has passed. */
    public void expire(Instant now) throws IOException {
        for (MaintenanceWindow window : state.expired(now)) {
            end(window.id(), SYSTEM, "maintenance-expire");
        }
    }

    /** The read-only locks a window holds, in the order applied. */
    public synchronized List<StoredLock> readOnlyLocks(String windowId) {
        return locks.stream().filter(l -> l.windowId().equals(windowId) && l.readOnly()).toList();
    }

    /** The windows in force now, oldest first. */
    public List<MaintenanceWindow> status() {
        return state.active(Instant.now());
    }

    public MaintenanceState state() {
        return state;
    }

    public boolean isOn() {
        return state.isOn(Instant.now());
    }

    /** Whether a window for all of Jenkins is in force. */
    public boolean isGlobal() {
        return state.isGlobal(Instant.now());
    }

    public MaintenancePolicy.Decision forBuild(Requester requester) {
        return MaintenancePolicy.forBuild(state, Instant.now(), requester);
    }

    public MaintenancePolicy.Decision forStep(String environment, Requester requester) {
        return MaintenancePolicy.forStep(state, Instant.now(), environment, requester);
    }

    /** Locks whose revert failed, with the reason; an administrative monitor lists them. */
    public synchronized List<StoredLock> getUnrevertedLocks() {
        return List.copyOf(unreverted);
    }

    /** Tries again to revert the locks that could not be reverted; those that still fail stay listed. */
    public void retryReverts() throws IOException {
        List<StoredLock> retry;
        synchronized (this) {
            retry = List.copyOf(unreverted);
            unreverted.clear();
        }
        List<StoredLock> failed = revertAll(retry);
        synchronized (this) {
            unreverted.addAll(failed);
            save();
        }
    }

    private boolean end(String windowId, String user, String operation) throws IOException {
        MaintenanceWindow window;
        List<StoredLock> toRevert = new ArrayList<>();
        synchronized (this) {
            window = windows.stream().filter(w -> w.id().equals(windowId)).map(StoredWindow::toWindow)
                    .findFirst().orElse(null);
            if (window == null) {
                return false;
            }
            state = state.disable(windowId);
            windows.removeIf(w -> w.id().equals(windowId));
            // In the order applied: the engine undoes them newest first.
            locks.removeIf(l -> l.windowId().equals(windowId) && toRevert.add(l));
            save();
        }
        List<StoredLock> failed = revertAll(toRevert);
        if (!failed.isEmpty()) {
            synchronized (this) {
                unreverted.addAll(failed);
                save();
            }
        }
        audit(operation, user, window, failed.isEmpty() ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.FAILURE,
                failed.isEmpty() ? window.reason() : Messages.MaintenanceManager_NotReverted(window.reason(),
                        failed.size()));
        Jenkins.get().getQueue().scheduleMaintenance();
        return true;
    }

    private static List<StoredLock> revertAll(List<StoredLock> locks) {
        List<StoredLock> failed = DatabaseLocking.revert(locks);
        for (StoredLock lock : failed) {
            LOGGER.log(Level.WARNING, "Cannot revert the maintenance lock of database {0}/{1}: {2}",
                    new Object[] {lock.getEnvironment(), lock.getDatabase(), lock.getError()});
        }
        return failed;
    }

    private static Set<String> scope(Collection<String> environments) throws AbortException {
        Set<String> names = new LinkedHashSet<>();
        if (environments != null) {
            for (String name : environments) {
                String trimmed = Util.fixEmptyAndTrim(name);
                if (trimmed == null) {
                    continue;
                }
                if (RunbooksConfiguration.get().environment(trimmed) == null) {
                    throw new AbortException(Messages.RunbookOperations_UnknownEnvironment(trimmed));
                }
                names.add(trimmed);
            }
        }
        return names;
    }

    private static void audit(String operation, String user, MaintenanceWindow window, AuditEvent.Outcome outcome,
            String message) {
        String scope = window.environments().isEmpty() ? "*" : String.join(",", window.environments());
        AuditTrail.get().recordAll(List.of(new AuditEvent(Instant.now(), user, null, operation, scope, null, null,
                null, outcome, 0, 0, message)));
    }

    private XmlFile file() {
        return new XmlFile(new File(Jenkins.get().getRootDir(), MaintenanceManager.class.getName() + ".xml"));
    }

    private synchronized void load() {
        XmlFile file = file();
        if (file.exists()) {
            try {
                file.unmarshal(this);
            } catch (IOException e) {
                // Starting without maintenance would let every build through silently: say so loudly.
                LOGGER.log(Level.SEVERE, "Cannot read the database maintenance state from " + file, e);
            }
        }
        windows = windows == null ? new ArrayList<>() : new ArrayList<>(windows);
        locks = locks == null ? new ArrayList<>() : new ArrayList<>(locks);
        unreverted = unreverted == null ? new ArrayList<>() : new ArrayList<>(unreverted);
        state = MaintenanceState.of(windows.stream().map(StoredWindow::toWindow).toList());
    }

    @Override
    public synchronized void save() throws IOException {
        file().write(this);
    }
}
