package io.jenkins.plugins.dbrunbooks.cli;

import io.jenkins.plugins.dbrunbooks.engine.config.RunbookConfig;
import io.jenkins.plugins.dbrunbooks.engine.credentials.CredentialResolver;
import io.jenkins.plugins.dbrunbooks.engine.credentials.ObjectStoreLogins;
import java.nio.file.Path;
import java.util.List;

/**
 * A loaded configuration file: the engine's model plus what only the command line needs.
 *
 * @param warnings what the configuration policy advises against, one line each with its hint, for stderr
 */
record CliConfig(RunbookConfig runbooks, CredentialResolver credentials, ObjectStoreLogins objectStoreLogins,
        Path auditLog, List<Path> toolPaths, Path workDir, List<String> warnings) {

    CliConfig {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
