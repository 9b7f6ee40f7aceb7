package io.jenkins.plugins.dbrunbooks.plugin.changes;

import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEntry;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent;
import io.jenkins.plugins.dbrunbooks.plugin.audit.AuditTrail;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The configuration change events of the audit trail, as tests look at them. */
final class ChangeEvents {
    private ChangeEvents() {
    }

    /** Every change event, oldest first. */
    static List<AuditEntry> all() {
        List<AuditEntry> oldestFirst = new ArrayList<>(
                AuditTrail.get().recent(10_000, e -> e.kind() == AuditEvent.Kind.CHANGE));
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    /** The change events of one job, oldest first. */
    static List<AuditEntry> ofJob(String job) {
        return all().stream().filter(e -> job.equals(e.event().job())).toList();
    }

    static String auditFile() throws IOException {
        return Files.readString(AuditTrail.get().file().toPath(), StandardCharsets.UTF_8);
    }
}
