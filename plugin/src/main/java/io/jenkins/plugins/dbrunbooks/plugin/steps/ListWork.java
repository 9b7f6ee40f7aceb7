package io.jenkins.plugins.dbrunbooks.plugin.steps;

import io.jenkins.plugins.dbrunbooks.engine.drill.Proof;
import io.jenkins.plugins.dbrunbooks.engine.inventory.Inventory;
import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import io.jenkins.plugins.dbrunbooks.engine.store.BackupListing;
import io.jenkins.plugins.dbrunbooks.engine.store.BackupStore;
import io.jenkins.plugins.dbrunbooks.plugin.runner.AgentWork;
import java.io.Serializable;
import java.util.List;

/**
 * Lists the backups of one database, newest first, and the manifests it cannot read, from the agent's store, with
 * how far each backup was proven: the notes beside the backups are only read where the store is.
 */
record ListWork(String environment, String database) implements AgentWork<ListWork.Proven> {
    @Override
    public Proven run(RunbookContext context) {
        BackupListing listing = new Inventory(context).scan(environment, database);
        BackupStore store = context.store(context.config().environment(environment));
        return new Proven(listing, listing.backups().stream().map(b -> Proof.of(store, b)).toList());
    }

    /** @param proofs one per backup of the listing, in its order */
    record Proven(BackupListing listing, List<Proof> proofs) implements Serializable {
    }
}
