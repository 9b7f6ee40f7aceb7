package io.jenkins.plugins.dbrunbooks.engine.drill;

import io.jenkins.plugins.dbrunbooks.engine.config.Environment;
import io.jenkins.plugins.dbrunbooks.engine.config.RunbookConfig;

/**
 * The configured database on whose server a drill makes its scratch copy, as its restore login: the
 * environment's drill target where one is configured, so drills need no rights on the database's own server,
 * else the database itself.
 */
public record DrillTarget(String environment, String database) {

    public static DrillTarget of(RunbookConfig config, Environment source, String database) {
        String configured = source.drills().target();
        if (configured == null) {
            return new DrillTarget(source.name(), database);
        }
        String[] parts = configured.split("/", 2);
        // Fails with the known names when the target is not configured.
        config.environment(parts[0]).database(parts[1]);
        return new DrillTarget(parts[0], parts[1]);
    }

    @Override
    public String toString() {
        return environment + "/" + database;
    }
}
