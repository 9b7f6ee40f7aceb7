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
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code restoreDatabase environment: 'dev', database: 'orders', backup: 'latest', fromEnvironment: 'qa'}: a
 * protected target also needs {@code confirm:} naming its environment.
 */
public class RestoreDatabaseStep extends Step {
    private final RestoreSpec spec;

    @DataBoundConstructor
    public RestoreDatabaseStep(String environment, String database) {
        this.spec = new RestoreSpec(environment, database);
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

    public String getFromEnvironment() {
        return spec.getFromEnvironment();
    }

    @DataBoundSetter
    public void setFromEnvironment(String fromEnvironment) {
        spec.setFromEnvironment(fromEnvironment);
    }

    public String getFromDatabase() {
        return spec.getFromDatabase();
    }

    @DataBoundSetter
    public void setFromDatabase(String fromDatabase) {
        spec.setFromDatabase(fromDatabase);
    }

    public String getTargetDatabase() {
        return spec.getTargetDatabase();
    }

    @DataBoundSetter
    public void setTargetDatabase(String targetDatabase) {
        spec.setTargetDatabase(targetDatabase);
    }

    public String getConfirm() {
        return spec.getConfirm();
    }

    @DataBoundSetter
    public void setConfirm(String confirm) {
        spec.setConfirm(confirm);
    }

    public boolean isForce() {
        return spec.isForce();
    }

    @DataBoundSetter
    public void setForce(boolean force) {
        spec.setForce(force);
    }

    public String getAcceptLoss() {
        return spec.getAcceptLoss();
    }

    @DataBoundSetter
    public void setAcceptLoss(String acceptLoss) {
        spec.setAcceptLoss(acceptLoss);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, spec);
    }

    private static final class Execution extends RunbookStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final RestoreSpec spec;

        Execution(StepContext context, RestoreSpec spec) {
            super(context);
            this.spec = spec;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            return ResultMaps.restore(operations().restore(spec));
        }
    }

    @Extension
    public static final class DescriptorImpl extends TargetStepDescriptor {
        @Override
        public String getFunctionName() {
            return "restoreDatabase";
        }

        @Override
        public String getDisplayName() {
            return Messages.RestoreDatabaseStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return RunbookStepExecution.CONTEXT;
        }

        @POST
        public ComboBoxModel doFillFromEnvironmentItems(@AncestorInPath Item item) {
            return ConfiguredNames.environments(item);
        }

        @POST
        public FormValidation doCheckFromEnvironment(@AncestorInPath Item item, @QueryParameter String value) {
            return ConfiguredNames.checkEnvironment(item, value);
        }

        @POST
        public ComboBoxModel doFillFromDatabaseItems(@AncestorInPath Item item,
                @QueryParameter String fromEnvironment) {
            return ConfiguredNames.databases(item, fromEnvironment);
        }

        @POST
        public FormValidation doCheckFromDatabase(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String fromEnvironment) {
            return ConfiguredNames.checkDatabase(item, value, fromEnvironment);
        }
    }
}
