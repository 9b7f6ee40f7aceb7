package io.jenkins.plugins.dbrunbooks.plugin.security;

import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.security.Permission;
import hudson.security.PermissionGroup;
import hudson.security.PermissionScope;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import java.util.Objects;
import jenkins.model.Jenkins;

/**
 * The permission group "Database Runbooks": Backup, Restore and Maintain, all implied by Administer. They may be
 * granted on Jenkins, on a folder or on a job; builds are checked on their job, so each grant counts where it
 * is given (see {@link RunAuthorization}).
 */
public final class RunbookPermissions {
    private static final PermissionScope[] ANYWHERE = {
        PermissionScope.JENKINS, PermissionScope.ITEM_GROUP, PermissionScope.ITEM
    };

    public static final PermissionGroup GROUP =
            new PermissionGroup(RunbookPermissions.class, Messages._RunbookPermissions_Group());

    public static final Permission BACKUP = new Permission(GROUP, "Backup",
            Messages._RunbookPermissions_Backup(), Jenkins.ADMINISTER, true, ANYWHERE);

    public static final Permission RESTORE = new Permission(GROUP, "Restore",
            Messages._RunbookPermissions_Restore(), Jenkins.ADMINISTER, true, ANYWHERE);

    public static final Permission MAINTAIN = new Permission(GROUP, "Maintain",
            Messages._RunbookPermissions_Maintain(), Jenkins.ADMINISTER, true, ANYWHERE);

    private RunbookPermissions() {
    }

    /**
     * Creates the group and its permissions before Jenkins reads its configuration, where an authorization
     * strategy (matrix-auth, Configuration as Code's {@code Database Runbooks/Backup:alice}) looks them up by name;
     * otherwise they would exist only once some code of this plugin happened to load this class. Calling this
     * method initializes the class, which is all it takes; the hash keeps a compiler from seeing nothing to do.
     */
    @Initializer(before = InitMilestone.SYSTEM_CONFIG_LOADED)
    public static void register() {
        Objects.hash(GROUP, BACKUP, RESTORE, MAINTAIN);
    }
}
