package io.jenkins.plugins.dbrunbooks.plugin.steps;

import hudson.AbortException;
import hudson.Extension;
import io.jenkins.plugins.dbrunbooks.engine.drill.DrillRecord;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code drillDatabaseBackup environment: 'prod', database: 'orders'}: restores a backup into a scratch database,
 * compares it with the backup's fingerprints, drops it, and fails the build when the drill fails.
 */
public class DrillDatabaseBackupStep extends Step {
    private final DrillSpec spec;

    @DataBoundConstructor
    public DrillDatabaseBackupStep(String environment, String database) {
        this.spec = new DrillSpec(environment, database);
    }

    public String getEnvironment() {
        return spec.getEnvironment();
    }

    public String getDatabase() {
        return spec.getDatabase();
    }

    public String getBackup() {
        return spec.getBackup();
    }

    @DataBoundSetter
    public void setBackup(String backup) {
        spec.setBackup(backup);
    }

    public String getConfirm() {
        return spec.getConfirm();
    }

    @DataBoundSetter
    public void setConfirm(String confirm) {
        spec.setConfirm(confirm);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, spec);
    }

    private static final class Execution extends RunbookStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final DrillSpec spec;

        Execution(StepContext context, DrillSpec spec) {
            super(context);
            this.spec = spec;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            DrillRecord record = operations().drill(spec);
            if (!record.passed()) {
                throw new AbortException(record.message());
            }
            return ResultMaps.drill(record);
        }
    }

    @Extension
    public static final class DescriptorImpl extends TargetStepDescriptor {
        @Override
        public String getFunctionName() {
            return "drillDatabaseBackup";
        }

        @Override
        public String getDisplayName() {
            return Messages.DrillDatabaseBackupStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return RunbookStepExecution.CONTEXT;
        }
    }
}
