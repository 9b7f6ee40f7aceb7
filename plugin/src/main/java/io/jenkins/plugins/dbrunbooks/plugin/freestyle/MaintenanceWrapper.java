package io.jenkins.plugins.dbrunbooks.plugin.freestyle;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildWrapperDescriptor;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.LockKind;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import io.jenkins.plugins.dbrunbooks.plugin.maintenance.BuildMaintenance;
import io.jenkins.plugins.dbrunbooks.plugin.maintenance.MaintenanceOptions;
import io.jenkins.plugins.dbrunbooks.plugin.maintenance.MaintenanceRequest;
import java.io.IOException;
import java.util.List;
import jenkins.tasks.SimpleBuildWrapper;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * "Database maintenance mode during the build": the freestyle twin of {@code withDatabaseMaintenance}. The
 * environments are one text field (names separated by commas or spaces), as a form shows them best.
 */
public class MaintenanceWrapper extends SimpleBuildWrapper {
    private final MaintenanceOptions options;

    @DataBoundConstructor
    public MaintenanceWrapper(String reason) {
        this.options = new MaintenanceOptions(reason);
    }

    public String getReason() {
        return options.getReason();
    }

    public String getEnvironments() {
        return String.join(", ", options.getEnvironments());
    }

    @DataBoundSetter
    public void setEnvironments(String environments) {
        options.setEnvironments(environments == null ? null : List.of(environments));
    }

    public Integer getMinutes() {
        return options.getMinutes();
    }

    @DataBoundSetter
    public void setMinutes(Integer minutes) {
        options.setMinutes(minutes);
    }

    public String getDatabaseLock() {
        return options.getDatabaseLock();
    }

    @DataBoundSetter
    public void setDatabaseLock(String databaseLock) {
        options.setDatabaseLock(databaseLock);
    }

    @Override
    public void setUp(Context context, Run<?, ?> build, FilePath workspace, Launcher launcher,
            TaskListener listener, EnvVars initialEnvironment) throws IOException, InterruptedException {
        context.setDisposer(new EndMaintenance(BuildMaintenance.enable(build, listener, options)));
    }

    /** Turns the build's own window off when the build ends, however it ends. */
    private static final class EndMaintenance extends Disposer {
        private static final long serialVersionUID = 1L;
        private final BuildMaintenance.Handle handle;

        EndMaintenance(BuildMaintenance.Handle handle) {
            this.handle = handle;
        }

        @Override
        public void tearDown(Run<?, ?> build, FilePath workspace, Launcher launcher, TaskListener listener)
                throws IOException, InterruptedException {
            handle.disable(listener);
        }
    }

    @Extension
    @Symbol("databaseMaintenance")
    public static final class DescriptorImpl extends BuildWrapperDescriptor {
        @Override
        public boolean isApplicable(AbstractProject<?, ?> item) {
            return true;
        }

        @Override
        public String getDisplayName() {
            return Messages.MaintenanceWrapper_DisplayName();
        }

        public ListBoxModel doFillDatabaseLockItems() {
            ListBoxModel items = new ListBoxModel();
            for (LockKind kind : LockKind.values()) {
                items.add(MaintenanceRequest.lockId(kind), MaintenanceRequest.lockId(kind));
            }
            return items;
        }
    }
}
