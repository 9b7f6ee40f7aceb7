package io.jenkins.plugins.dbrunbooks.plugin.status;

import hudson.Extension;
import hudson.model.RootAction;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import io.jenkins.plugins.dbrunbooks.plugin.security.RunbookPermissions;
import java.util.List;
import jenkins.model.Jenkins;

/**
 * The page "Database backup status" ({@code /database-backup-status}): every environment and database with its
 * newest backup and drill against its recovery targets. In the side panel for those with Overall/Read and the
 * plugin's Backup permission; Manage Jenkins links to it too ({@link BackupStatusLink}).
 */
@Extension
public class BackupStatusAction implements RootAction {
    static final String URL = "database-backup-status";

    @Override
    public String getIconFileName() {
        return mayView() ? "symbol-shield-checkmark-outline plugin-ionicons-api" : null;
    }

    @Override
    public String getDisplayName() {
        return Messages.BackupStatusAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return URL;
    }

    /** The rows, for viewers with Overall/Read and Backup; the page itself needs Overall/Read. */
    public List<BackupStatusTable.Row> getRows() {
        Jenkins.get().checkPermission(Jenkins.READ);
        Jenkins.get().checkPermission(RunbookPermissions.BACKUP);
        return BackupStatusTable.rows(BackupStatusTable.now());
    }

    public boolean isMayView() {
        return mayView();
    }

    static boolean mayView() {
        Jenkins jenkins = Jenkins.get();
        return jenkins.hasPermission(Jenkins.READ) && jenkins.hasPermission(RunbookPermissions.BACKUP);
    }
}
