package io.jenkins.plugins.dbrunbooks.engine.inventory;

import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.cleanup.Leftovers;
import io.jenkins.plugins.dbrunbooks.engine.config.Environment;
import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import io.jenkins.plugins.dbrunbooks.engine.store.BackupListing;
import io.jenkins.plugins.dbrunbooks.engine.store.IncompleteRestore;
import io.jenkins.plugins.dbrunbooks.engine.store.LocalDirectoryStore;
import io.jenkins.plugins.dbrunbooks.engine.store.StoredBackup;
import java.nio.file.Path;
import java.util.List;

/** What backups exist and what one holds; reads manifests only. */
public final class Inventory {
    private final RunbookContext context;

    public Inventory(RunbookContext context) {
        this.context = context;
    }

    /** Complete backups of a configured database, newest first. */
    public List<Manifest> list(String environmentName, String databaseName) {
        return scan(environmentName, databaseName).backups().stream().map(StoredBackup::manifest).toList();
    }

    /** Complete backups of a configured database, newest first, and the manifests that cannot be read. */
    public BackupListing scan(String environmentName, String databaseName) {
        Environment environment = context.config().environment(environmentName);
        environment.database(databaseName);
        Leftovers.sweep(context, environmentName, databaseName, null);
        warnIfIncomplete(context, environmentName, databaseName);
        return context.store(environment).scan(environmentName, databaseName);
    }

    /** Says so when a restore into the database began and did not finish. */
    public static void warnIfIncomplete(RunbookContext context, String environmentName, String databaseName) {
        IncompleteRestore.of(context.store(context.config().environment(environmentName)), environmentName,
                databaseName).ifPresent(left -> context.listener().message(left.describe(environmentName,
                        databaseName)));
    }

    /**
     * A backup file given by path, either its manifest or its payload; works without any configuration, as when
     * a backup is found on a disk with no Jenkins around. The directory holding it is read as a store, so only
     * files inside it are read.
     */
    public static LooseBackup inspect(Path file) {
        LocalDirectoryStore store = LocalDirectoryStore.around(file);
        return new LooseBackup(store, store.openLoose(file.getFileName().toString()));
    }
}
