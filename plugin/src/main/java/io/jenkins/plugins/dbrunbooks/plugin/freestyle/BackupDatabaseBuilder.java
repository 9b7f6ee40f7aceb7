package io.jenkins.plugins.dbrunbooks.plugin.freestyle;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.Builder;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import io.jenkins.plugins.dbrunbooks.plugin.steps.BackupSpec;
import io.jenkins.plugins.dbrunbooks.plugin.steps.RunbookOperations;
import java.io.IOException;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

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
    public static final class DescriptorImpl extends TargetBuilderDescriptor {
        @Override
        public String getDisplayName() {
            return Messages.BackupDatabaseBuilder_DisplayName();
        }
    }
}
