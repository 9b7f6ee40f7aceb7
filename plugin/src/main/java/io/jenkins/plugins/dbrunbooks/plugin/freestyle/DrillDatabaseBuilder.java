package io.jenkins.plugins.dbrunbooks.plugin.freestyle;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.Builder;
import io.jenkins.plugins.dbrunbooks.engine.drill.DrillRecord;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import io.jenkins.plugins.dbrunbooks.plugin.steps.DrillSpec;
import io.jenkins.plugins.dbrunbooks.plugin.steps.RunbookOperations;
import java.io.IOException;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** The build step "Drill a database backup": the freestyle twin of {@code drillDatabaseBackup}. */
public class DrillDatabaseBuilder extends Builder implements SimpleBuildStep {
    private final DrillSpec spec;

    @DataBoundConstructor
    public DrillDatabaseBuilder(String environment, String database) {
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
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        DrillRecord record = new RunbookOperations(run, workspace, listener).drill(spec);
        if (!record.passed()) {
            throw new AbortException(record.message());
        }
    }

    @Extension
    @Symbol("databaseDrill")
    public static final class DescriptorImpl extends TargetBuilderDescriptor {
        @Override
        public String getDisplayName() {
            return Messages.DrillDatabaseBuilder_DisplayName();
        }
    }
}
