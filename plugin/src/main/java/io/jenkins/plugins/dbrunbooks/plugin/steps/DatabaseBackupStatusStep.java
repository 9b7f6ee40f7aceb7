package io.jenkins.plugins.dbrunbooks.plugin.steps;

import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.util.ComboBoxModel;
import io.jenkins.plugins.dbrunbooks.engine.status.DatabaseStatus;
import io.jenkins.plugins.dbrunbooks.engine.status.StatusReport;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import io.jenkins.plugins.dbrunbooks.plugin.config.ConfiguredNames;
import java.util.List;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code databaseBackupStatus()}: the status table of every configured database (or one environment's), for a
 * scheduled checking job; fails the build when a database missed a target unless told not to.
 */
public class DatabaseBackupStatusStep extends Step {
    private String environment;
    private boolean failOnMissedTarget = true;

    @DataBoundConstructor
    public DatabaseBackupStatusStep() {
    }

    public String getEnvironment() {
        return environment;
    }

    @DataBoundSetter
    public void setEnvironment(String environment) {
        this.environment = Util.fixEmptyAndTrim(environment);
    }

    public boolean isFailOnMissedTarget() {
        return failOnMissedTarget;
    }

    @DataBoundSetter
    public void setFailOnMissedTarget(boolean failOnMissedTarget) {
        this.failOnMissedTarget = failOnMissedTarget;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, environment, failOnMissedTarget);
    }

    private static final class Execution extends RunbookStepExecution<List<Object>> {
        private static final long serialVersionUID = 1L;
        private final String environment;
        private final boolean failOnMissedTarget;

        Execution(StepContext context, String environment, boolean failOnMissedTarget) {
            super(context);
            this.environment = environment;
            this.failOnMissedTarget = failOnMissedTarget;
        }

        @Override
        protected List<Object> run() throws Exception {
            StatusReport report = operations().status(environment);
            for (DatabaseStatus row : report.databases()) {
                listener().getLogger().println(row.environment() + "/" + row.database() + ": " + row.state().id()
                        + (row.missed().isEmpty() ? "" : " (" + String.join("; ", row.missed()) + ")"));
            }
            if (failOnMissedTarget && report.targetMissed()) {
                long missed = report.databases().stream().filter(DatabaseStatus::targetMissed).count();
                throw new AbortException(Messages.DatabaseBackupStatusStep_Missed(missed));
            }
            return ResultMaps.status(report);
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "databaseBackupStatus";
        }

        @Override
        public String getDisplayName() {
            return Messages.DatabaseBackupStatusStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return RunbookStepExecution.CONTEXT;
        }

        @POST
        public ComboBoxModel doFillEnvironmentItems(@AncestorInPath Item item) {
            return ConfiguredNames.environments(item);
        }
    }
}
