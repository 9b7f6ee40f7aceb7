package io.jenkins.plugins.dbrunbooks.engine.config;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An environment (dev, qa, prod...) with its databases. Backups go under {@code backupRoot}; where
 * {@code ageRecipients} is not empty they are encrypted so that only the holders of the matching identities can
 * read them.
 */
public record Environment(String name, boolean protectedEnvironment, String backupRoot, Retention retention,
        List<String> ageRecipients, List<DatabaseTarget> databases) implements Serializable {

    public Environment {
        Names.requireName("Environment", name);
        if (backupRoot == null || backupRoot.isBlank()) {
            throw new RunbookException(ErrorKind.CONFIGURATION,
                    "Environment '" + name + "' has no backup root",
                    "Set the directory where its backups are kept.");
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
