package io.jenkins.plugins.dbrunbooks.engine.audit;

/** Receives audit events: a file, a build's record, or several at once. */
@FunctionalInterface
public interface AuditSink {
    AuditSink NONE = event -> { };

    void record(AuditEvent event);

    /** Both sinks get every event; a failing first does not starve the second. */
    default AuditSink and(AuditSink other) {
        return event -> {
            try {
                record(event);
            } finally {
                other.record(event);
            }
        };
    }
}
