package io.jenkins.plugins.dbrunbooks.plugin.status;

import hudson.Extension;
import hudson.model.ManagementLink;
import hudson.security.Permission;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import io.jenkins.plugins.dbrunbooks.plugin.security.RunbookPermissions;

/** Manage Jenkins > Database backup status: a link to the page {@link BackupStatusAction} serves. */
@Extension
public class BackupStatusLink extends ManagementLink {
    @Override
    public String getIconFileName() {
        return "symbol-shield-checkmark-outline plugin-ionicons-api";
    }

    @Override
    public String getDisplayName() {
        return Messages.BackupStatusAction_DisplayName();
    }

    @Override
    public String getDescription() {
        return Messages.BackupStatusLink_Description();
    }

    /** Relative to the root, where the page is. */
    @Override
    public String getUrlName() {
        return BackupStatusAction.URL;
    }

    @Override
    public Permission getRequiredPermission() {
        return RunbookPermissions.BACKUP;
    }

    @Override
    public Category getCategory() {
        return Category.STATUS;
    }
}
