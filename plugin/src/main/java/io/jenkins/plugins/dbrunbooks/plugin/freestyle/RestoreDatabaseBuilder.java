package io.jenkins.plugins.dbrunbooks.plugin.freestyle;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.Builder;
import hudson.util.ComboBoxModel;
import hudson.util.FormValidation;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import io.jenkins.plugins.dbrunbooks.plugin.config.ConfiguredNames;
import io.jenkins.plugins.dbrunbooks.plugin.steps.RestoreSpec;
import io.jenkins.plugins.dbrunbooks.plugin.steps.RunbookOperations;
import java.io.IOException;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** The build step "Restore database": the freestyle twin of {@code restoreDatabase}. */
public class RestoreDatabaseBuilder extends Builder implements SimpleBuildStep {
    private final RestoreSpec spec;

    @DataBoundConstructor
    public RestoreDatabaseBuilder(String environment, String database) {
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
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        new RunbookOperations(run, workspace, listener).restore(spec);
    }

    @Extension
    @Symbol("databaseRestore")
    public static final class DescriptorImpl extends TargetBuilderDescriptor {
        @Override
        public String getDisplayName() {
            return Messages.RestoreDatabaseBuilder_DisplayName();
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
