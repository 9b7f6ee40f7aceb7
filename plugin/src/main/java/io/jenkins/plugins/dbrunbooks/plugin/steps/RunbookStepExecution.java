package io.jenkins.plugins.dbrunbooks.plugin.steps;

import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * The execution of the plain runbook steps: the work runs on a utility thread, so the Pipeline keeps going and
 * an abort interrupts it, which ends the database tool on the agent and removes any partial backup.
 *
 * <p>A step still waiting at the maintenance gate has done nothing yet, so it neither holds up a restart (the
 * usual moment for one is a maintenance window) nor fails after it: it starts over and waits again. Once past the
 * gate it saves that with the program before the work begins, so a resumed step never repeats work that may
 * have been half done; that one fails as any interrupted synchronous step does.
 */
abstract class RunbookStepExecution<T> extends SynchronousNonBlockingStepExecution<T> {
    private static final long serialVersionUID = 1L;

    /** What every step that works on the agent of the enclosing {@code node} needs. */
    static final Set<Class<?>> CONTEXT = Set.of(Run.class, FilePath.class, TaskListener.class);

    private volatile boolean begun;
    private transient volatile boolean waitingAtGate;

    RunbookStepExecution(StepContext context) {
        super(context);
    }

    RunbookOperations operations() throws IOException, InterruptedException {
        StepContext context = getContext();
        return new RunbookOperations(context.get(Run.class), context.get(FilePath.class),
                context.get(TaskListener.class)).observingGate(new RunbookOperations.GateObserver() {
                    @Override
                    public void waiting() {
                        waitingAtGate = true;
                    }

                    @Override
                    public void passed() throws IOException, InterruptedException {
                        waitingAtGate = false;
                        begun = true;
                        saveProgram(getContext());
                    }
                });
    }

    TaskListener listener() throws IOException, InterruptedException {
        return getContext().get(TaskListener.class);
    }

    @Override
    public boolean blocksRestart() {
        return !waitingAtGate && super.blocksRestart();
    }

    @Override
    public void onResume() {
        if (begun) {
            super.onResume();
            return;
        }
        try {
            start();
        } catch (Exception e) {
            getContext().onFailure(e);
        }
    }

    /** Saves the Pipeline program now, where its durability setting saves it with every step. */
    static void saveProgram(StepContext context) throws IOException, InterruptedException {
        try {
            context.saveState().get();
        } catch (ExecutionException e) {
            throw new IOException("Could not save the Pipeline's state before starting the work", e.getCause());
        }
    }
}
