package io.jenkins.plugins.dbrunbooks.plugin.steps;

import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.inventory.Inventory;
import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import io.jenkins.plugins.dbrunbooks.plugin.runner.AgentWork;
import java.util.ArrayList;

/** Lists the backups of one database, newest first, from the agent's store. */
record ListWork(String environment, String database) implements AgentWork<ArrayList<Manifest>> {
    @Override
    public ArrayList<Manifest> run(RunbookContext context) {
        return new ArrayList<>(new Inventory(context).list(environment, database));
    }
}
