package io.jenkins.plugins.dbrunbooks.plugin.freestyle;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import hudson.util.ComboBoxModel;
import hudson.util.FormValidation;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import io.jenkins.plugins.dbrunbooks.plugin.config.ConfiguredNames;
import io.jenkins.plugins.dbrunbooks.plugin.steps.BackupSpec;
import io.jenkins.plugins.dbrunbooks.plugin.steps.RunbookOperations;
import java.io.IOException;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** The build step "Back up database": the freestyle twin of {@code backupDatabase}. */
public class BackupDatabaseBuilder extends Builder implements SimpleBuildStep {
    private final BackupSpec spec;

    @DataBoundConstructor
    public BackupDatabaseBuilder(String environment, String database) {
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
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        // A label such as pre-${BUILD_NUMBER} names the build it was taken for.
        BackupSpec expanded = new BackupSpec(spec.getEnvironment(), spec.getDatabase());
        expanded.setLabel(spec.getLabel() == null ? null : env.expand(spec.getLabel()));
        new RunbookOperations(run, workspace, listener).backup(expanded);
    }

    @Extension
    @Symbol("databaseBackup")
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {
        @Override
        @SuppressWarnings("rawtypes")
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @Override
        public String getDisplayName() {
            return Messages.BackupDatabaseBuilder_DisplayName();
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
