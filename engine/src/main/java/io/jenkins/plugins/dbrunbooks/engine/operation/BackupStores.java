package io.jenkins.plugins.dbrunbooks.engine.operation;

import io.jenkins.plugins.dbrunbooks.engine.config.Environment;
import io.jenkins.plugins.dbrunbooks.engine.credentials.ObjectStoreLogins;
import io.jenkins.plugins.dbrunbooks.engine.store.BackupStore;
import io.jenkins.plugins.dbrunbooks.engine.store.LocalDirectoryStore;
import io.jenkins.plugins.dbrunbooks.engine.store.s3.S3BackupStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** The store of each environment, as its backup root says: a directory, or an S3 bucket and prefix. */
public final class BackupStores {
    private BackupStores() {
    }

    /**
     * Opens each environment's store once per caller and keeps it: an object store holds a client with its
     * connections, which every operation of one run shares.
     */
    public static Function<Environment, BackupStore> of(ObjectStoreLogins logins) {
        Map<String, BackupStore> opened = new ConcurrentHashMap<>();
        return environment -> opened.computeIfAbsent(environment.name() + "\u0000" + environment.backupRoot(),
                key -> open(environment, logins));
    }

    public static BackupStore open(Environment environment, ObjectStoreLogins logins) {
        if (environment.usesObjectStore()) {
            return S3BackupStore.open(environment.backupRoot(), environment.objectStore(),
                    logins.resolve(environment));
        }
        return new LocalDirectoryStore(Path.of(environment.backupRoot()));
    }
}
