package io.jenkins.plugins.dbrunbooks.plugin.steps;

import hudson.Extension;
import hudson.Util;
import io.jenkins.plugins.dbrunbooks.engine.inventory.BackupRef;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code databaseChangesSince environment: 'prod', database: 'orders', backup: id}: what was written to the database
 * since the backup, which restoring it would throw away. Reads the database only; changes nothing.
 */
public class DatabaseChangesSinceStep extends Step {
    private final String environment;
    private final String database;
    private String backup = BackupRef.LATEST;

    @DataBoundConstructor
    public DatabaseChangesSinceStep(String environment, String database) {
        this.environment = Util.fixEmptyAndTrim(environment);
        this.database = Util.fixEmptyAndTrim(database);
    }

    public String getEnvironment() {
        return environment;
    }

    public String getDatabase() {
        return database;
    }

    public String getBackup() {
        return backup;
    }

    @DataBoundSetter
    public void setBackup(String backup) {
        String ref = Util.fixEmptyAndTrim(backup);
        this.backup = ref == null ? BackupRef.LATEST : ref;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, environment, database, backup);
    }

    private static final class Execution extends RunbookStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final String environment;
        private final String database;
        private final String backup;

        Execution(StepContext context, String environment, String database, String backup) {
            super(context);
            this.environment = environment;
            this.database = database;
            this.backup = backup;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            return ResultMaps.changesSince(operations().changesSince(environment, database, backup));
        }
    }

    @Extension
    public static final class DescriptorImpl extends TargetStepDescriptor {
        @Override
        public String getFunctionName() {
            return "databaseChangesSince";
        }

        @Override
        public String getDisplayName() {
            return Messages.DatabaseChangesSinceStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return RunbookStepExecution.CONTEXT;
        }
    }
}
