package io.jenkins.plugins.dbrunbooks.engine.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent.Outcome;
import io.jenkins.plugins.dbrunbooks.engine.audit.change.ConfigChange;
import io.jenkins.plugins.dbrunbooks.engine.audit.change.ConfigChange.Action;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class RunbookJobsTest {
    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private int second;

    private AuditEvent run(String build, String operation, String environment) {
        return new AuditEvent(T0.plusSeconds(second++), "ci", build, operation, environment, "orders", null, null,
                Outcome.SUCCESS, 1, 1, null);
    }

    private AuditEvent change(String actor, Action action, String job, String previous, String... environments) {
        return AuditEvent.of(T0.plusSeconds(second++), actor, ConfigChange.job(action, job, previous,
                List.of(environments), "diff", null));
    }

    @Test
    public void shouldAnswerWhoLastChangedTheJobThatRestoresProd() {
        Path file = tmp.getRoot().toPath().resolve("audit.jsonl");
        AuditLog log = new AuditLog(file);
        log.append(change("alice", Action.CREATED, "ops/restore", null));
        log.append(run("ops/restore#1", "restore", "prod"));
        log.append(change("bob", Action.UPDATED, "ops/restore", null, "prod"));
        log.append(change("carol", Action.UPDATED, "nightly", null, "qa"));
        log.append(run("nightly#4", "backup", "qa"));
        log.append(change("dave", Action.RENAMED, "ops/restore-prod", "ops/restore", "prod"));
        log.append(change("erin", Action.CREATED, "gone", null, "prod"));
        log.append(change("erin", Action.DELETED, "gone", null, "prod"));

        List<RunbookJobs.Summary> prod = RunbookJobs.of(file, "prod", e -> true);

        assertThat(prod).hasSize(1);
        RunbookJobs.Summary restore = prod.get(0);
        assertThat(restore.job()).isEqualTo("ops/restore-prod");
        assertThat(restore.operations()).containsExactly("restore prod");
        assertThat(restore.lastChange().event().actor()).isEqualTo("dave");
        assertThat(RunbookJobs.of(file, null, e -> true)).extracting(RunbookJobs.Summary::job)
                .containsExactly("ops/restore-prod", "nightly");
    }

    @Test
    public void shouldLeaveOutWhatTheViewerMayNotSee() {
        Path file = tmp.getRoot().toPath().resolve("audit.jsonl");
        AuditLog log = new AuditLog(file);
        log.append(run("ops/restore#1", "restore", "prod"));
        log.append(change("bob", Action.UPDATED, "ops/restore", null, "prod"));

        List<RunbookJobs.Summary> runsOnly = RunbookJobs.of(file, "prod", e -> e.kind() == AuditEvent.Kind.RUN);

        assertThat(runsOnly).hasSize(1);
        assertThat(runsOnly.get(0).lastChange()).isNull();
        assertThat(RunbookJobs.of(tmp.getRoot().toPath().resolve("none.jsonl"), null, e -> true)).isEmpty();
    }
}
