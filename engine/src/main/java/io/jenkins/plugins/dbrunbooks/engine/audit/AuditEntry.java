package io.jenkins.plugins.dbrunbooks.engine.audit;

/** An event as the audit log holds it, with the hash that identifies its line and links to it. */
public record AuditEntry(AuditEvent event, String hash) {
}
