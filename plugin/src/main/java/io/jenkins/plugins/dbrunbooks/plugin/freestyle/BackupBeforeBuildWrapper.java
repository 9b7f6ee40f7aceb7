package io.jenkins.plugins.dbrunbooks.plugin.freestyle;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.AbstractProject;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildWrapperDescriptor;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import io.jenkins.plugins.dbrunbooks.plugin.steps.BackupSpec;
import io.jenkins.plugins.dbrunbooks.plugin.steps.RunbookOperations;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import jenkins.tasks.SimpleBuildWrapper;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * "Back up databases before the build": a safety copy of each listed database before the build changes
 * anything. The first failed backup stops the build before its steps run.
 */
public class BackupBeforeBuildWrapper extends SimpleBuildWrapper {
    private final List<DatabaseSelection> databases;
    private String label;

    @DataBoundConstructor
    public BackupBeforeBuildWrapper(List<DatabaseSelection> databases) {
        this.databases = databases == null ? new ArrayList<>() : new ArrayList<>(databases);
    }

    public List<DatabaseSelection> getDatabases() {
        return new ArrayList<>(databases);
    }

    public String getLabel() {
        return label;
    }

    @DataBoundSetter
    public void setLabel(String label) {
        this.label = Util.fixEmptyAndTrim(label);
    }

    @Override
    public void setUp(Context context, Run<?, ?> build, FilePath workspace, Launcher launcher,
            TaskListener listener, EnvVars initialEnvironment) throws IOException, InterruptedException {
        RunbookOperations operations = new RunbookOperations(build, workspace, listener);
        for (DatabaseSelection selection : databases) {
            BackupSpec spec = new BackupSpec(selection.getEnvironment(), selection.getDatabase());
            spec.setLabel(label == null ? null : initialEnvironment.expand(label));
            operations.backup(spec);
        }
    }

    @Extension
    @Symbol("databaseBackupsBeforeBuild")
    public static final class DescriptorImpl extends BuildWrapperDescriptor {
        @Override
        public boolean isApplicable(AbstractProject<?, ?> item) {
            return true;
        }

        @Override
        public String getDisplayName() {
            return Messages.BackupBeforeBuildWrapper_DisplayName();
        }
    }
}
