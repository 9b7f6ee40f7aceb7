package io.jenkins.plugins.dbrunbooks.plugin.trend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent.Outcome;
import io.jenkins.plugins.dbrunbooks.plugin.audit.AuditRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.Test;

public class RunbookTrendTest {
    private static AuditRecord event(String operation, String database, Outcome outcome, long millis, long bytes,
            String message) {
        return new AuditRecord(new AuditEvent(Instant.parse("2026-12-01T02:00:00Z"), "alice", "nightly#1",
                operation, "qa", database, "20261201T020000000Z-0a1b", null, outcome, millis, bytes, message));
    }

    private static BuildSample build(int number, AuditRecord... records) {
        return BuildSample.of(number, "#" + number, List.of(records));
    }

    @Test
    public void shouldReadSizeDurationAndRestoreTimeFromAReceipt() {
        BuildSample sample = build(7, event("backup", "orders", Outcome.SUCCESS, 2500, 3 * 1024 * 1024, "nightly"),
                event("drill", "orders", Outcome.SUCCESS, 9000,
                        0, "Drill of backup 20261201T020000000Z-0a1b passed: restored in 4.2 s, 3 tables match"),
                event("backup", "orders", Outcome.SUCCESS, 100, 10, "pre-restore"),
                event("backup", "stock", Outcome.FAILURE, 100, 0, "no connection"));

        assertThat(sample.backupBytes()).containsOnlyKeys("qa/orders").containsEntry("qa/orders", 3L * 1024 * 1024);
        assertThat(sample.backupMillis()).containsEntry("qa/orders", 2500L);
        assertThat(sample.restoreMillis()).containsOnlyKeys("qa/orders").containsEntry("qa/orders", 4200L);
    }

    @Test
    public void shouldLeaveOutFailedDrillsAndBuildsWithoutRunbookWork() {
        BuildSample failed = build(3, event("drill", "orders", Outcome.FAILURE, 100, 0,
                "Drill of backup x FAILED: table public.t: missing from the restored copy"));
        assertThat(failed.isEmpty()).isTrue();
        assertThat(RunbookTrend.drawable(List.of(failed, build(2), build(1,
                event("backup", "orders", Outcome.SUCCESS, 1, 1, null))))).isFalse();
    }

    @Test
    public void shouldDrawSizesOldestFirstInTheUnitOfTheLargest() {
        List<BuildSample> newestFirst = List.of(
                build(12, event("backup", "orders", Outcome.SUCCESS, 2000, 3 * 1024 * 1024 + 512 * 1024, null)),
                build(11),
                build(10, event("backup", "orders", Outcome.SUCCESS, 1000, 1024 * 1024, null),
                        event("backup", "stock", Outcome.SUCCESS, 1000, 256 * 1024, null)));

        LinesModel sizes = RunbookTrend.sizes(newestFirst);

        assertThat(sizes.domainAxisLabels()).containsExactly("#10", "#12");
        assertThat(sizes.buildNumbers()).containsExactly(10, 12);
        assertThat(sizes.series()).extracting(LinesModel.Line::name)
                .containsExactly("qa/orders (MiB)", "qa/stock (MiB)");
        assertThat(sizes.series().get(0).data()).containsExactly(1.0, 3.5);
        assertThat(sizes.series().get(1).data()).containsExactly(0.25, null);
        assertThat(RunbookTrend.drawable(newestFirst)).isTrue();
    }

    @Test
    public void shouldDrawBackupAndRestoreTimesInSeconds() {
        List<BuildSample> newestFirst = List.of(
                build(2, event("backup", "orders", Outcome.SUCCESS, 61_250, 10, null),
                        event("drill", "orders", Outcome.SUCCESS, 90_000, 0, "passed: restored in 42.5 s")),
                build(1, event("backup", "orders", Outcome.SUCCESS, 59_000, 10, null)));

        LinesModel times = RunbookTrend.times(newestFirst);

        assertThat(times.domainAxisLabels()).containsExactly("#1", "#2");
        assertThat(times.series()).extracting(LinesModel.Line::name)
                .containsExactly("backup qa/orders (s)", "drill restore qa/orders (s)");
        assertThat(times.series().get(0).data()).containsExactly(59.0, 61.3);
        assertThat(times.series().get(1).data()).containsExactly(null, 42.5);
        assertThat(times.series()).extracting(l -> l.itemStyle().color()).containsExactly("--blue", "--orange");
    }

    @Test
    public void shouldWriteTheFieldsTheEchartsTrendRendererReads() throws Exception {
        LinesModel sizes = RunbookTrend.sizes(List.of(
                build(2, event("backup", "orders", Outcome.SUCCESS, 1, 2048, null)),
                build(1, event("backup", "orders", Outcome.SUCCESS, 1, 1024, null))));

        JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(sizes));

        assertThat(names(json)).containsExactlyInAnyOrder("domainAxisLabels", "buildNumbers", "series",
                "domainAxisItemName", "integerRangeAxis", "rangeMin", "rangeMax");
        assertThat(json.get("rangeMin").asDouble()).isZero();
        JsonNode line = json.get("series").get(0);
        assertThat(line.get("type").asText()).isEqualTo("line");
        assertThat(line.get("connectNulls").asBoolean()).isTrue();
        assertThat(line.get("itemStyle").get("color").asText()).isEqualTo("--blue");
        assertThat(line.get("data").toString()).isEqualTo("[1.0,2.0]");
        assertThat(line.get("name").asText()).isEqualTo("qa/orders (KiB)");
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
