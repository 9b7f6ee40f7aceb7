package io.jenkins.plugins.dbrunbooks.engine.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent.Outcome;
import io.jenkins.plugins.dbrunbooks.engine.drill.Proof.Level;
import java.time.Instant;
import java.util.List;
import org.junit.Test;

/** The level a backup reached, read from audit events as a Jenkins controller has them. */
public class ProofTest {
    private static final String ID = "20261201T020000000Z-0a1b";
    private static final String OTHER = "20261130T020000000Z-ffff";

    private static AuditEvent event(String operation, String backupId, Outcome outcome, String message) {
        return new AuditEvent(Instant.parse("2026-12-01T02:00:00Z"), "alice", "nightly#3", operation, "qa",
                "orders", backupId, null, outcome, 10, 0, message);
    }

    @Test
    public void shouldCallABackupWithoutLaterEventsStored() {
        assertThat(Proof.fromAudit(ID, List.of(event("backup", ID, Outcome.SUCCESS, "nightly"),
                event("drill", OTHER, Outcome.SUCCESS, "restored in 1.0 s, 2 tables " + DrillOperation.DATA_MATCHED))))
                .isEqualTo(Level.STORED);
    }

    @Test
    public void shouldTakeTheLevelTheNewestVerificationReached() {
        List<AuditEvent> newestFirst = List.of(event("verify", ID, Outcome.SUCCESS, "verified to level stream"),
                event("verify", ID, Outcome.SUCCESS, "verified to level checksum"),
                event("backup", ID, Outcome.SUCCESS, null));
        assertThat(Proof.fromAudit(ID, newestFirst)).isEqualTo(Level.STREAM);
        assertThat(Proof.fromAudit(ID, List.of(event("verify", ID, Outcome.FAILURE,
                "failed at level checksum: size differs"), newestFirst.get(0)))).isEqualTo(Level.STORED);
    }

    @Test
    public void shouldLetTheNewestDrillOutweighVerifications() {
        AuditEvent verified = event("verify", ID, Outcome.SUCCESS, "verified to level structure");
        assertThat(Proof.fromAudit(ID, List.of(event("drill", ID, Outcome.SUCCESS,
                "Drill of backup " + ID + " passed: restored in 2.0 s, 3 tables " + DrillOperation.DATA_MATCHED),
                verified))).isEqualTo(Level.CHECKED);
        assertThat(Proof.fromAudit(ID, List.of(event("drill", ID, Outcome.SUCCESS,
                "Drill of backup " + ID + " passed: restored in 2.0 s, data not checked (no fingerprints)"),
                verified))).isEqualTo(Level.RESTORED);
        assertThat(Proof.fromAudit(ID, List.of(event("drill", ID, Outcome.FAILURE,
                "Drill of backup " + ID + " FAILED: table public.t: 2 rows restored; the backup had 3"),
                event("drill", ID, Outcome.SUCCESS, "restored in 1.0 s, 3 tables " + DrillOperation.DATA_MATCHED))))
                .isEqualTo(Level.DRILL_FAILED);
    }

    @Test
    public void shouldIgnoreRefusedDrills() {
        assertThat(Proof.fromAudit(ID, List.of(event("drill", ID, Outcome.REFUSED, "confirm 'prod'"),
                event("verify", ID, Outcome.SUCCESS, "verified to level checksum")))).isEqualTo(Level.CHECKSUM);
    }
}
