package io.jenkins.plugins.dbrunbooks.engine.scratch;

import io.jenkins.plugins.dbrunbooks.engine.config.Names;
import java.io.Serializable;

/**
 * A live database copied into a new database on the server of {@code environment/database}: read as it is now
 * with the source's backup login, written with the target's restore login.
 *
 * @param fromEnvironment the environment of the database to copy; the target's own when null
 * @param fromDatabase the database to copy; the target's own when null
 * @param targetDatabase the new database, which must not exist yet
 * @param confirm must name the target environment when it is protected
 */
public record LiveCopyRequest(String environment, String database, String fromEnvironment, String fromDatabase,
        String targetDatabase, String confirm) implements Serializable {

    public LiveCopyRequest {
        Names.requireDatabaseName(targetDatabase);
    }

    public String sourceEnvironment() {
        return fromEnvironment == null || fromEnvironment.isBlank() ? environment : fromEnvironment;
    }

    public String sourceDatabase() {
        return fromDatabase == null || fromDatabase.isBlank() ? database : fromDatabase;
    }
}
