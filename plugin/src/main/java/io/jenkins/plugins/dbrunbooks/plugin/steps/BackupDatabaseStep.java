package io.jenkins.plugins.dbrunbooks.plugin.steps;

import hudson.Extension;
import hudson.model.Item;
import hudson.util.ComboBoxModel;
import hudson.util.FormValidation;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import io.jenkins.plugins.dbrunbooks.plugin.config.ConfiguredNames;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

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
    public static final class DescriptorImpl extends StepDescriptor {
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

        @POST
        public ComboBoxModel doFillEnvironmentItems(@AncestorInPath Item item) {
            return ConfiguredNames.environments(item);
        }

        @POST
        public ComboBoxModel doFillDatabaseItems(@AncestorInPath Item item, @QueryParameter String environment) {
            return ConfiguredNames.databases(item, environment);
        }

        @POST
        public FormValidation doCheckEnvironment(@AncestorInPath Item item, @QueryParameter String value) {
            return ConfiguredNames.checkEnvironment(item, value);
        }

        @POST
        public FormValidation doCheckDatabase(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String environment) {
            return ConfiguredNames.checkDatabase(item, value, environment);
        }
    }
}
