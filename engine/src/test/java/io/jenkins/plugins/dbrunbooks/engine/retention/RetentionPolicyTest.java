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
}
