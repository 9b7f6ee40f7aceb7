package io.jenkins.plugins.dbrunbooks.engine.method;

import java.util.List;
import java.util.Map;

/**
 * How one engine's JDBC URLs begin and what its driver is told on every connection, above all the application
 * name a DBA sees. Each engine spells its prefixes here and nowhere else.
 *
 * @param driverClass the driver to load by name where the service loader does not see it
 */
public record JdbcScheme(List<String> prefixes, String driverClass, Map<String, String> driverProperties) {
    public JdbcScheme {
        prefixes = List.copyOf(prefixes);
        driverProperties = Map.copyOf(driverProperties);
    }

    public boolean serves(String jdbcUrl) {
        return jdbcUrl != null && prefixes.stream().anyMatch(jdbcUrl::startsWith);
    }

    /** The first prefix, the one the engine's examples use. */
    public String prefix() {
        return prefixes.get(0);
    }
}
