package jenkins.model;

import hudson.model.Action;
import hudson.model.BuildAuthorizationToken;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.queue.QueueTaskFuture;
import java.io.IOException;

public abstract class ParameterizedJobMixIn<JobT extends Job<JobT, RunT> & ParameterizedJobMixIn.ParameterizedJob<JobT, RunT> & Queue.Task,
        RunT extends Run<JobT, RunT> & Queue.Executable> {
    public ParameterizedJobMixIn() {
        throw new UnsupportedOperationException();
    }

    protected abstract JobT asJob();

    public interface ParameterizedJob<JobT extends Job<JobT, RunT> & ParameterizedJobMixIn.ParameterizedJob<JobT, RunT> & Queue.Task,
            RunT extends Run<JobT, RunT> & Queue.Executable> extends Item, Queue.Task {
        BuildAuthorizationToken getAuthToken();

        default QueueTaskFuture<RunT> scheduleBuild2(int quietPeriod, Action... actions) {
            throw new UnsupportedOperationException();
        }

        default boolean isBuildable() {
            throw new UnsupportedOperationException();
        }

        @Override
        default RunT createExecutable() throws IOException {
            throw new UnsupportedOperationException();
        }
    }
}
