package io.jenkins.plugins.dbrunbooks.plugin.audit;

import hudson.Extension;
import hudson.ExtensionList;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditLog;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.io.File;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;

/**
 * The audit trail across Jenkins: every event of every build and every maintenance change, appended to the
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

    /** The newest events first, at most {@code max}. */
    public List<AuditEvent> recent(int max) {
        return AuditLog.readRecent(file().toPath(), max);
    }
}
