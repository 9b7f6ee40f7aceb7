package io.jenkins.plugins.dbrunbooks.plugin.steps;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.ComboBoxModel;
import hudson.util.FormValidation;
import io.jenkins.plugins.dbrunbooks.engine.scratch.ScratchCopyRequest;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import io.jenkins.plugins.dbrunbooks.plugin.config.ConfiguredNames;
import java.io.IOException;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.BodyExecution;
import org.jenkinsci.plugins.workflow.steps.GeneralNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code withDatabaseCopy(environment: 'qa', database: 'orders') { ... }}: restores a backup (or, with
 * {@code fromLive: true}, copies the live database) into a scratch database on the same server, binds it like
 * {@code withDatabase} for the body, and drops it afterwards whether
 * the body passed, failed or was aborted.
 */
public class WithDatabaseCopyStep extends Step {
    private final CopySpec spec;

    @DataBoundConstructor
    public WithDatabaseCopyStep(String environment, String database) {
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
    public StepExecution start(StepContext context) {
        return new Execution(context, spec);
    }

    private enum Phase {
        RESTORING, BODY, DROPPING, DONE
    }

    private static final class Execution extends GeneralNonBlockingStepExecution {
        private static final long serialVersionUID = 1L;
        private final CopySpec spec;
        private String scratch;
        private volatile Phase phase;
        private BodyExecution body;
        private transient volatile boolean stopped;
        private transient volatile boolean waitingAtGate;

        Execution(StepContext context, CopySpec spec) {
            super(context);
            this.spec = spec;
        }

        @Override
        public boolean start() {
            run(this::copyAndStartBody);
            return false;
        }

        private void copyAndStartBody() throws Exception {
            StepContext context = getContext();
            Run<?, ?> run = context.get(Run.class);
            TaskListener listener = context.get(TaskListener.class);
            spec.getVariables().check();
            RunbookOperations operations = new RunbookOperations(run, context.get(FilePath.class), listener)
                    .observingGate(new RunbookOperations.GateObserver() {
                        @Override
                        public void waiting() {
                            waitingAtGate = true;
                        }

                        @Override
                        public void passed() throws IOException, InterruptedException {
                            waitingAtGate = false;
                            phase = Phase.RESTORING;
                            RunbookStepExecution.saveProgram(getContext());
                        }
                    });
            ScratchCopyRequest request = operations.copyRequest(spec);
            scratch = request.scratchName();
            // Once the copy exists, a failure to start the body drops it again.
            operations.copy(request, (copy, login) -> {
                if (stopped) {
                    throw new AbortException(Messages.WithDatabaseCopyStep_Stopped(scratch));
                }
                listener.getLogger().println(Messages.WithDatabaseCopyStep_Ready(scratch, copy.holds()));
                phase = Phase.BODY;
                body = Bindings.startBody(context, login, spec.getVariables(), new Cleanup());
            });
        }

        private void drop(RunbookOperations operations) throws Exception {
            phase = Phase.DROPPING;
            operations.drop(spec.getEnvironment(), spec.getDatabase(), scratch);
            phase = Phase.DONE;
        }

        @Override
        public void stop(Throwable cause) throws Exception {
            stopped = true;
            if (body != null) {
                // The body ends with this cause, and the callback drops the copy.
                body.cancel(cause);
            } else {
                // Interrupts the restore; the engine drops a database it was loading.
                super.stop(cause);
            }
        }

        @Override
        public boolean blocksRestart() {
            return !waitingAtGate && super.blocksRestart();
        }

        @Override
        public void onResume() {
            if (phase == null) {
                // It was waiting at the maintenance gate and has made nothing yet: wait again.
                run(this::copyAndStartBody);
            } else if (phase == Phase.RESTORING || phase == Phase.DROPPING) {
                // The copy may be half made or half dropped and the body's outcome is lost: drop it, then fail.
                run(this::dropAfterRestart);
            } else {
                // While the body runs, the callback was saved with the program and drops the copy when it ends.
                super.onResume();
            }
        }

        private void dropAfterRestart() throws Exception {
            StepContext context = getContext();
            AbortException failure = new AbortException(Messages.WithDatabaseCopyStep_Restarted(scratch,
                    spec.getEnvironment(), spec.getDatabase()));
            try {
                drop(new RunbookOperations(context.get(Run.class), context.get(FilePath.class),
                        context.get(TaskListener.class)));
            } catch (IOException | InterruptedException | RuntimeException e) {
                AbortException notDropped = new AbortException(Messages.WithDatabaseCopyStep_CannotResume(scratch,
                        spec.getEnvironment(), spec.getDatabase()));
                notDropped.addSuppressed(e);
                throw notDropped;
            }
            context.onFailure(failure);
        }

        private final class Cleanup extends TailCall {
            private static final long serialVersionUID = 1L;

            @Override
            protected void finished(StepContext context) throws Exception {
                drop(new RunbookOperations(context.get(Run.class), context.get(FilePath.class),
                        context.get(TaskListener.class)));
            }
        }
    }

    @Extension
    public static final class DescriptorImpl extends TargetStepDescriptor {
        @Override
        public String getFunctionName() {
            return "withDatabaseCopy";
        }

        @Override
        public String getDisplayName() {
            return Messages.WithDatabaseCopyStep_DisplayName();
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
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
    }
}
