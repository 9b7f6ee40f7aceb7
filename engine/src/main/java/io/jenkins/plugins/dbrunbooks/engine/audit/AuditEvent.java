package io.jenkins.plugins.dbrunbooks.engine.audit;

import java.io.Serializable;
import java.time.Instant;

/**
 * One thing the product did or refused: backup, restore, verify, prune, maintenance on and off. Built from
 * names, ids and counts only, never from a secret.
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
        String message) implements Serializable {

    public enum Outcome {
        SUCCESS, FAILURE, REFUSED
    }
}
