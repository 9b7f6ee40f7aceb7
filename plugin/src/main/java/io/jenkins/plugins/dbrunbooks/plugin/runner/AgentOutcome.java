package io.jenkins.plugins.dbrunbooks.plugin.runner;

import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import java.io.Serializable;
import java.util.List;

/**
 * What comes back from the agent: the result or the error, and in both cases the audit events the engine
 * recorded, so that a failed or refused operation is audited on the controller too.
 */
record AgentOutcome<R extends Serializable>(R result, ErrorKind errorKind, String errorMessage, String errorHint,
        List<AuditEvent> events) implements Serializable {
}
