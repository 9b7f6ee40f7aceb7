package io.jenkins.plugins.dbrunbooks.plugin.audit;

import hudson.model.Item;
import hudson.security.Permission;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent;
import io.jenkins.plugins.dbrunbooks.plugin.security.RunbookPermissions;
import jenkins.model.Jenkins;
import org.springframework.security.access.AccessDeniedException;

/**
 * Which audit events the current user may see. Operations follow the permission that runs them (Backup,
 * Restore, Maintain); changes of the global configuration need System Read; changes of a job need Extended Read
 * on it (implied by Configure), or Administer once the job is gone.
 */
final class AuditVisibility {
    private AuditVisibility() {
    }

    static boolean canSee(AuditEvent event) {
        Jenkins jenkins = Jenkins.get();
        if (event.change() == null) {
            return jenkins.hasPermission(permissionToSee(event));
        }
        if (event.change().job() == null) {
            return jenkins.hasPermission(Jenkins.SYSTEM_READ);
        }
        Item item;
        try {
            item = jenkins.getItemByFullName(event.change().job());
        } catch (AccessDeniedException e) {
            return false; // The viewer may discover the job but not read it.
        }
        return item != null ? item.hasPermission(Item.EXTENDED_READ) : jenkins.hasPermission(Jenkins.ADMINISTER);
    }

    static Permission permissionToSee(AuditEvent event) {
        String operation = event.operation() == null ? "" : event.operation();
        if (operation.startsWith("maintenance")) {
            return RunbookPermissions.MAINTAIN;
        }
        if (operation.equals("restore") || operation.startsWith("restore-")) {
            return RunbookPermissions.RESTORE;
        }
        return RunbookPermissions.BACKUP;
    }
}
