package io.jenkins.plugins.dbrunbooks.plugin.maintenance;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.MaintenanceWindow;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import io.jenkins.plugins.dbrunbooks.plugin.changes.RunChanges;
import io.jenkins.plugins.dbrunbooks.plugin.security.RunAuthorization;
import io.jenkins.plugins.dbrunbooks.plugin.security.RunbookPermissions;
import java.io.IOException;
import java.io.Serializable;
import java.util.Optional;
import jenkins.model.Jenkins;

/**
 * Maintenance for the length of a build, as the Pipeline block and the freestyle wrapper use it. Maintenance acts
 * on all of Jenkins, so Maintain is checked on Jenkins itself, not on the job: the build's authentication and the
 * user who started it (directly or through upstream builds), if one did, must both hold it. Each build turns off
 * only its own window.
 */
public final class BuildMaintenance {
    private BuildMaintenance() {
    }

    public static Handle enable(Run<?, ?> run, TaskListener listener, MaintenanceOptions options) throws IOException {
        RunChanges.beforeOperation(run, options.getEnvironments());
        Optional<String> refusal = RunAuthorization.refusal(run, RunbookPermissions.MAINTAIN, Jenkins.get());
        if (refusal.isPresent()) {
            throw new AbortException(refusal.get());
        }
        String user = RunAuthorization.startedBy(run)
                .orElseGet(() -> RunAuthorization.authenticationOf(run).getName());
        MaintenanceWindow window = options.toRequest().enable(user);
        listener.getLogger().println(Messages.BuildMaintenance_Enabled(new WindowView(window).describe()));
        RollbackWindows.of(window.id()).forEach(line -> listener.getLogger().println(
                Messages.BuildMaintenance_RollbackWindow(line)));
        return new Handle(window.id(), user);
    }

    /** Turns off the window a build turned on; doing it twice is harmless. */
    public record Handle(String windowId, String user) implements Serializable {
        public void disable(TaskListener listener) throws IOException {
            // Said while the locks still hold: what a rollback to the latest backup would lose at the end.
            RollbackWindows.of(windowId).forEach(line -> listener.getLogger().println(
                    Messages.BuildMaintenance_RollbackWindow(line)));
            if (MaintenanceManager.get().disable(windowId, user)) {
                listener.getLogger().println(Messages.BuildMaintenance_Disabled(windowId));
            }
        }
    }
}
