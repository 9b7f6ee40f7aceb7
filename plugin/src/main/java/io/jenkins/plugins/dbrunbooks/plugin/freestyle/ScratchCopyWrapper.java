package io.jenkins.plugins.dbrunbooks.plugin.freestyle;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.console.ConsoleLogFilter;
import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildWrapperDescriptor;
import hudson.util.ComboBoxModel;
import hudson.util.FormValidation;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import io.jenkins.plugins.dbrunbooks.plugin.config.ConfiguredNames;
import io.jenkins.plugins.dbrunbooks.plugin.steps.CopySpec;
import io.jenkins.plugins.dbrunbooks.plugin.steps.RunbookOperations;
import java.io.IOException;
import jenkins.tasks.SimpleBuildWrapper;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * "Scratch copy of a database": the freestyle twin of {@code withDatabaseCopy}. Restores a backup (or copies the
 * live database) into a new database for the build, binds it to environment variables, and drops it when the
 * build ends, however it ends.
 */
public class ScratchCopyWrapper extends SimpleBuildWrapper {
    private final CopySpec spec;

    @DataBoundConstructor
    public ScratchCopyWrapper(String environment, String database) {
        this.spec = new CopySpec(environment, database);
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

    public boolean isFromLive() {
        return spec.isFromLive();
    }

    @DataBoundSetter
    public void setFromLive(boolean fromLive) {
        spec.setFromLive(fromLive);
    }

    public String getConfirm() {
        return spec.getConfirm();
    }

    @DataBoundSetter
    public void setConfirm(String confirm) {
        spec.setConfirm(confirm);
    }

    public String getUrlVariable() {
        return spec.getVariables().getUrl();
    }

    @DataBoundSetter
    public void setUrlVariable(String name) {
        spec.getVariables().setUrl(name);
    }

    public String getUserVariable() {
        return spec.getVariables().getUser();
    }

    @DataBoundSetter
    public void setUserVariable(String name) {
        spec.getVariables().setUser(name);
    }

    public String getPasswordVariable() {
        return spec.getVariables().getPassword();
    }

    @DataBoundSetter
    public void setPasswordVariable(String name) {
        spec.getVariables().setPassword(name);
    }

    @Override
    public ConsoleLogFilter createLoggerDecorator(Run<?, ?> build) {
        return new BuildSecrets.Filter(build);
    }

    @Override
    public void setUp(Context context, Run<?, ?> build, FilePath workspace, Launcher launcher,
            TaskListener listener, EnvVars initialEnvironment) throws IOException, InterruptedException {
        spec.getVariables().check();
        RunbookOperations operations = new RunbookOperations(build, workspace, listener);
        // Once the copy exists, a failure to bind it drops it again.
        operations.copy(operations.copyRequest(spec), (copy, login) -> {
            try {
                BuildSecrets.add(build, login.secrets());
                login.variables(spec.getVariables()).forEach(context::env);
                context.setDisposer(new DropScratchCopy(copy.environment(), copy.database(), copy.name()));
                listener.getLogger().println(Messages.WithDatabaseCopyStep_Ready(copy.name(), copy.holds()));
            } catch (RuntimeException e) {
                BuildSecrets.forget(build);
                throw e;
            }
        });
    }

    /** Drops the scratch database at the end of the build. */
    private static final class DropScratchCopy extends Disposer {
        private static final long serialVersionUID = 1L;
        private final String environment;
        private final String database;
        private final String scratch;

        DropScratchCopy(String environment, String database, String scratch) {
            this.environment = environment;
            this.database = database;
            this.scratch = scratch;
        }

        @Override
        public void tearDown(Run<?, ?> build, FilePath workspace, Launcher launcher, TaskListener listener)
                throws IOException, InterruptedException {
            try {
                new RunbookOperations(build, workspace, listener).drop(environment, database, scratch);
            } finally {
                BuildSecrets.forget(build);
            }
        }
    }

    @Extension
    @Symbol("databaseScratchCopy")
    public static final class DescriptorImpl extends BuildWrapperDescriptor {
        @Override
        public boolean isApplicable(AbstractProject<?, ?> item) {
            return true;
        }

        @Override
        public String getDisplayName() {
            return Messages.ScratchCopyWrapper_DisplayName();
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

        @POST
        public ComboBoxModel doFillFromEnvironmentItems(@AncestorInPath Item item) {
            return ConfiguredNames.environments(item);
        }

        @POST
        public FormValidation doCheckFromEnvironment(@AncestorInPath Item item, @QueryParameter String value) {
            return ConfiguredNames.checkEnvironment(item, value);
        }
    }
}
