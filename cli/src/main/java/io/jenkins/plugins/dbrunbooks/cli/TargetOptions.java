package io.jenkins.plugins.dbrunbooks.cli;

import picocli.CommandLine.Option;

/** The configured database a command works on. */
final class TargetOptions {
    @Option(names = {"-e", "--environment"}, required = true, paramLabel = "ENV",
            description = "Environment name, as configured.")
    String environment;

    @Option(names = {"-d", "--database"}, required = true, paramLabel = "DB",
            description = "Database name within the environment, as configured.")
    String database;

    String describe() {
        return "'" + environment + "/" + database + "'";
    }
}
