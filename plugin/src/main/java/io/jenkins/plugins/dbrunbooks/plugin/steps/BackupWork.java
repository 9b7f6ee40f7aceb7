package io.jenkins.plugins.dbrunbooks.plugin.steps;

import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupResult;
import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import io.jenkins.plugins.dbrunbooks.plugin.runner.AgentWork;

/** Takes a backup on the agent. */
record BackupWork(BackupRequest request) implements AgentWork<BackupResult> {
    @Override
    public BackupResult run(RunbookContext context) {
        return new BackupOperation(context).run(request);
    }
}
