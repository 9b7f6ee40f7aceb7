package io.jenkins.plugins.dbrunbooks.plugin.security;

import hudson.security.Permission;
import hudson.security.PermissionGroup;
import hudson.security.PermissionScope;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import jenkins.model.Jenkins;

/** The permission group "Database Runbooks": Backup, Restore and Maintain, all implied by Administer. */
public final class RunbookPermissions {
    public static final PermissionGroup GROUP =
            new PermissionGroup(RunbookPermissions.class, Messages._RunbookPermissions_Group());

    public static final Permission BACKUP = new Permission(GROUP, "Backup",
            Messages._RunbookPermissions_Backup(), Jenkins.ADMINISTER, PermissionScope.JENKINS);

    public static final Permission RESTORE = new Permission(GROUP, "Restore",
            Messages._RunbookPermissions_Restore(), Jenkins.ADMINISTER, PermissionScope.JENKINS);

    public static final Permission MAINTAIN = new Permission(GROUP, "Maintain",
            Messages._RunbookPermissions_Maintain(), Jenkins.ADMINISTER, PermissionScope.JENKINS);

    private RunbookPermissions() {
    }
}
