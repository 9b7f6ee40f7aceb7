package io.jenkins.plugins.dbrunbooks.engine.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class AuditLogTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path logWithEvents(int count) {
        Path file = tmp.getRoot().toPath().resolve("audit/audit.jsonl");
        AuditLog log = new AuditLog(file);
        for (int i = 0; i < count; i++) {
            log.record(new AuditEvent(Instant.parse("2026-11-24T10:00:00Z").plusSeconds(i), "alice", "job #" + i,
                    "backup", "qa", "orders", "id-" + i, "ab", Outcome.SUCCESS, 12, 345, "Grüße \"quoted\"\n"));
        }
        return file;
    }

    @Test
    public void shouldChainEveryLineAndStayPrivate() throws Exception {
        Path file = logWithEvents(5);

        AuditChain.Result result = AuditChain.verify(file);

        assertThat(result.intact()).isTrue();
        assertThat(result.lines()).isEqualTo(5);
        assertThat(Files.readAllLines(file)).hasSize(5).allSatisfy(l -> assertThat(l).contains("\"prev\""));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    public void shouldDetectARemovedLine() throws Exception {
        Path file = logWithEvents(5);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.remove(2);
        Files.write(file, lines);

        AuditChain.Result result = AuditChain.verify(file);

        assertThat(result.intact()).isFalse();
        assertThat(result.brokenLine()).isEqualTo(3);
        assertThat(result.problem()).contains("removed");
    }

    @Test
    public void shouldDetectAnAlteredLine() throws Exception {
        Path file = logWithEvents(4);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(1, lines.get(1).replace("\"alice\"", "\"mallory\""));
        Files.write(file, lines);

        AuditChain.Result result = AuditChain.verify(file);

        assertThat(result.brokenLine()).isEqualTo(2);
        assertThat(result.problem()).contains("altered");
    }

    @Test
    public void shouldReadTheNewestEventsBack() {
        Path file = logWithEvents(5);

        List<AuditEvent> recent = AuditLog.readRecent(file, 2);

        assertThat(recent).extracting(AuditEvent::build).containsExactly("job #4", "job #3");
        assertThat(recent.get(0).message()).isEqualTo("Grüße \"quoted\"\n");
        assertThat(AuditLog.readRecent(file.resolveSibling("none.jsonl"), 5)).isEmpty();
    }

    @Test
    public void shouldContinueTheChainAcrossWriters() throws Exception {
        Path file = logWithEvents(2);
        new AuditLog(file).record(new AuditEvent(Instant.now(), "bob", null, "restore", "dev", "orders", null, null,
                Outcome.REFUSED, 1, 0, "Environment 'dev' is protected"));

        assertThat(AuditChain.verify(file).intact()).isTrue();
        assertThat(AuditChain.verify(file).lines()).isEqualTo(3);
    }

    @Test
    public void shouldContinueTheChainAfterALineLongerThanItsReadBackWindow() throws Exception {
        // A tool's error output may make one event's message megabytes long; the next append must still find the
        // hash of that line, which does not fit in the window first read back from the end.
        Path file = logWithEvents(1);
        AuditLog log = new AuditLog(file);
        log.record(new AuditEvent(Instant.now(), "bob", null, "restore", "dev", "orders", null, null,
                Outcome.FAILURE, 1, 0, "Restore failed: " + "ü€".repeat(200_000)));
        log.record(new AuditEvent(Instant.now(), "bob", null, "restore", "dev", "orders", null, null,
                Outcome.SUCCESS, 1, 0, "Restored"));

        assertThat(AuditChain.verify(file).intact()).isTrue();
        assertThat(AuditChain.verify(file).lines()).isEqualTo(3);
    }
}
