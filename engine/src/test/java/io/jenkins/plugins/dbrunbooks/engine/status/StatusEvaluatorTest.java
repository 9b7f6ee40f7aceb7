package io.jenkins.plugins.dbrunbooks.engine.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.dbrunbooks.engine.config.RecoveryTargets;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.time.Duration;
import java.time.Instant;
import org.junit.Test;

public class StatusEvaluatorTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final RecoveryTargets TARGETS = new RecoveryTargets(Duration.ofHours(26), Duration.ofDays(8),
            Duration.ofMinutes(30));

    private static Observed seen(Duration backupAgo, Duration drillAgo, boolean passed, Duration restore) {
        return new Observed("b1", backupAgo == null ? null : NOW.minus(backupAgo),
                drillAgo == null ? null : NOW.minus(drillAgo), "b0", passed, passed, restore);
    }

    @Test
    public void shouldBeOkWhenEveryTargetIsMet() {
        DatabaseStatus s = StatusEvaluator.evaluate("qa", "orders",
                seen(Duration.ofHours(25), Duration.ofDays(7), true, Duration.ofMinutes(29)), TARGETS, NOW);
        assertThat(s.state()).isEqualTo(DatabaseStatus.State.OK);
        assertThat(s.missed()).isEmpty();
        assertThat(s.backupAge()).isEqualTo(Duration.ofHours(25));
    }

    @Test
    public void shouldBeLateAndSayWhichTargetsWereMissed() {
        DatabaseStatus s = StatusEvaluator.evaluate("qa", "orders",
                seen(Duration.ofHours(27), Duration.ofDays(9), true, Duration.ofMinutes(31)), TARGETS, NOW);
        assertThat(s.state()).isEqualTo(DatabaseStatus.State.LATE);
        assertThat(s.missed()).containsExactly("newest backup is 1d 3h old; the target is 26h",
                "newest drill is 9d 0h old; the target is 8d", "the last drill restored in 31m 0s; the target is 30m");
    }

    @Test
    public void shouldBeLateWithoutAnyDrillWhenOneIsExpected() {
        DatabaseStatus s = StatusEvaluator.evaluate("qa", "orders", seen(Duration.ofHours(1), null, false, null),
                TARGETS, NOW);
        assertThat(s.state()).isEqualTo(DatabaseStatus.State.LATE);
        assertThat(s.missed()).containsExactly("no drill yet; the target is one every 8d");
    }

    @Test
    public void shouldPutAFailedDrillAboveLatenessAndNoBackupAboveAll() {
        DatabaseStatus failed = StatusEvaluator.evaluate("qa", "orders",
                seen(Duration.ofHours(30), Duration.ofDays(1), false, null), TARGETS, NOW);
        DatabaseStatus never = StatusEvaluator.evaluate("qa", "orders", Observed.NOTHING, TARGETS, NOW);
        assertThat(failed.state()).isEqualTo(DatabaseStatus.State.FAILED);
        assertThat(failed.missed()).contains("the newest drill, of backup b0, failed");
        assertThat(never.state()).isEqualTo(DatabaseStatus.State.NEVER);
    }

    @Test
    public void shouldBeOkWithoutTargetsOnceThereIsABackup() {
        assertThat(StatusEvaluator.evaluate("qa", "orders", seen(Duration.ofDays(400), null, false, null),
                RecoveryTargets.NONE, NOW).state()).isEqualTo(DatabaseStatus.State.OK);
    }

    @Test
    public void shouldReadDurationsAndRefuseNonsense() {
        assertThat(RecoveryTargets.parse("maxBackupAge", "26h")).isEqualTo(Duration.ofHours(26));
        assertThat(RecoveryTargets.parse("maxBackupAge", "PT90M")).isEqualTo(Duration.ofMinutes(90));
        assertThat(RecoveryTargets.parse("maxBackupAge", " 8d ")).isEqualTo(Duration.ofDays(8));
        assertThat(RecoveryTargets.format(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThatThrownBy(() -> RecoveryTargets.parse("maxDrillAge", "soon")).isInstanceOf(RunbookException.class)
                .hasMessageContaining("'soon' is not a duration for 'maxDrillAge'");
        assertThatThrownBy(() -> RecoveryTargets.parse("maxDrillAge", "0h")).isInstanceOf(RunbookException.class);
        assertThatThrownBy(() -> new RecoveryTargets(Duration.ZERO, null, null)).isInstanceOf(RunbookException.class);
    }

    @Test
    public void shouldTakeADatabasesTargetsBeforeItsEnvironments() {
        RecoveryTargets own = new RecoveryTargets(Duration.ofHours(2), null, null);
        assertThat(own.orElse(TARGETS)).isEqualTo(new RecoveryTargets(Duration.ofHours(2), Duration.ofDays(8),
                Duration.ofMinutes(30)));
    }
}
