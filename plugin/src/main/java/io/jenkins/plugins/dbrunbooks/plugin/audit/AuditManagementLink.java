package io.jenkins.plugins.dbrunbooks.plugin.audit;

import hudson.Extension;
import hudson.model.ManagementLink;
import hudson.security.Permission;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import io.jenkins.plugins.dbrunbooks.plugin.security.RunbookPermissions;
import java.util.List;
import jenkins.model.Jenkins;

/**
 * Manage Jenkins > Database runbook audit: the newest events across Jenkins. A viewer sees the events of the
 * operations their own permissions cover: backups with Backup, restores with Restore, maintenance with Maintain.
 */
@Extension
public class AuditManagementLink extends ManagementLink {
    static final int SHOWN = 200;

    @Override
    public String getIconFileName() {
        return "symbol-document-text-outline plugin-ionicons-api";
    }

    @Override
    public String getDisplayName() {
        return Messages.AuditManagementLink_DisplayName();
    }

    @Override
    public String getDescription() {
        return Messages.AuditManagementLink_Description();
    }

    @Override
    public String getUrlName() {
        return "database-runbook-audit";
    }

    @Override
    public Permission getRequiredPermission() {
        return Jenkins.READ;
    }

    @Override
    public Category getCategory() {
        return Category.SECURITY;
    }

    /** The events the current user may see, newest first. */
    public List<AuditRecord> getRecords() {
        Jenkins jenkins = Jenkins.get();
        return AuditTrail.get().recent(SHOWN).stream()
                .filter(e -> jenkins.hasPermission(permissionToSee(e)))
                .map(AuditRecord::new).toList();
    }

    static Permission permissionToSee(AuditEvent event) {
        String operation = event.operation() == null ? "" : event.operation();
        if (operation.startsWith("maintenance")) {
            return RunbookPermissions.MAINTAIN;
        }
        if (operation.equals("restore")) {
            return RunbookPermissions.RESTORE;
        }
        return RunbookPermissions.BACKUP;
    }
}
