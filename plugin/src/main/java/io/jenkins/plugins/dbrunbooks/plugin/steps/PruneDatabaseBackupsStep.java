package io.jenkins.plugins.dbrunbooks.plugin.steps;

import hudson.Extension;
import hudson.Util;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code pruneDatabaseBackups environment: 'qa', database: 'orders', dryRun: true}: applies the environment's
 * retention, or {@code keepLast} and {@code maxAgeDays} given here.
 */
public class PruneDatabaseBackupsStep extends Step {
    private final String environment;
    private final String database;
    private boolean dryRun;
    private Integer keepLast;
    private Integer maxAgeDays;

    @DataBoundConstructor
    public PruneDatabaseBackupsStep(String environment, String database) {
        this.environment = Util.fixEmptyAndTrim(environment);
        this.database = Util.fixEmptyAndTrim(database);
    }

    public String getEnvironment() {
        return environment;
    }

    public String getDatabase() {
        return database;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public Integer getKeepLast() {
        return keepLast;
    }

    @DataBoundSetter
    public void setKeepLast(Integer keepLast) {
        this.keepLast = keepLast;
    }

    public Integer getMaxAgeDays() {
        return maxAgeDays;
    }

    @DataBoundSetter
    public void setMaxAgeDays(Integer maxAgeDays) {
        this.maxAgeDays = maxAgeDays;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    private static final class Execution extends RunbookStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final String environment;
        private final String database;
        private final boolean dryRun;
        private final Integer keepLast;
        private final Integer maxAgeDays;

        Execution(StepContext context, PruneDatabaseBackupsStep step) {
            super(context);
            this.environment = step.environment;
            this.database = step.database;
            this.dryRun = step.dryRun;
            this.keepLast = step.keepLast;
            this.maxAgeDays = step.maxAgeDays;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            return ResultMaps.prune(operations().prune(environment, database, keepLast, maxAgeDays, dryRun));
        }
    }

    @Extension
    public static final class DescriptorImpl extends TargetStepDescriptor {
        @Override
        public String getFunctionName() {
            return "pruneDatabaseBackups";
        }

        @Override
        public String getDisplayName() {
            return Messages.PruneDatabaseBackupsStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return RunbookStepExecution.CONTEXT;
        }
    }
}
