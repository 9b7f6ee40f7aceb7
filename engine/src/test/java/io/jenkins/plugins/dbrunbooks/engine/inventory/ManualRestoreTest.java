package io.jenkins.plugins.dbrunbooks.engine.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import java.time.Instant;
import java.util.List;
import org.junit.Test;

public class ManualRestoreTest {
    private static Manifest manifest(String engine, String file, String compression, String encryption) {
        return manifest(engine, "native", file, compression, encryption);
    }

    private static Manifest manifest(String engine, String method, String file, String compression,
            String encryption) {
        return new Manifest(1, "20261124T235512123Z-9f3c", null, "qa", "orders", engine, "15", method, "t", "1",
                new Manifest.Payload(file, 1, "00", compression, encryption, List.of()), 1, Instant.now(),
                Instant.now(), null, "t", null, null);
    }

    @Test
    public void shouldUndoEveryLayerInReverseOrder() {
        assertThat(ManualRestore.command(manifest("postgresql", "x.dump.zst.age", "zstd", "age")))
                .isEqualTo("age -d -i IDENTITY_FILE x.dump.zst.age | zstd -d | pg_restore --exit-on-error"
                        + " -d TARGET_DATABASE");
        assertThat(ManualRestore.command(manifest("mariadb", "x.sql.zst", "zstd", "none")))
                .isEqualTo("zstd -d -c x.sql.zst | mariadb --init-command='SET @dbrunbooks_checks = 0 /*M!100201 ,"
                        + " SESSION check_constraint_checks = 0 */' TARGET_DATABASE");
        assertThat(ManualRestore.command(manifest("postgresql", "x.dump", "none", "none")))
                .isEqualTo("pg_restore --exit-on-error -d TARGET_DATABASE < x.dump");
        assertThat(ManualRestore.command(manifest("h2", "x.sql.zst", "zstd", "none")))
                .startsWith("zstd -d -c x.sql.zst | java -cp h2.jar org.h2.tools.RunScript");
        assertThat(ManualRestore.command(manifest("mariadb", "it's.sql.zst", "zstd", "none")))
                .startsWith("zstd -d -c 'it'\\''s.sql.zst' |");
    }

    @Test
    public void shouldUndoTheLayersOfAJdbcSnapshotIntoAFile() {
        assertThat(ManualRestore.command(manifest("mariadb", "jdbc", "x.dbrj.zst.age", "zstd", "age")))
                .isEqualTo("age -d -i IDENTITY_FILE x.dbrj.zst.age | zstd -d > SNAPSHOT.dbrj");
        assertThat(ManualRestore.command(manifest("postgresql", "jdbc", "x.dbrj.zst", "zstd", "none")))
                .isEqualTo("zstd -d -c x.dbrj.zst > SNAPSHOT.dbrj");
    }
}
