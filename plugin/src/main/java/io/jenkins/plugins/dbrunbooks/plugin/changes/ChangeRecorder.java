package io.jenkins.plugins.dbrunbooks.plugin.changes;

import hudson.Extension;
import hudson.ExtensionList;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditLog;
import io.jenkins.plugins.dbrunbooks.engine.audit.change.ConfigChange;
import io.jenkins.plugins.dbrunbooks.engine.audit.change.RunbookReferences;
import io.jenkins.plugins.dbrunbooks.plugin.audit.AuditTrail;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;

/**
 * Records configuration changes in the audit trail, as the user who made them, and remembers the newest change
 * of each job and of the global configuration, so a build can link to the configuration in force when it ran.
 */
@Extension
public class ChangeRecorder {
    private static final Logger LOGGER = Logger.getLogger(ChangeRecorder.class.getName());
    static final String CLASS_PREFIX = "io.jenkins.plugins.dbrunbooks.";
    /** Longer diffs are cut, so one huge generated Jenkinsfile cannot bloat the audit log. */
    static final int MAX_DIFF_CHARS = 256 * 1024;

    private Map<String, String> lastJobChange;
    private String lastGlobalChange;

    public static ChangeRecorder get() {
        return ExtensionList.lookupSingleton(ChangeRecorder.class);
    }

    /** Appends the change as the current user; returns the event's hash, or null if it could not be written. */
    public synchronized String record(ConfigChange change) {
        index();
        ConfigChange bounded = change.diff() != null && change.diff().length() > MAX_DIFF_CHARS
                ? new ConfigChange(change.action(), change.job(), change.previousName(), change.environments(),
                        change.fields(), change.diff().substring(0, MAX_DIFF_CHARS)
                                + "\n... (diff cut at " + MAX_DIFF_CHARS + " characters)\n", change.revision())
                : change;
        String hash = AuditTrail.get().append(AuditEvent.of(Instant.now(), currentUser(), bounded));
        if (hash != null) {
            remember(bounded, hash);
        }
        return hash;
    }

    /** The hash of the newest change of this job, or null if none was recorded. */
    public synchronized String lastJobChange(String fullName) {
        return index().get(fullName);
    }

    /** The hash of the newest change of the global configuration, or null if none was recorded. */
    public synchronized String lastGlobalChange() {
        index();
        return lastGlobalChange;
    }

    /** Whether {@code text} (a config.xml or a Jenkinsfile, masked or not) uses the runbook steps. */
    public static RunbookReferences references(String text) {
        return RunbookReferences.scan(text, stepNames(), CLASS_PREFIX);
    }

    static List<String> stepNames() {
        return ExtensionList.lookup(StepDescriptor.class).stream()
                .filter(d -> d.getClass().getName().startsWith(CLASS_PREFIX))
                .map(StepDescriptor::getFunctionName).toList();
    }

    static String currentUser() {
        return Jenkins.getAuthentication2().getName();
    }

    private Map<String, String> index() {
        if (lastJobChange == null) {
            lastJobChange = new HashMap<>();
            try {
                AuditLog.forEach(AuditTrail.get().file().toPath(), entry -> {
                    if (entry.event().change() != null) {
                        remember(entry.event().change(), entry.hash());
                    }
                });
            } catch (RuntimeException e) {
                LOGGER.log(Level.WARNING, "Cannot read the audit log to find the newest changes", e);
            }
        }
        return lastJobChange;
    }

    private void remember(ConfigChange change, String hash) {
        if (change.job() == null) {
            lastGlobalChange = hash;
            return;
        }
        if (change.previousName() != null && change.action() != ConfigChange.Action.COPIED) {
            lastJobChange.remove(change.previousName());
        }
        if (change.action() == ConfigChange.Action.DELETED) {
            lastJobChange.remove(change.job());
        } else {
            lastJobChange.put(change.job(), hash);
        }
    }
}
