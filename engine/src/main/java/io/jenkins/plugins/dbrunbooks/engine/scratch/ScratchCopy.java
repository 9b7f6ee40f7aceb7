package io.jenkins.plugins.dbrunbooks.engine.scratch;

import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreResult;
import java.io.Serializable;

/**
 * A scratch database that exists: where it is, and the restore that made it. Serializable, so work done on an
 * agent comes back whole and the copy can be dropped later, from elsewhere, by its name.
 *
 * @param environment the configured environment whose server holds it
 * @param database the configured database it sits beside, whose restore login made it
 */
public record ScratchCopy(String environment, String database, RestoreResult restore) implements Serializable {

    /** The scratch database's name on the server. */
    public String name() {
        return restore.targetDatabase();
    }

    public String jdbcUrl() {
        return restore.jdbcUrl();
    }

    /** The backup the copy was restored from; null for a copy of the live database. */
    public String backupId() {
        return restore.backupId();
    }

    /** What the copy holds, for messages: {@code backup <id>}, or the live database it copies. */
    public String holds() {
        return restore.backupId() != null ? "backup " + restore.backupId()
                : "a live copy of '" + restore.sourceEnvironment() + "/" + restore.sourceDatabase() + "'";
    }
}
