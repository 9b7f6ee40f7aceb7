package io.jenkins.plugins.dbrunbooks.engine.changes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.artifact.ManifestCodec;
import io.jenkins.plugins.dbrunbooks.engine.artifact.ServerPosition;
import io.jenkins.plugins.dbrunbooks.engine.artifact.ServerPosition.RowCounters;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** How a recorded position and the position now compare, and when no figure can honestly be given. */
public class ChangeComparisonTest {
    private static final Instant BACKUP_AT = Instant.parse("2026-12-01T10:00:00Z");

    private static ServerPosition postgres(String databaseId, Instant statsReset, long ordersInserted) {
        return new ServerPosition(BACKUP_AT, ServerPosition.MOMENT_SNAPSHOT, "wal", "0/100", null, databaseId, 50L,
                ServerPosition.COUNTERS_TABLE, statsReset,
                Map.of("public.orders", RowCounters.of(ordersInserted, 0, 0, "16384")), null, List.of());
    }

    private static Manifest backup(ServerPosition position) {
        return new Manifest(Manifest.FORMAT_VERSION, "20261201T100000000Z-abcd", null, "qa", "orders", "postgresql",
                "15", "native", "pg_dump", "15", new Manifest.Payload("x.dump.zst", 1, "00", "zstd", "none", null), 1,
                BACKUP_AT, BACKUP_AT, Map.of(), "tester", null, "backup", List.of(), List.of(), position, null);
    }

    @Test
    public void shouldSayUnknownForABackupThatRecordedNoPosition() {
        ChangesSince changes = ChangeComparison.compare(backup(null), postgres("1", null, 5), 10L);
        assertThat(changes.certainty()).startsWith("unknown: backup 20261201T100000000Z-abcd recorded no server"
                + " position");
        assertThat(changes.nothingWritten()).isFalse();
    }

    @Test
    public void shouldSayUnknownWhenTheDatabaseWasReplaced() {
        ChangesSince changes = ChangeComparison.compare(backup(postgres("1", null, 5)), postgres("2", null, 5), 0L);
        assertThat(changes.certainty()).startsWith("unknown: the database was replaced since the backup");
    }

    @Test
    public void shouldSayUnknownWhenACounterWentDownWithoutAResetTime() {
        ChangesSince changes = ChangeComparison.compare(backup(postgres("1", null, 5)), postgres("1", null, 3), 0L);
        assertThat(changes.certainty()).isEqualTo("unknown: statistics were reset since the backup (a counter went"
                + " down)");
    }

    @Test
    public void shouldCountWritesSinceTheBackup() {
        ChangesSince changes = ChangeComparison.compare(backup(postgres("1", null, 5)), postgres("1", null, 12), 64L);
        assertThat(changes.certainty()).isEqualTo(ChangesSince.EXACT);
        assertThat(changes.inserted()).isEqualTo(7);
        assertThat(changes.logBytes()).isEqualTo(64);
    }

    @Test
    public void shouldReadManifestsWithAndWithoutAPosition() {
        Manifest recorded = backup(postgres("1", Instant.parse("2026-11-01T00:00:00Z"), 5));
        Manifest read = ManifestCodec.read(new ByteArrayInputStream(ManifestCodec.write(recorded)), "test");
        assertThat(read.position()).isEqualTo(recorded.position());

        Manifest old = backup(null);
        String json = new String(ManifestCodec.write(old), UTF_8);
        assertThat(json).doesNotContain("position");
        assertThat(ManifestCodec.read(new ByteArrayInputStream(json.getBytes(UTF_8)),
                "old").position()).isNull();
    }
}
