package io.jenkins.plugins.dbrunbooks.engine.config;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An environment (dev, qa, prod...) with its databases. Backups go under {@code backupRoot}, a directory or an
 * {@code s3://bucket/prefix} reached with {@code objectStore}; where {@code ageRecipients} is not empty they are
 * encrypted so that only the holders of the matching identities can read them.
 */
public record Environment(String name, boolean protectedEnvironment, String backupRoot, Retention retention,
        List<String> ageRecipients, List<DatabaseTarget> databases, ObjectStoreSettings objectStore)
        implements Serializable {

    public Environment {
        Names.requireName("Environment", name);
        if (backupRoot == null || backupRoot.isBlank()) {
            throw new RunbookException(ErrorKind.CONFIGURATION,
                    "Environment '" + name + "' has no backup root",
                    "Set the directory where its backups are kept.");
        }
        if (ObjectStoreRoot.isObjectStore(backupRoot)) {
            ObjectStoreRoot.parse(backupRoot);
            objectStore = objectStore == null ? ObjectStoreSettings.AWS : objectStore;
        } else if (objectStore != null) {
            throw new RunbookException(ErrorKind.CONFIGURATION, "Environment '" + name + "' has object store"
                    + " settings but its backup root '" + backupRoot + "' is a directory",
                    "Give an s3://bucket/prefix backup root, or remove the object store settings.");
        }
        retention = retention == null ? Retention.KEEP_ALL : retention;
        ageRecipients = ageRecipients == null ? List.of() : List.copyOf(ageRecipients);
        databases = databases == null ? List.of() : List.copyOf(databases);
        Set<String> seen = new HashSet<>();
        for (DatabaseTarget database : databases) {
            if (!seen.add(database.name())) {
                throw new RunbookException(ErrorKind.CONFIGURATION,
                        "Environment '" + name + "' lists database '" + database.name() + "' twice");
            }
        }
    }

    /** An environment whose backups live in a directory. */
    public Environment(String name, boolean protectedEnvironment, String backupRoot, Retention retention,
            List<String> ageRecipients, List<DatabaseTarget> databases) {
        this(name, protectedEnvironment, backupRoot, retention, ageRecipients, databases, null);
    }

    public boolean usesObjectStore() {
        return objectStore != null;
    }

    public DatabaseTarget database(String databaseName) {
        return databases.stream().filter(d -> d.name().equals(databaseName)).findFirst()
                .orElseThrow(() -> new RunbookException(ErrorKind.NOT_FOUND,
                        "Environment '" + name + "' has no database '" + databaseName + "'",
                        "Known databases: " + String.join(", ", databases.stream().map(DatabaseTarget::name).toList())
                                + "."));
    }

    public boolean encrypts() {
        return !ageRecipients.isEmpty();
    }
}
