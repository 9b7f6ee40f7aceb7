package io.jenkins.plugins.dbrunbooks.plugin.maintenance;

import io.jenkins.plugins.dbrunbooks.plugin.config.EnvironmentConfig;
import io.jenkins.plugins.dbrunbooks.plugin.config.RunbooksConfiguration;
import java.util.Arrays;

/** Environments without databases, for tests that only need their names. */
final class RunbookFixtureEnvironments {
    private RunbookFixtureEnvironments() {
    }

    static void configure(String... names) {
        RunbooksConfiguration.get().setEnvironments(Arrays.stream(names).map(EnvironmentConfig::new).toList());
    }
}
