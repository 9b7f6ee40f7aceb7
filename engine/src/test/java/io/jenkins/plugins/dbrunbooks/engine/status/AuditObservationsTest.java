package io.jenkins.plugins.dbrunbooks.engine.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent;
import io.jenkins.plugins.dbrunbooks.engine.config.DatabaseTarget;
import io.jenkins.plugins.dbrunbooks.engine.config.Environment;
import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.config.RecoveryTargets;
import io.jenkins.plugins.dbrunbooks.engine.config.Retention;
import io.jenkins.plugins.dbrunbooks.engine.config.RunbookConfig;
import io.jenkins.plugins.dbrunbooks.engine.drill.DrillOperation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class AuditObservationsTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private static AuditEvent event(Duration ago, String operation, String db, String id, AuditEvent.Outcome outcome,
            String message) {
        return new AuditEvent(NOW.minus(ago), "jenkins", "job #1", operation, "prod", db, id, null, outcome, 10, 0,
                message);
    }

    @Test
    public void shouldTellADrillThatCheckedTheDataFromOneThatProvedOnlyTheRestore() {
        List<AuditEvent> newestFirst = List.of(event(Duration.ofHours(2), "drill", "orders", "b2",
                AuditEvent.Outcome.SUCCESS, "Drill of backup b2 passed: restored in 1.5 s, data not checked (no"
                        + " fingerprints): turned off for this database"));

        Observed seen = AuditObservations.observe(newestFirst, "prod", "orders");

        assertThat(seen.drillPassed()).isTrue();
        assertThat(seen.drillCheckedData()).isFalse();
        assertThat(seen.restoreTime()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    public void shouldJudgeEachDatabaseByItsNewestBackupAndDrillEvents() {
        RunbookConfig config = new RunbookConfig(List.of(new Environment("prod", false, "/b", Retention.KEEP_ALL,
                List.of(), List.of(new DatabaseTarget("orders", "jdbc:h2:mem:o", MethodChoice.NATIVE, Map.of()),
                        new DatabaseTarget("crm", "jdbc:h2:mem:c", MethodChoice.NATIVE, Map.of())),
                new Environment.Drills(null, new RecoveryTargets(Duration.ofHours(26), Duration.ofDays(8),
                        Duration.ofMinutes(30))))));
        List<AuditEvent> newestFirst = List.of(
                event(Duration.ofHours(1), "backup", "orders", "s1", AuditEvent.Outcome.SUCCESS, "pre-restore"),
                event(Duration.ofHours(2), "drill", "orders", "b2", AuditEvent.Outcome.SUCCESS,
                        "Drill of backup b2 passed: restored in 42.5 s, 3 tables " + DrillOperation.DATA_MATCHED),
                event(Duration.ofHours(3), "backup", "orders", "b2", AuditEvent.Outcome.SUCCESS, "nightly"),
                event(Duration.ofHours(4), "drill", "crm", "c1", AuditEvent.Outcome.FAILURE, "Drill FAILED"),
                event(Duration.ofHours(30), "backup", "crm", "c1", AuditEvent.Outcome.SUCCESS, null));

        StatusReport report = AuditObservations.report(config, newestFirst, NOW);

        DatabaseStatus orders = report.databases().get(0);
        assertThat(orders.state()).as(orders.missed().toString()).isEqualTo(DatabaseStatus.State.OK);
        assertThat(orders.observed().newestBackupId()).isEqualTo("b2");
        assertThat(orders.observed().restoreTime()).isEqualTo(Duration.ofMillis(42500));
        assertThat(orders.observed().drillCheckedData()).isTrue();
        DatabaseStatus crm = report.databases().get(1);
        assertThat(crm.state()).isEqualTo(DatabaseStatus.State.FAILED);
        assertThat(crm.missed()).containsExactly("newest backup is 1d 6h old; the target is 26h",
                "the newest drill, of backup c1, failed");
    }
}
