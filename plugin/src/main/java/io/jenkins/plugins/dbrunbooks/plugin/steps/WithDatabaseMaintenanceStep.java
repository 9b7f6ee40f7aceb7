package io.jenkins.plugins.dbrunbooks.plugin.steps;

import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.LockKind;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import io.jenkins.plugins.dbrunbooks.plugin.maintenance.BuildMaintenance;
import io.jenkins.plugins.dbrunbooks.plugin.maintenance.MaintenanceOptions;
import io.jenkins.plugins.dbrunbooks.plugin.maintenance.MaintenanceRequest;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.steps.BodyExecution;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.GeneralNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code withDatabaseMaintenance(reason: 'PostgreSQL 16 upgrade', environments: ['prod']) { ... }}: maintenance on
 * for the body, and off again afterwards, whether the body succeeds, fails or is aborted. Only this block's own
 * window is turned off.
 */
public class WithDatabaseMaintenanceStep extends Step {
    private final MaintenanceOptions options;

    @DataBoundConstructor
    public WithDatabaseMaintenanceStep(String reason) {
        this.options = new MaintenanceOptions(reason);
    }

    public String getReason() {
        return options.getReason();
    }

    public List<String> getEnvironments() {
        return options.getEnvironments();
    }

    @DataBoundSetter
    public void setEnvironments(List<String> environments) {
        options.setEnvironments(environments);
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
    public StepExecution start(StepContext context) {
        return new Execution(context, options);
    }

    /** Turns maintenance on away from the CPS VM thread: locking databases talks to their servers. */
    private static final class Execution extends GeneralNonBlockingStepExecution {
        private static final long serialVersionUID = 1L;
        private static final Logger LOGGER = Logger.getLogger(WithDatabaseMaintenanceStep.class.getName());
        private final MaintenanceOptions options;
        private BuildMaintenance.Handle handle;
        private BodyExecution body;

        Execution(StepContext context, MaintenanceOptions options) {
            super(context);
            this.options = options;
        }

        @Override
        public boolean start() {
            run(this::begin);
            return false;
        }

        private void begin() throws Exception {
            StepContext context = getContext();
            TaskListener listener = context.get(TaskListener.class);
            handle = BuildMaintenance.enable(context.get(Run.class), listener, options);
            try {
                body = context.newBodyInvoker().withCallback(new EndMaintenance(handle)).start();
            } catch (RuntimeException e) {
                handle.disable(listener);
                throw e;
            }
        }

        @Override
        public void stop(Throwable cause) throws Exception {
            if (body != null) {
                body.cancel(cause);
            } else {
                super.stop(cause);
                if (handle != null) {
                    // Stopped between turning maintenance on and starting the body: no callback will end it.
                    handle.disable(getContext().get(TaskListener.class));
                }
            }
        }

        /**
         * After a restart during the body, the saved callback ends maintenance when the body ends. Jenkins does not
         * restart safely while maintenance is being turned on; if it stopped anyway after the window went on and
         * before the body started, no callback exists, so the window is turned off here and the step fails.
         */
        @Override
        public void onResume() {
            if (body == null && handle != null) {
                try {
                    handle.disable(getContext().get(TaskListener.class));
                } catch (IOException | InterruptedException e) {
                    LOGGER.log(Level.WARNING, "Could not turn off maintenance window " + handle.windowId(), e);
                }
            }
            super.onResume();
        }
    }

    /** Runs after the body however it ended, also after a restart, since the handle is saved with the program. */
    private static final class EndMaintenance extends BodyExecutionCallback.TailCall {
        private static final long serialVersionUID = 1L;
        private final BuildMaintenance.Handle handle;

        EndMaintenance(BuildMaintenance.Handle handle) {
            this.handle = handle;
        }

        @Override
        protected void finished(StepContext context) throws Exception {
            handle.disable(context.get(TaskListener.class));
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "withDatabaseMaintenance";
        }

        @Override
        public String getDisplayName() {
            return Messages.WithDatabaseMaintenanceStep_DisplayName();
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
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
