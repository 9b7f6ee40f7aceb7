package io.jenkins.plugins.dbrunbooks.plugin.steps;

import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import io.jenkins.plugins.dbrunbooks.engine.retention.PruneOperation;
import io.jenkins.plugins.dbrunbooks.engine.retention.PruneRequest;
import io.jenkins.plugins.dbrunbooks.engine.retention.PruneResult;
import io.jenkins.plugins.dbrunbooks.plugin.runner.AgentWork;

/** Applies retention on the agent that holds the store. */
record PruneWork(PruneRequest request) implements AgentWork<PruneResult> {
    @Override
    public PruneResult run(RunbookContext context) {
        return new PruneOperation(context).run(request);
    }
}
