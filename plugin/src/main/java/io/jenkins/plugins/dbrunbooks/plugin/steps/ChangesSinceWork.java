package io.jenkins.plugins.dbrunbooks.plugin.steps;

import io.jenkins.plugins.dbrunbooks.engine.changes.ChangesSince;
import io.jenkins.plugins.dbrunbooks.engine.changes.ChangesSinceOperation;
import io.jenkins.plugins.dbrunbooks.engine.changes.ChangesSinceRequest;
import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import io.jenkins.plugins.dbrunbooks.plugin.runner.AgentWork;

/** Reads a backup's manifest and its database's position on the agent that can reach both. */
record ChangesSinceWork(ChangesSinceRequest request) implements AgentWork<ChangesSince> {
    @Override
    public ChangesSince run(RunbookContext context) {
        return new ChangesSinceOperation(context).run(request);
    }
}
