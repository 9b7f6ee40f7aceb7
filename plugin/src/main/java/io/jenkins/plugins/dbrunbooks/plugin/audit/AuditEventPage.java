package io.jenkins.plugins.dbrunbooks.plugin.audit;

/** One audit event on a page of its own: a configuration change's fields or diff, or an operation's details. */
public final class AuditEventPage {
    private final AuditRecord record;

    AuditEventPage(AuditRecord record) {
        this.record = record;
    }

    public AuditRecord getRecord() {
        return record;
    }

    public String getDisplayName() {
        return record.getOperation() + " " + record.getShortHash();
    }
}
