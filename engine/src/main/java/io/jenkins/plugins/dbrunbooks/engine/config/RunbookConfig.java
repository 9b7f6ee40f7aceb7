package io.jenkins.plugins.dbrunbooks.engine.config;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Every environment the engine knows, as Jenkins or the CLI configured them. */
public record RunbookConfig(List<Environment> environments) implements Serializable {

    public RunbookConfig {
        environments = environments == null ? List.of() : List.copyOf(environments);
        Set<String> seen = new HashSet<>();
        for (Environment environment : environments) {
            if (!seen.add(environment.name())) {
                throw new RunbookException(ErrorKind.CONFIGURATION,
                        "Environment '" + environment.name() + "' is configured twice");
            }
        }
        for (Environment environment : environments) {
            requireDrillTarget(environment, environments);
        }
    }

    /** A drill target names a configured database, whose restore login makes the drills' scratch copies. */
    private static void requireDrillTarget(Environment environment, List<Environment> environments) {
        String target = environment.drills().target();
        if (target == null) {
            return;
        }
        String[] parts = target.split("/", 2);
        boolean known = environments.stream().anyMatch(e -> e.name().equals(parts[0])
                && e.databases().stream().anyMatch(d -> d.name().equals(parts[1])));
        if (!known) {
            throw new RunbookException(ErrorKind.CONFIGURATION, "Environment '" + environment.name()
                    + "' has drill target '" + target + "', which is not a configured database",
                    "Name one as environment/database; its server receives the drills' scratch copies.");
        }
    }

    public Environment environment(String name) {
        return environments.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new RunbookException(ErrorKind.NOT_FOUND,
                        "Environment '" + Names.printable(name) + "' is not configured",
                        environments.isEmpty() ? "No environment is configured yet."
                                : "Known environments: "
                                        + String.join(", ", environments.stream().map(Environment::name).toList())
                                        + "."));
    }
}
