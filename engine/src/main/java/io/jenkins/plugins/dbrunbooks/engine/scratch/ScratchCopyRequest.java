package io.jenkins.plugins.dbrunbooks.engine.scratch;

import io.jenkins.plugins.dbrunbooks.engine.config.Names;
import io.jenkins.plugins.dbrunbooks.engine.credentials.SecretValue;
import io.jenkins.plugins.dbrunbooks.engine.inventory.BackupRef;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreRequest;
import java.io.Serializable;

/**
 * A backup to restore into a new scratch database on the server of {@code environment/database}. The scratch
 * name is chosen when the request is made, so a caller can name the database in messages (or drop it) even when
 * the copy is interrupted half-way.
 *
 * @param backup {@code latest} or an id
 * @param fromEnvironment the environment whose backup to take; the target's own when null
 * @param fromDatabase the database whose backup to take; the target's own when null
 * @param confirm must name the target environment when it is protected
 * @param ageIdentity content of the age identity file, for encrypted backups
 * @param scratchName the new database, from {@link Names#scratchDatabase}
 * @param live copy the source database as it is now instead of a backup of it (then {@code backup} and
 *     {@code ageIdentity} play no part): read with its backup login, streamed straight into the new database
 */
public record ScratchCopyRequest(String environment, String database, String backup, String fromEnvironment,
        String fromDatabase, String confirm, SecretValue ageIdentity, String scratchName, boolean live)
        implements Serializable {

    public ScratchCopyRequest {
        backup = backup == null || backup.isBlank() ? BackupRef.LATEST : backup;
        Names.requireDatabaseName(scratchName);
    }

    public ScratchCopyRequest(String environment, String database, String backup, String fromEnvironment,
            String fromDatabase, String confirm, SecretValue ageIdentity, String scratchName) {
        this(environment, database, backup, fromEnvironment, fromDatabase, confirm, ageIdentity, scratchName, false);
    }

    /**
     * A copy of the latest backup, into a new name made of the database's and {@code tag} (such as a build
     * number; null for none).
     */
    public static ScratchCopyRequest of(String environment, String database, String tag) {
        return new ScratchCopyRequest(environment, database, BackupRef.LATEST, null, null, null, null,
                Names.scratchDatabase(database, tag));
    }

    public String sourceEnvironment() {
        return toRestore().sourceEnvironment();
    }

    public String sourceDatabase() {
        return toRestore().sourceDatabase();
    }

    public ScratchCopyRequest withBackup(String ref) {
        return new ScratchCopyRequest(environment, database, ref, fromEnvironment, fromDatabase, confirm, ageIdentity,
                scratchName, live);
    }

    public ScratchCopyRequest from(String env, String db) {
        return new ScratchCopyRequest(environment, database, backup, env, db, confirm, ageIdentity, scratchName,
                live);
    }

    public ScratchCopyRequest confirmedFor(String env) {
        return new ScratchCopyRequest(environment, database, backup, fromEnvironment, fromDatabase, env, ageIdentity,
                scratchName, live);
    }

    public ScratchCopyRequest withIdentity(SecretValue identity) {
        return new ScratchCopyRequest(environment, database, backup, fromEnvironment, fromDatabase, confirm, identity,
                scratchName, live);
    }

    /** The same copy, taken from the live source database when {@code fromLive}, else from its backup. */
    public ScratchCopyRequest fromLive(boolean fromLive) {
        return new ScratchCopyRequest(environment, database, backup, fromEnvironment, fromDatabase, confirm,
                ageIdentity, scratchName, fromLive);
    }

    /** The same copy into a new database of this name instead of the generated one. */
    public ScratchCopyRequest named(String name) {
        return new ScratchCopyRequest(environment, database, backup, fromEnvironment, fromDatabase, confirm,
                ageIdentity, name, live);
    }

    /** The live copy into the new database that makes the copy, when {@link #live}. */
    LiveCopyRequest toLiveCopy() {
        return new LiveCopyRequest(environment, database, fromEnvironment, fromDatabase, scratchName, confirm);
    }

    /** The restore into the new database that makes the copy. */
    RestoreRequest toRestore() {
        return RestoreRequest.of(environment, database).withBackup(backup).from(fromEnvironment, fromDatabase)
                .intoNew(scratchName).confirmedFor(confirm).withIdentity(ageIdentity);
    }
}
