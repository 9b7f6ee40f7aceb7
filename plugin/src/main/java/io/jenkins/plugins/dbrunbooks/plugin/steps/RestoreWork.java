package io.jenkins.plugins.dbrunbooks.plugin.steps;

import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreOperation;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreRequest;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreResult;
import io.jenkins.plugins.dbrunbooks.plugin.runner.AgentWork;

/** Restores a backup on the agent; the request carries the age identity, if any, and nothing else secret. */
record RestoreWork(RestoreRequest request) implements AgentWork<RestoreResult> {
    @Override
    public RestoreResult run(RunbookContext context) {
        return new RestoreOperation(context).run(request);
    }
}
