package io.jenkins.plugins.dbrunbooks.engine.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent.Kind;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent.Outcome;
import io.jenkins.plugins.dbrunbooks.engine.audit.change.ConfigChange;
import io.jenkins.plugins.dbrunbooks.engine.audit.change.FieldChange;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Configuration changes in the same hash-chained log as operations. */
public class ChangeAuditLogTest {
    private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path file() {
        return tmp.getRoot().toPath().resolve("audit.jsonl");
    }

    private static AuditEvent globalChange() {
        return AuditEvent.of(T0, "alice", ConfigChange.global(List.of("prod"), List.of(
                new FieldChange("environments[prod].keepLast", "7", "14"),
                new FieldChange("environments[prod].databases[orders].backupCredentialsId", "old", "new"))));
    }

    private static AuditEvent jobChange() {
        return AuditEvent.of(T0.plusSeconds(1), "bob", ConfigChange.job(ConfigChange.Action.UPDATED,
                "team/restore-prod", null, List.of("prod", "qa"), "--- a\n+++ b\n@@ -1 +1 @@\n-x\n+y\n", null));
    }

    private static AuditEvent run() {
        return new AuditEvent(T0.plusSeconds(2), "carol", "team/restore-prod#12", "restore", "prod", "orders",
                "id", "ab", Outcome.SUCCESS, 10, 20, "ok");
    }

    @Test
    public void shouldReadBackChangesAndRunsWithTheirHashes() {
        AuditLog log = new AuditLog(file());
        String first = log.append(globalChange());
        String second = log.append(jobChange());
        log.append(run());

        List<AuditEntry> entries = AuditLog.readRecent(file(), 10, e -> true);

        assertThat(entries).extracting(e -> e.event().kind()).containsExactly(Kind.RUN, Kind.CHANGE, Kind.CHANGE);
        assertThat(entries.get(2).hash()).isEqualTo(first);
        assertThat(entries.get(1).hash()).isEqualTo(second);
        assertThat(entries.get(2).event()).isEqualTo(globalChange());
        assertThat(entries.get(1).event()).isEqualTo(jobChange());
        assertThat(entries.get(1).event().job()).isEqualTo("team/restore-prod");
        assertThat(entries.get(0).event().job()).isEqualTo("team/restore-prod");
        assertThat(entries.get(1).event().concernsEnvironment("qa")).isTrue();
        assertThat(entries.get(1).event().concernsEnvironment("q")).isFalse();
        assertThat(entries.get(2).event().message()).isEqualTo("2 fields changed");
    }

    @Test
    public void shouldFilterWhileReadingTheWholeLog() {
        AuditLog log = new AuditLog(file());
        log.append(jobChange());
        for (int i = 0; i < 50; i++) {
            log.append(run());
        }

        List<AuditEntry> changes = AuditLog.readRecent(file(), 5, e -> e.kind() == Kind.CHANGE);

        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).event().operation()).isEqualTo("job-updated");
    }

    @Test
    public void shouldKeepOperationLinesWithoutAChangeField() throws Exception {
        new AuditLog(file()).append(run());

        assertThat(Files.readString(file())).doesNotContain("\"change\"").doesNotContain("\"kind\"");
    }

    @Test
    public void shouldDetectAnAlteredChange() throws Exception {
        AuditLog log = new AuditLog(file());
        log.append(globalChange());
        log.append(jobChange());
        log.append(run());
        List<String> lines = new ArrayList<>(Files.readAllLines(file(), StandardCharsets.UTF_8));
        lines.set(1, lines.get(1).replace("\"actor\":\"bob\"", "\"actor\":\"mallory\""));
        Files.write(file(), lines, StandardCharsets.UTF_8);

        AuditChain.Result result = AuditChain.verify(file());

        assertThat(result.intact()).isFalse();
        assertThat(result.brokenLine()).isEqualTo(2);
        assertThat(result.problem()).contains("altered");
    }

    @Test
    public void shouldDetectAnAlteredDiffAndARemovedChange() throws Exception {
        AuditLog log = new AuditLog(file());
        log.append(globalChange());
        log.append(jobChange());
        log.append(run());
        List<String> lines = new ArrayList<>(Files.readAllLines(file(), StandardCharsets.UTF_8));
        List<String> altered = new ArrayList<>(lines);
        altered.set(0, altered.get(0).replace("\"14\"", "\"15\""));
        Files.write(file(), altered, StandardCharsets.UTF_8);
        assertThat(AuditChain.verify(file()).brokenLine()).isEqualTo(1);

        List<String> removed = new ArrayList<>(lines);
        removed.remove(1);
        Files.write(file(), removed, StandardCharsets.UTF_8);
        AuditChain.Result result = AuditChain.verify(file());
        assertThat(result.brokenLine()).isEqualTo(2);
        assertThat(result.problem()).contains("removed");
    }
}
