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
