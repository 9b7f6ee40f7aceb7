package io.jenkins.plugins.dbrunbooks.engine.method;

import io.jenkins.plugins.dbrunbooks.engine.config.Timeouts;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How one engine's JDBC URLs begin and what its driver is told on every connection, above all the application
 * name a DBA sees. Each engine spells its prefixes here and nowhere else.
 *
 * @param driverClass the driver to load by name where the service loader does not see it
 * @param timeoutProperties how the driver spells the timeouts, each driver in its own names and units
 * @param sessionSetup statements every connection runs first, one after the other
 */
public record JdbcScheme(List<String> prefixes, String driverClass, Map<String, String> driverProperties,
        TimeoutProperties timeoutProperties, List<String> sessionSetup) {
    public JdbcScheme {
        prefixes = List.copyOf(prefixes);
        sessionSetup = sessionSetup == null ? List.of() : List.copyOf(sessionSetup);
        driverProperties = Map.copyOf(driverProperties);
        timeoutProperties = timeoutProperties == null ? TimeoutProperties.NONE : timeoutProperties;
    }

    /** A scheme whose connections need no setup. */
    public JdbcScheme(List<String> prefixes, String driverClass, Map<String, String> driverProperties,
            TimeoutProperties timeoutProperties) {
        this(prefixes, driverClass, driverProperties, timeoutProperties, null);
    }

    /** A scheme whose driver has no network timeouts to set (an embedded database). */
    public JdbcScheme(List<String> prefixes, String driverClass, Map<String, String> driverProperties) {
        this(prefixes, driverClass, driverProperties, TimeoutProperties.NONE);
    }

    /** The driver properties of a connection that waits no longer than {@code timeouts}. */
    public Map<String, String> driverProperties(Timeouts timeouts) {
        Map<String, String> all = new HashMap<>(driverProperties);
        all.putAll(timeoutProperties.of(timeouts));
        return all;
    }

    /** The name under which the driver takes the connect timeout, for messages; empty where there is none. */
    public String connectTimeoutName() {
        return timeoutProperties.connectName();
    }

    /** Turns timeouts into the properties of one driver. */
    public interface TimeoutProperties {
        TimeoutProperties NONE = new TimeoutProperties() {
            @Override
            public Map<String, String> of(Timeouts timeouts) {
                return Map.of();
            }

            @Override
            public String connectName() {
                return "";
            }
        };

        Map<String, String> of(Timeouts timeouts);

        String connectName();
    }

    public boolean serves(String jdbcUrl) {
        return jdbcUrl != null && prefixes.stream().anyMatch(jdbcUrl::startsWith);
    }

    /** The first prefix, the one the engine's examples use. */
    public String prefix() {
        return prefixes.get(0);
    }
}
