package io.jenkins.plugins.dbrunbooks.engine.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent.Outcome;
import io.jenkins.plugins.dbrunbooks.engine.audit.change.ConfigChange;
import java.time.Instant;
import java.util.List;
import org.junit.Test;

public class AuditFilterTest {
    private static final AuditEvent RUN = new AuditEvent(Instant.EPOCH, "alice", "team/restore#3", "restore",
            "prod", "orders", null, null, Outcome.SUCCESS, 1, 1, null);
    private static final AuditEvent CHANGE = AuditEvent.of(Instant.EPOCH, "bob", ConfigChange.job(
            ConfigChange.Action.UPDATED, "team/restore", null, List.of("prod", "qa"), "d", null));
    private static final AuditEvent GLOBAL = AuditEvent.of(Instant.EPOCH, "carol", ConfigChange.global(
            List.of("qa"), List.of()));

    @Test
    public void shouldMatchEverythingWhenBlank() {
        AuditFilter blank = new AuditFilter(" ", "", null, " ");

        assertThat(List.of(RUN, CHANGE, GLOBAL)).allMatch(blank);
        assertThat(List.of(RUN, CHANGE, GLOBAL)).allMatch(AuditFilter.ALL);
    }

    @Test
    public void shouldFilterByEachField() {
        assertThat(List.of(RUN, CHANGE, GLOBAL).stream().filter(new AuditFilter("qa", null, null, null)))
                .containsExactly(CHANGE, GLOBAL);
        assertThat(List.of(RUN, CHANGE, GLOBAL).stream().filter(new AuditFilter(null, "team", null, null)))
                .containsExactly(RUN, CHANGE);
        assertThat(List.of(RUN, CHANGE, GLOBAL).stream().filter(new AuditFilter(null, "team/restore", null, null)))
                .containsExactly(RUN, CHANGE);
        assertThat(List.of(RUN, CHANGE, GLOBAL).stream().filter(new AuditFilter(null, "tea", null, null)))
                .isEmpty();
        assertThat(List.of(RUN, CHANGE, GLOBAL).stream().filter(new AuditFilter(null, null, "bob", null)))
                .containsExactly(CHANGE);
        assertThat(List.of(RUN, CHANGE, GLOBAL).stream().filter(new AuditFilter(null, null, null, "Change")))
                .containsExactly(CHANGE, GLOBAL);
        assertThat(List.of(RUN, CHANGE, GLOBAL).stream().filter(new AuditFilter("prod", null, null, "run")))
                .containsExactly(RUN);
    }
}
