package io.jenkins.plugins.dbrunbooks.plugin.steps;

import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.dbrunbooks.engine.config.Role;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import java.util.Locale;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.BodyExecution;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.GeneralNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code withDatabase(environment: 'qa', database: 'orders') { sh 'flyway migrate' }}: the database's URL and the
 * login of a role as environment variables for the body, the secrets masked in its log.
 */
public class WithDatabaseStep extends Step {
    private final String environment;
    private final String database;
    private String role = Role.DEPLOY.id();
    private final VariableNames variables = new VariableNames();

    @DataBoundConstructor
    public WithDatabaseStep(String environment, String database) {
        this.environment = Util.fixEmptyAndTrim(environment);
        this.database = Util.fixEmptyAndTrim(database);
    }

    public String getEnvironment() {
        return environment;
    }

    public String getDatabase() {
        return database;
    }

    public String getRole() {
        return role;
    }

    @DataBoundSetter
    public void setRole(String role) {
        String id = Util.fixEmptyAndTrim(role);
        this.role = id == null ? Role.DEPLOY.id() : id.toLowerCase(Locale.ROOT);
    }

    public String getUrlVariable() {
        return variables.getUrl();
    }

    @DataBoundSetter
    public void setUrlVariable(String name) {
        variables.setUrl(name);
    }

    public String getUserVariable() {
        return variables.getUser();
    }

    @DataBoundSetter
    public void setUserVariable(String name) {
        variables.setUser(name);
    }

    public String getPasswordVariable() {
        return variables.getPassword();
    }

    @DataBoundSetter
    public void setPasswordVariable(String name) {
        variables.setPassword(name);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, environment, database, role, variables);
    }

    static Role parseRole(String id) throws AbortException {
        for (Role candidate : Role.values()) {
            if (candidate.id().equals(id)) {
                return candidate;
            }
        }
        throw new AbortException(Messages.WithDatabaseStep_UnknownRole(id));
    }

    /** Looks the login up away from the CPS VM thread, as a credentials provider may be slow to answer. */
    private static final class Execution extends GeneralNonBlockingStepExecution {
        private static final long serialVersionUID = 1L;
        private final String environment;
        private final String database;
        private final String role;
        private final VariableNames variables;
        private BodyExecution body;

        Execution(StepContext context, String environment, String database, String role, VariableNames variables) {
            super(context);
            this.environment = environment;
            this.database = database;
            this.role = role;
            this.variables = variables;
        }

        @Override
        public boolean start() {
            run(this::bind);
            return false;
        }

        private void bind() throws Exception {
            StepContext context = getContext();
            variables.check();
            DatabaseLogin login = new RunbookOperations(context.get(Run.class), null,
                    context.get(TaskListener.class)).login(environment, database, parseRole(role));
            body = Bindings.startBody(context, login, variables, BodyExecutionCallback.wrap(context));
        }

        @Override
        public void stop(Throwable cause) throws Exception {
            if (body != null) {
                body.cancel(cause);
            } else {
                super.stop(cause);
            }
        }
    }

    @Extension
    public static final class DescriptorImpl extends TargetStepDescriptor {
        @Override
        public String getFunctionName() {
            return "withDatabase";
        }

        @Override
        public String getDisplayName() {
            return Messages.WithDatabaseStep_DisplayName();
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        public ListBoxModel doFillRoleItems() {
            ListBoxModel items = new ListBoxModel();
            for (Role role : Role.values()) {
                items.add(role.id(), role.id());
            }
            return items;
        }
    }
}
