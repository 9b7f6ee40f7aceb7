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
 * encrypted so that only the holders of the matching identities can read them. {@code drills} says where its
 * restore drills run and what its backups promise.
 */
public record Environment(String name, boolean protectedEnvironment, String backupRoot, Retention retention,
        List<String> ageRecipients, List<DatabaseTarget> databases, ObjectStoreSettings objectStore, Drills drills)
        implements Serializable {

    public Environment {
        drills = drills == null ? Drills.NONE : drills;
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

    /** An environment whose backups live in a directory, without drill settings or targets. */
    public Environment(String name, boolean protectedEnvironment, String backupRoot, Retention retention,
            List<String> ageRecipients, List<DatabaseTarget> databases) {
        this(name, protectedEnvironment, backupRoot, retention, ageRecipients, databases, null, Drills.NONE);
    }

    /** An environment without drill settings or targets. */
    public Environment(String name, boolean protectedEnvironment, String backupRoot, Retention retention,
            List<String> ageRecipients, List<DatabaseTarget> databases, ObjectStoreSettings objectStore) {
        this(name, protectedEnvironment, backupRoot, retention, ageRecipients, databases, objectStore, Drills.NONE);
    }

    /** An environment whose backups live in a directory. */
    public Environment(String name, boolean protectedEnvironment, String backupRoot, Retention retention,
            List<String> ageRecipients, List<DatabaseTarget> databases, Drills drills) {
        this(name, protectedEnvironment, backupRoot, retention, ageRecipients, databases, null, drills);
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

    /** The recovery targets of one of its databases: the database's own, else the environment's. */
    public RecoveryTargets targets(DatabaseTarget database) {
        return database.targets().orElse(drills.targets());
    }

    /**
     * Restore drills of an environment and its recovery targets.
     *
     * @param target {@code environment/database} of another configured database on whose server drills of this
     *     environment's backups restore their scratch copies; null for each database's own server
     */
    public record Drills(String target, RecoveryTargets targets) implements Serializable {
        public static final Drills NONE = new Drills(null, RecoveryTargets.NONE);

        public Drills {
            target = target == null || target.isBlank() ? null : target.trim();
            targets = targets == null ? RecoveryTargets.NONE : targets;
            if (target != null && !target.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,62}/[A-Za-z0-9][A-Za-z0-9_-]{0,62}")) {
                throw new RunbookException(ErrorKind.CONFIGURATION, "Drill target '" + Names.printable(target)
                        + "' is not environment/database", "Name a configured database, such as drills/postgres.");
            }
        }
    }
}
