package io.jenkins.plugins.dbrunbooks.plugin.steps;

import hudson.Extension;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** {@code backupDatabase environment: 'qa', database: 'orders', label: 'pre-1.4'}: returns what was stored. */
public class BackupDatabaseStep extends Step {
    private final BackupSpec spec;

    @DataBoundConstructor
    public BackupDatabaseStep(String environment, String database) {
        this.spec = new BackupSpec(environment, database);
    }

    public String getEnvironment() {
        return spec.getEnvironment();
    }

    public String getDatabase() {
        return spec.getDatabase();
    }

    public String getLabel() {
        return spec.getLabel();
    }

    @DataBoundSetter
    public void setLabel(String label) {
        spec.setLabel(label);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, spec);
    }

    private static final class Execution extends RunbookStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final BackupSpec spec;

        Execution(StepContext context, BackupSpec spec) {
            super(context);
            this.spec = spec;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            return ResultMaps.backup(operations().backup(spec));
        }
    }

    @Extension
    public static final class DescriptorImpl extends TargetStepDescriptor {
        @Override
        public String getFunctionName() {
            return "backupDatabase";
        }

        @Override
        public String getDisplayName() {
            return Messages.BackupDatabaseStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return RunbookStepExecution.CONTEXT;
        }
    }
}
