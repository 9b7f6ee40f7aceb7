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

/**
 * Maintenance for the length of a build, as the Pipeline block and the freestyle wrapper use it: only a build
 * whose user (directly or through upstream builds) holds Maintain may turn it on, and each build turns off only
 * its own window.
 */
public final class BuildMaintenance {
    private BuildMaintenance() {
    }

    public static Handle enable(Run<?, ?> run, TaskListener listener, MaintenanceOptions options) throws IOException {
        RunChanges.beforeOperation(run, options.getEnvironments());
        Optional<String> user = RunAuthorization.startedBy(run);
        if (user.isEmpty() || !RunAuthorization.isAllowed(user, RunbookPermissions.MAINTAIN)) {
            throw new AbortException(Messages.BuildMaintenance_Denied(user.orElse("anonymous")));
        }
        MaintenanceWindow window = options.toRequest().enable(user.get());
        listener.getLogger().println(Messages.BuildMaintenance_Enabled(new WindowView(window).describe()));
        return new Handle(window.id(), user.get());
    }

    /** Turns off the window a build turned on; doing it twice is harmless. */
    public record Handle(String windowId, String user) implements Serializable {
        public void disable(TaskListener listener) throws IOException {
            if (MaintenanceManager.get().disable(windowId, user)) {
                listener.getLogger().println(Messages.BuildMaintenance_Disabled(windowId));
            }
        }
    }
}
