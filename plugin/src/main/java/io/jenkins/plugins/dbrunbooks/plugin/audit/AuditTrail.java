package io.jenkins.plugins.dbrunbooks.plugin.audit;

import hudson.Extension;
import hudson.ExtensionList;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEntry;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditLog;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.io.File;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;

/**
 * The audit trail across Jenkins: every event of every build, every maintenance change and every change to a
 * runbook's configuration, appended to the
 * engine's hash-chained JSON Lines file {@code $JENKINS_HOME/database-runbooks/audit.jsonl}.
 */
@Extension
public class AuditTrail {
    private static final Logger LOGGER = Logger.getLogger(AuditTrail.class.getName());

    public static AuditTrail get() {
        return ExtensionList.lookupSingleton(AuditTrail.class);
    }

    public File file() {
        return new File(new File(Jenkins.get().getRootDir(), "database-runbooks"), "audit.jsonl");
    }

    public void recordAll(List<AuditEvent> events) {
        AuditLog log = new AuditLog(file().toPath());
        for (AuditEvent event : events) {
            try {
                log.record(event);
            } catch (RunbookException e) {
                // The build keeps its own record; losing the global line must not fail the build.
                LOGGER.log(Level.WARNING, "Cannot append to the Database Runbooks audit log", e);
            }
        }
    }

    /**
     * Appends one event and returns the hash that identifies it, or null when it could not be written (logged:
     * the change or operation it records has already happened and must not fail for it).
     */
    public String append(AuditEvent event) {
        try {
            return new AuditLog(file().toPath()).append(event);
        } catch (RunbookException e) {
            LOGGER.log(Level.WARNING, "Cannot append to the Database Runbooks audit log", e);
            return null;
        }
    }

    /** The newest events first, at most {@code max}. */
    public List<AuditEvent> recent(int max) {
        return AuditLog.readRecent(file().toPath(), max);
    }

    /** The newest operations (builds' work and maintenance, not configuration changes) first, at most {@code max}. */
    public List<AuditEvent> recentOperations(int max) {
        return recent(max, e -> e.kind() == AuditEvent.Kind.RUN).stream().map(AuditEntry::event).toList();
    }

    /** The newest entries that pass {@code filter}, newest first, at most {@code max}. */
    public List<AuditEntry> recent(int max, Predicate<AuditEvent> filter) {
        return AuditLog.readRecent(file().toPath(), max, filter);
    }

    /** The entry with this hash, if the log holds one. */
    public Optional<AuditEntry> find(String hash) {
        if (hash == null || !hash.matches("[0-9a-f]{64}")) {
            return Optional.empty();
        }
        AuditEntry[] found = new AuditEntry[1];
        AuditLog.forEach(file().toPath(), entry -> {
            if (hash.equals(entry.hash())) {
                found[0] = entry;
            }
        });
        return Optional.ofNullable(found[0]);
    }
}
