package org.jenkinsci.plugins.workflow.test.steps;

import hudson.model.Run;
import java.io.IOException;
import java.io.Serializable;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

public final class SemaphoreStep extends Step implements Serializable {
    public SemaphoreStep(String id) {
        throw new UnsupportedOperationException();
    }

    public static void success(String k, Object returnValue) {
        throw new UnsupportedOperationException();
    }

    public static void failure(String k, Throwable error) {
        throw new UnsupportedOperationException();
    }

    public static void waitForStart(String k, Run<?, ?> b) throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        throw new UnsupportedOperationException();
    }
}
