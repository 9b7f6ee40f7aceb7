package io.jenkins.plugins.dbrunbooks.plugin.steps;

import io.jenkins.plugins.dbrunbooks.engine.inventory.Inventory;
import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import io.jenkins.plugins.dbrunbooks.engine.store.BackupListing;
import io.jenkins.plugins.dbrunbooks.plugin.runner.AgentWork;

/** Lists the backups of one database, newest first, and the manifests it cannot read, from the agent's store. */
record ListWork(String environment, String database) implements AgentWork<BackupListing> {
    @Override
    public BackupListing run(RunbookContext context) {
        return new Inventory(context).scan(environment, database);
    }
}
