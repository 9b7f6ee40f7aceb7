package io.jenkins.plugins.dbrunbooks.engine.audit;

import io.jenkins.plugins.dbrunbooks.engine.audit.change.ConfigChange;
import java.io.Serializable;
import java.time.Instant;

/**
 * One thing the product did or refused (backup, restore, verify, prune, maintenance on and off), or one change
 * to a runbook's configuration ({@link #change()} set). Built from names, ids, counts and masked text only, never
 * from a secret.
 */
public record AuditEvent(
        Instant time,
        String actor,
        String build,
        String operation,
        String environment,
        String database,
        String backupId,
        String sha256,
        Outcome outcome,
        long durationMillis,
        long bytes,
        String message,
        ConfigChange change) implements Serializable {

    /** The two kinds of event the audit pages filter by. */
    public enum Kind {
        /** An operation: a build's backup or restore, or maintenance mode turned on or off. */
        RUN,
        /** A change to the global configuration or to a job that uses the runbook steps. */
        CHANGE
    }

    public enum Outcome {
        SUCCESS, FAILURE, REFUSED
    }

    /** An operation's event, without a configuration change. */
    public AuditEvent(Instant time, String actor, String build, String operation, String environment,
            String database, String backupId, String sha256, Outcome outcome, long durationMillis, long bytes,
            String message) {
        this(time, actor, build, operation, environment, database, backupId, sha256, outcome, durationMillis, bytes,
                message, null);
    }

    /** A configuration change's event; its operation names what changed and how. */
    public static AuditEvent of(Instant time, String actor, ConfigChange change) {
        return new AuditEvent(time, actor, null, change.operation(), String.join(",", change.environments()),
                null, null, null, Outcome.SUCCESS, 0, 0, change.summary(), change);
    }

    public Kind kind() {
        return change == null ? Kind.RUN : Kind.CHANGE;
    }

    /** The job of the event: the changed job, or the job of the build that ran the operation; null if none. */
    public String job() {
        if (change != null) {
            return change.job();
        }
        if (build == null) {
            return null;
        }
        int hash = build.lastIndexOf('#');
        return hash < 0 ? build : build.substring(0, hash);
    }

    /** Whether the event concerns {@code name}, one of the comma-separated environments it names. */
    public boolean concernsEnvironment(String name) {
        if (environment == null || name == null) {
            return false;
        }
        for (String one : environment.split(",")) {
            if (one.trim().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
