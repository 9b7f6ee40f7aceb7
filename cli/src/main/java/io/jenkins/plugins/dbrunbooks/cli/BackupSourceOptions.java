package io.jenkins.plugins.dbrunbooks.cli;

import io.jenkins.plugins.dbrunbooks.engine.artifact.AgeKeys;
import io.jenkins.plugins.dbrunbooks.engine.credentials.SecretValue;
import io.jenkins.plugins.dbrunbooks.engine.inventory.BackupRef;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which backup a command loads into a database, where it comes from, and what it takes to read and load it. */
final class BackupSourceOptions {
    @Option(names = "--backup", paramLabel = "ID", defaultValue = BackupRef.LATEST,
            description = "The backup id, or 'latest' (default).")
    String backup;

    @Option(names = "--from-environment", paramLabel = "ENV",
            description = "Take the backup from this environment (default: the target's).")
    String fromEnvironment;

    @Option(names = "--from-database", paramLabel = "DB",
            description = "Take the backup of this database (default: the target's).")
    String fromDatabase;

    @Option(names = "--confirm", paramLabel = "ENV",
            description = "Name of the target environment; required when it is protected.")
    String confirm;

    @Option(names = "--identity", paramLabel = "FILE", description = "age identity file for encrypted backups.")
    Path identity;

    /** The age identity read from {@code --identity}, or null when none was given. */
    SecretValue ageIdentity() {
        return identity == null ? null : AgeKeys.readIdentityFile(identity);
    }
}
