package io.jenkins.plugins.dbrunbooks.plugin.steps;

import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import io.jenkins.plugins.dbrunbooks.engine.scratch.ScratchCopyOperation;
import io.jenkins.plugins.dbrunbooks.plugin.runner.AgentWork;

/**
 * Drops a scratch database on the server of {@code environment/database}, as the login that created it.
 * Dropping one that is already gone does nothing, so a second attempt is harmless.
 */
record DropWork(String environment, String database, String scratchDatabase) implements AgentWork<String> {
    @Override
    public String run(RunbookContext context) {
        new ScratchCopyOperation(context).drop(environment, database, scratchDatabase);
        return scratchDatabase;
    }
}
