package io.jenkins.plugins.dbrunbooks.plugin.steps;

import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import io.jenkins.plugins.dbrunbooks.engine.status.StatusOperation;
import io.jenkins.plugins.dbrunbooks.engine.status.StatusReport;
import io.jenkins.plugins.dbrunbooks.plugin.runner.AgentWork;

/** The status of every database (or one environment's) from the stores the agent reads. */
record StatusWork(String environment) implements AgentWork<StatusReport> {
    @Override
    public StatusReport run(RunbookContext context) {
        return new StatusOperation(context).run(environment);
    }
}
