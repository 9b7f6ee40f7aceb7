package io.jenkins.plugins.dbrunbooks.plugin.steps;

import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * The execution of the plain runbook steps: the work runs on a utility thread, so the Pipeline keeps going and
 * an abort interrupts it, which ends the database tool on the agent and removes any partial backup.
 */
abstract class RunbookStepExecution<T> extends SynchronousNonBlockingStepExecution<T> {
    private static final long serialVersionUID = 1L;

    /** What every step that works on the agent of the enclosing {@code node} needs. */
    static final Set<Class<?>> CONTEXT = Set.of(Run.class, FilePath.class, TaskListener.class);

    RunbookStepExecution(StepContext context) {
        super(context);
    }

    RunbookOperations operations() throws IOException, InterruptedException {
        StepContext context = getContext();
        return new RunbookOperations(context.get(Run.class), context.get(FilePath.class),
                context.get(TaskListener.class));
    }

    TaskListener listener() throws IOException, InterruptedException {
        return getContext().get(TaskListener.class);
    }
}
