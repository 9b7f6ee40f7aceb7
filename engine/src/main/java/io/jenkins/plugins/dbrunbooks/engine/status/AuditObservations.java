package io.jenkins.plugins.dbrunbooks.engine.status;

import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent;
import io.jenkins.plugins.dbrunbooks.engine.config.DatabaseTarget;
import io.jenkins.plugins.dbrunbooks.engine.config.Environment;
import io.jenkins.plugins.dbrunbooks.engine.config.RunbookConfig;
import io.jenkins.plugins.dbrunbooks.engine.drill.DrillOperation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The status table from an audit trail instead of the stores, for a place that keeps the events but cannot read
 * the backups (a Jenkins controller whose backups live on agents). The newest successful {@code backup} event
 * that is not a safety backup, and the newest {@code drill} event that passed or failed, stand for what the store
 * would show; a drill's restore time is read from its message, which the drill writes as
 * {@code restored in <seconds> s}.
 */
public final class AuditObservations {
    private static final Pattern RESTORED = Pattern.compile("restored in ([0-9]+(?:\\.[0-9]+)?) s");

    private AuditObservations() {
    }

    /** @param newestFirst audit events, newest first, as an audit trail reads them */
    public static StatusReport report(RunbookConfig config, List<AuditEvent> newestFirst, Instant now) {
        List<DatabaseStatus> rows = new ArrayList<>();
        for (Environment environment : config.environments()) {
            for (DatabaseTarget database : environment.databases()) {
                rows.add(StatusEvaluator.evaluate(environment.name(), database.name(),
                        observe(newestFirst, environment.name(), database.name()), environment.targets(database),
                        now));
            }
        }
        return new StatusReport(now, rows);
    }

    static Observed observe(List<AuditEvent> newestFirst, String environment, String database) {
        AuditEvent backup = null;
        AuditEvent drill = null;
        for (AuditEvent e : newestFirst) {
            if (!environment.equals(e.environment()) || !database.equals(e.database())) {
                continue;
            }
            if (backup == null && "backup".equals(e.operation()) && e.outcome() == AuditEvent.Outcome.SUCCESS
                    && !Objects.equals(Manifest.SAFETY_LABEL, e.message())) {
                backup = e;
            }
            if (drill == null && "drill".equals(e.operation()) && e.outcome() != AuditEvent.Outcome.REFUSED
                    && e.backupId() != null) {
                drill = e;
            }
            if (backup != null && drill != null) {
                break;
            }
        }
        boolean passed = drill != null && drill.outcome() == AuditEvent.Outcome.SUCCESS;
        boolean checked = passed && drill.message() != null && drill.message().contains(DrillOperation.DATA_MATCHED);
        return new Observed(backup == null ? null : backup.backupId(), backup == null ? null : backup.time(),
                drill == null ? null : drill.time(), drill == null ? null : drill.backupId(), passed, checked,
                passed ? restoreTime(drill.message()) : null);
    }

    /** The restore time a drill's audit message gives, or null where it gives none. */
    public static Duration restoreTime(String message) {
        Matcher m = message == null ? null : RESTORED.matcher(message);
        if (m == null || !m.find()) {
            return null;
        }
        return Duration.ofMillis(Math.round(Double.parseDouble(m.group(1)) * 1000));
    }
}
