package io.jenkins.plugins.dbrunbooks.engine.restore;

import io.jenkins.plugins.dbrunbooks.engine.credentials.SecretValue;
import java.io.Serializable;

/**
 * Restore a backup into a configured database.
 *
 * @param backup {@code latest} or an id
 * @param fromEnvironment the environment whose backup to take; the target's own when null
 * @param fromDatabase the database whose backup to take; the target's own when null
 * @param targetDatabase restore into a new database of this name on the target's server instead of replacing
 *     the configured one
 * @param confirm must name the target environment when it is protected
 * @param ageIdentity content of the age identity file, for encrypted backups
 * @param safetyBackup back up the target first where the method replaces it in place
 * @param force end the target's other sessions even when one is this product's own, a backup of it most likely
 * @param acceptLoss the id of the backup whose restore over its own database, in a protected environment, may
 *     throw away what was written since it
 */
public record RestoreRequest(String environment, String database, String backup, String fromEnvironment,
        String fromDatabase, String targetDatabase, String confirm, SecretValue ageIdentity, boolean safetyBackup,
        boolean force, String acceptLoss) implements Serializable {

    public RestoreRequest(String environment, String database, String backup, String fromEnvironment,
            String fromDatabase, String targetDatabase, String confirm, SecretValue ageIdentity, boolean safetyBackup,
            boolean force) {
        this(environment, database, backup, fromEnvironment, fromDatabase, targetDatabase, confirm, ageIdentity,
                safetyBackup, force, null);
    }

    public RestoreRequest(String environment, String database, String backup, String fromEnvironment,
            String fromDatabase, String targetDatabase, String confirm, SecretValue ageIdentity, boolean safetyBackup) {
        this(environment, database, backup, fromEnvironment, fromDatabase, targetDatabase, confirm, ageIdentity,
                safetyBackup, false);
    }

    public static RestoreRequest of(String environment, String database) {
        return new RestoreRequest(environment, database, "latest", null, null, null, null, null, true);
    }

    public String sourceEnvironment() {
        return fromEnvironment == null || fromEnvironment.isBlank() ? environment : fromEnvironment;
    }

    public String sourceDatabase() {
        return fromDatabase == null || fromDatabase.isBlank() ? database : fromDatabase;
    }

    public boolean intoNewDatabase() {
        return targetDatabase != null && !targetDatabase.isBlank();
    }

    public RestoreRequest withBackup(String ref) {
        return new RestoreRequest(environment, database, ref, fromEnvironment, fromDatabase, targetDatabase, confirm,
                ageIdentity, safetyBackup, force, acceptLoss);
    }

    public RestoreRequest from(String env, String db) {
        return new RestoreRequest(environment, database, backup, env, db, targetDatabase, confirm, ageIdentity,
                safetyBackup, force, acceptLoss);
    }

    public RestoreRequest intoNew(String name) {
        return new RestoreRequest(environment, database, backup, fromEnvironment, fromDatabase, name, confirm,
                ageIdentity, safetyBackup, force, acceptLoss);
    }

    public RestoreRequest confirmedFor(String env) {
        return new RestoreRequest(environment, database, backup, fromEnvironment, fromDatabase, targetDatabase, env,
                ageIdentity, safetyBackup, force, acceptLoss);
    }

    public RestoreRequest withIdentity(SecretValue identity) {
        return new RestoreRequest(environment, database, backup, fromEnvironment, fromDatabase, targetDatabase,
                confirm, identity, safetyBackup, force, acceptLoss);
    }

    public RestoreRequest forced(boolean endOwnSessions) {
        return new RestoreRequest(environment, database, backup, fromEnvironment, fromDatabase, targetDatabase,
                confirm, ageIdentity, safetyBackup, endOwnSessions, acceptLoss);
    }

    /** Accepts, in a protected environment, losing what was written since backup {@code backupId}. */
    public RestoreRequest acceptingLoss(String backupId) {
        return new RestoreRequest(environment, database, backup, fromEnvironment, fromDatabase, targetDatabase,
                confirm, ageIdentity, safetyBackup, force, backupId == null || backupId.isBlank() ? null
                        : backupId.trim());
    }

    public RestoreRequest withSafetyBackup(boolean enabled) {
        return new RestoreRequest(environment, database, backup, fromEnvironment, fromDatabase, targetDatabase,
                confirm, ageIdentity, enabled, force, acceptLoss);
    }
}
