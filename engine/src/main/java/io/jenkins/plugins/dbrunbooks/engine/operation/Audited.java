package io.jenkins.plugins.dbrunbooks.engine.operation;

import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent.Outcome;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs an operation and records exactly one audit event for it, whatever happens: its result on success, its
 * error (a refusal when the request itself was not allowed) on failure. An operation that completed but could not
 * be audited fails with {@link UnauditedResult}, which still carries its result.
 */
public final class Audited {
    private Audited() {
    }

    /** What the event says of a finished operation. */
    public record Facts(String backupId, String sha256, long bytes, String message, Outcome outcome) {
        public Facts(String backupId, String sha256, long bytes, String message) {
            this(backupId, sha256, bytes, message, Outcome.SUCCESS);
        }
    }

    public static <T> T run(RunbookContext context, String operation, String environment, String database,
            Supplier<T> work, Function<T, Facts> facts) {
        Instant start = context.clock().instant();
        T result;
        try {
            result = work.get();
        } catch (RunbookException e) {
            Outcome outcome = refused(e.kind()) ? Outcome.REFUSED : Outcome.FAILURE;
            recordFailure(context, operation, environment, database, start, outcome,
                    new Facts(null, null, 0, e.getMessage()), e);
            throw e;
        } catch (RuntimeException | Error e) {
            recordFailure(context, operation, environment, database, start, Outcome.FAILURE,
                    new Facts(null, null, 0, e.getClass().getSimpleName()), e);
            throw e;
        }
        Facts f = facts.apply(result);
        try {
            record(context, operation, environment, database, start, f.outcome(), f);
        } catch (RuntimeException e) {
            throw new UnauditedResult(operation.substring(0, 1).toUpperCase(Locale.ROOT)
                    + operation.substring(1) + " of '" + environment + "/" + database + "'",
                    result instanceof Serializable s ? s : null,
                    f.backupId() == null ? null : "backup " + f.backupId(), e);
        }
        return result;
    }

    /**
     * Records that an operation began to change something ({@code <operation>-started}), for operations a killed
     * process could leave half-done: their end event then may never come.
     */
    public static void started(RunbookContext context, String operation, String environment, String database,
            String backupId, String message) {
        Instant now = context.clock().instant();
        record(context, operation + "-started", environment, database, now, Outcome.SUCCESS,
                new Facts(backupId, null, 0, message));
    }

    private static boolean refused(ErrorKind kind) {
        return kind == ErrorKind.CONFIRMATION_REQUIRED || kind == ErrorKind.USAGE || kind == ErrorKind.NOT_FOUND
                || kind == ErrorKind.CONFIGURATION || kind == ErrorKind.TARGET_EXISTS || kind == ErrorKind.TARGET_BUSY;
    }

    /** The operation's own failure is what the caller hears; an audit failure on top is kept with it. */
    private static void recordFailure(RunbookContext context, String operation, String environment,
            String database, Instant start, Outcome outcome, Facts facts, Throwable failure) {
        try {
            record(context, operation, environment, database, start, outcome, facts);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static void record(RunbookContext context, String operation, String environment, String database,
            Instant start, Outcome outcome, Facts facts) {
        Instant end = context.clock().instant();
        context.audit().record(new AuditEvent(end, context.actor().user(), context.actor().build(), operation,
                environment, database, facts.backupId(), facts.sha256(), outcome,
                Duration.between(start, end).toMillis(), facts.bytes(), facts.message()));
    }
}
