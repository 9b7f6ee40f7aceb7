package io.jenkins.plugins.dbrunbooks.plugin.steps;

import io.jenkins.plugins.dbrunbooks.engine.drill.DrillOperation;
import io.jenkins.plugins.dbrunbooks.engine.drill.DrillRecord;
import io.jenkins.plugins.dbrunbooks.engine.drill.DrillRequest;
import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import io.jenkins.plugins.dbrunbooks.plugin.runner.AgentWork;

/** Drills a backup on the agent that reads its store and reaches the drill target's server. */
record DrillWork(DrillRequest request) implements AgentWork<DrillRecord> {
    @Override
    public DrillRecord run(RunbookContext context) {
        return new DrillOperation(context).run(request);
    }
}
