package io.jenkins.plugins.dbrunbooks.plugin.steps;

import hudson.Extension;
import hudson.Util;
import io.jenkins.plugins.dbrunbooks.engine.store.UnreadableBackup;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import java.util.List;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code listDatabaseBackups environment: 'qa', database: 'orders'}: the backups, newest first, as maps with how far
 * each was proven ({@code proven}: stored, checksum... checked), then the manifests that cannot be read, with
 * {@code readable: false} and the reason.
 */
public class ListDatabaseBackupsStep extends Step {
    private final String environment;
    private final String database;

    @DataBoundConstructor
    public ListDatabaseBackupsStep(String environment, String database) {
        this.environment = Util.fixEmptyAndTrim(environment);
        this.database = Util.fixEmptyAndTrim(database);
    }

    public String getEnvironment() {
        return environment;
    }

    public String getDatabase() {
        return database;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, environment, database);
    }

    private static final class Execution extends RunbookStepExecution<List<Object>> {
        private static final long serialVersionUID = 1L;
        private final String environment;
        private final String database;

        Execution(StepContext context, String environment, String database) {
            super(context);
            this.environment = environment;
            this.database = database;
        }

        @Override
        protected List<Object> run() throws Exception {
            ListWork.Proven proven = operations().list(environment, database);
            for (UnreadableBackup unreadable : proven.listing().unreadable()) {
                listener().getLogger().println(Messages.ListDatabaseBackupsStep_Unreadable(unreadable.id(),
                        unreadable.reason()));
            }
            return ResultMaps.listing(proven.listing(), proven.proofs());
        }
    }

    @Extension
    public static final class DescriptorImpl extends TargetStepDescriptor {
        @Override
        public String getFunctionName() {
            return "listDatabaseBackups";
        }

        @Override
        public String getDisplayName() {
            return Messages.ListDatabaseBackupsStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return RunbookStepExecution.CONTEXT;
        }
    }
}
