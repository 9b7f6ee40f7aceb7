package io.jenkins.plugins.dbrunbooks.engine.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.config.Retention;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class RetentionPolicyTest {
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    /** One backup a day, newest first: id "d0" is today, "d9" nine days ago. */
    private static List<Manifest> daily(int days) {
        List<Manifest> backups = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            Instant at = NOW.minus(Duration.ofDays(i)).minusSeconds(60);
            backups.add(new Manifest(1, "d" + i, null, "qa", "orders", "h2", "2", "native", "h2", "2",
                    new Manifest.Payload("f", 1, "00", "zstd", "none", List.of()), 1, at, at, null, "t", null, null));
        }
        return backups;
    }

    private static List<String> deleted(List<Manifest> backups, Retention retention, String verified) {
        return RetentionPolicy.toDelete(backups, retention, NOW, verified).stream().map(Manifest::id).toList();
    }

    @Test
    public void shouldKeepEverythingWithoutRules() {
        assertThat(deleted(daily(10), Retention.KEEP_ALL, null)).isEmpty();
    }

    @Test
    public void shouldKeepTheLastN() {
        assertThat(deleted(daily(5), new Retention(3, 0), "d0")).containsExactly("d3", "d4");
    }

    @Test
    public void shouldKeepThoseYoungerThanTheMaximumAge() {
        assertThat(deleted(daily(6), new Retention(0, 3), "d0")).containsExactly("d3", "d4", "d5");
    }

    @Test
    public void shouldKeepWhatAnyRuleKeeps() {
        assertThat(deleted(daily(8), new Retention(5, 2), "d0")).containsExactly("d5", "d6", "d7");
        assertThat(deleted(daily(8), new Retention(1, 4), "d0")).containsExactly("d4", "d5", "d6", "d7");
    }

    @Test
    public void shouldNeverDeleteTheNewestVerifiedBackup() {
        // The two newest are damaged; the third is the newest that verifies.
        assertThat(deleted(daily(5), new Retention(1, 0), "d2")).containsExactly("d1", "d3", "d4");
        assertThat(deleted(daily(5), new Retention(0, 1), "d4")).containsExactly("d1", "d2", "d3");
    }

    /** The same days, with the backups at the given indexes marked as safety backups, the old way or the new. */
    private static List<Manifest> withSafety(List<Manifest> backups, int... indexes) {
        List<Manifest> marked = new ArrayList<>(backups);
        for (int index : indexes) {
            Manifest m = backups.get(index);
            boolean oldManifest = index % 2 == 0;
            marked.set(index, new Manifest(m.formatVersion(), m.id(), Manifest.SAFETY_LABEL, m.environment(),
                    m.database(), m.engine(), m.serverVersion(), m.method(), m.tool(), m.toolVersion(), m.payload(),
                    m.rawSize(), m.startedAt(), m.finishedAt(), m.rowCounts(), m.createdBy(), m.build(),
                    oldManifest ? null : Manifest.PURPOSE_SAFETY));
        }
        return marked;
    }

    @Test
    public void shouldCountSafetyBackupsApartWithTheirOwnLimit() {
        List<Manifest> backups = withSafety(daily(8), 0, 1, 3, 4);

        assertThat(deleted(backups, new Retention(2, 0), "d2")).as("regular d2 d5 keep, d6 d7 go; safety d3 d4 go")
                .containsExactly("d3", "d4", "d6", "d7");
        assertThat(deleted(backups, new Retention(2, 0, 0), "d2")).as("0 keeps every safety backup")
                .containsExactly("d6", "d7");
        assertThat(deleted(backups, Retention.KEEP_ALL, null)).as("no rule for the others; 2 safety backups stay")
                .containsExactly("d3", "d4");
    }

    @Test
    public void shouldNotTakeALabelAloneForASafetyBackupOnceThePurposeIsRecorded() {
        Manifest labelled = daily(1).get(0);
        Manifest regular = new Manifest(1, "x", Manifest.SAFETY_LABEL, "qa", "orders", "h2", "2", "native", "h2", "2",
                labelled.payload(), 1, NOW, NOW, null, "t", null, Manifest.PURPOSE_BACKUP);

        assertThat(regular.safetyBackup()).isFalse();
    }
}
