package io.jenkins.plugins.dbrunbooks.engine.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.config.Retention;
import io.jenkins.plugins.dbrunbooks.engine.inventory.LooseBackup;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.SnapshotContents;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SchemaSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.TableDef;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreOperation;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreRequest;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.verify.CheckResult;
import io.jenkins.plugins.dbrunbooks.engine.verify.VerificationReport;
import io.jenkins.plugins.dbrunbooks.engine.verify.VerifyOperation;
import io.jenkins.plugins.dbrunbooks.engine.verify.VerifyRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameter;
import org.junit.runners.Parameterized.Parameters;

/**
 * Every golden backup, written once by an earlier version and committed, is read by today's code: verified,
 * inspected, and restored into a fresh database of its engine, which then holds exactly what the source held
 * when the backup was taken. Round trips cannot catch a mistake made the same way by writer and reader; these
 * files can. How to add the files of a new format version is written on {@link GoldenBackupWriter}.
 *
 * <p>Nothing here depends on when the files were written: ids, times and checksums are read from the
 * manifests, never compared with a constant, so the files never need to be regenerated.
 */
@RunWith(Parameterized.class)
public class GoldenBackupsTest {
    @Parameter
    public String name;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Parameters(name = "{0}")
    public static List<Object[]> backups() {
        return golden().manifests().stream()
                .map(m -> new Object[] {m.getParent().getFileName() + "/" + m.getFileName()}).toList();
    }

    private static GoldenFiles golden() {
        try {
            return new GoldenFiles(Path.of(GoldenBackupsTest.class.getResource("/golden").toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path manifestFile() {
        return golden().backups().resolve(GoldenFiles.ENVIRONMENT).resolve(name);
    }

    private Manifest manifest() {
        return GoldenFiles.inspect(manifestFile()).manifest();
    }

    /** The golden backups in a store of their own, so nothing a test does can touch the committed files. */
    private EngineFixture fixture(Manifest manifest, String targetUrl) throws IOException {
        Path root = tmp.newFolder().toPath();
        copyTree(golden().backups(), root.resolve("backups"));
        MethodChoice method = MethodChoice.valueOf(manifest.method().toUpperCase(Locale.ROOT));
        return new EngineFixture(root, GoldenSchema.of(manifest.engine()).login())
                .environment(GoldenFiles.ENVIRONMENT, false, List.of(), Retention.KEEP_ALL,
                        EngineFixture.database(manifest.database(), targetUrl, method))
                .environment("dev", EngineFixture.database("copy", targetUrl, method));
    }

    @Test
    public void shouldBeDescribedByItsOwnManifest() {
        Manifest manifest = manifest();
        assertThat(manifest.environment()).isEqualTo(GoldenFiles.ENVIRONMENT);
        assertThat(manifestFile().getParent().getFileName().toString()).isEqualTo(manifest.database())
                .startsWith(manifest.engine() + "_" + manifest.method() + "_")
                .endsWith(manifest.encrypted() ? "_age" : "_plain");
        assertThat(manifestFile().getFileName().toString()).isEqualTo(manifest.id() + ".manifest.json");
        assertThat(manifestFile().resolveSibling(manifest.payload().file())).exists()
                .hasSize(manifest.payload().size());
        assertThat(golden().expected(manifest.id())).exists();
    }

    @Test
    public void shouldPassEveryCheckOfVerify() throws IOException {
        Manifest manifest = manifest();
        try (TestDatabase any = GoldenSchema.of(manifest.engine()).newDatabase(tmp.newFolder().toPath())) {
            VerificationReport report = new VerifyOperation(fixture(manifest, any.url()).context()).run(
                    new VerifyRequest(GoldenFiles.ENVIRONMENT, manifest.database(), manifest.id(),
                            golden().identity()));
            assertThat(report.passed()).as(report.summary()).isTrue();
            assertThat(report.checks()).as(report.summary()).extracting(CheckResult::check).contains("checksum",
                    "stream");
            assertThat(report.checks()).as(report.summary()).filteredOn(c -> c.check().equals("stream"))
                    .extracting(CheckResult::outcome).containsOnly(CheckResult.Outcome.PASSED);
        }
    }

    @Test
    public void shouldShowTheSchemaOfAJdbcSnapshotWithItsRowCounts() {
        Manifest manifest = manifest();
        if (!SnapshotContents.applies(manifest)) {
            assertThat(manifest.method()).isEqualTo("native");
            return;
        }
        LooseBackup loose = GoldenFiles.inspect(manifestFile());
        SchemaSnapshot schema = SnapshotContents.read(loose.store(), loose.backup(),
                manifest.encrypted() ? golden().identity() : null);
        assertThat(schema.sourceEngine()).isEqualTo(manifest.engine());
        assertThat(schema.tables()).extracting(TableDef::qualifiedName)
                .containsExactlyInAnyOrderElementsOf(manifest.rowCounts().keySet());
    }

    @Test
    public void shouldRestoreIntoAFreshDatabaseWithWhatTheSourceHeld() throws IOException {
        Manifest manifest = manifest();
        GoldenSchema schema = GoldenSchema.of(manifest.engine());
        try (TestDatabase target = schema.newDatabase(tmp.newFolder().toPath())) {
            EngineFixture fixture = fixture(manifest, target.url());
            new RestoreOperation(fixture.context()).run(RestoreRequest.of("dev", "copy")
                    .from(GoldenFiles.ENVIRONMENT, manifest.database()).withBackup(manifest.id())
                    .withIdentity(manifest.encrypted() ? golden().identity() : null).withSafetyBackup(false));
            assertThat(schema.contents(target)).isEqualTo(Files.readString(golden().expected(manifest.id())));
        }
    }

    /** Golden files only help if they cover what is written: each engine's methods, plain and encrypted. */
    @Test
    public void shouldCoverEveryEngineMethodAndSnapshotFormat() {
        Set<String> names = golden().manifests().stream().map(m -> m.getParent().getFileName().toString())
                .collect(Collectors.toSet());
        for (GoldenSchema schema : GoldenSchema.values()) {
            for (String kind : List.of("_native_plain", "_native_age")) {
                assertThat(names).contains(schema.engine() + kind);
            }
            assertThat(names).anyMatch(n -> n.matches(schema.engine() + "_jdbc_v\\d+_plain"))
                    .anyMatch(n -> n.matches(schema.engine() + "_jdbc_v\\d+_age"));
        }
        // The snapshots users already keep: H2 and (before format 2) MariaDB in format 1, the others in format 2.
        assertThat(names).contains("h2_jdbc_v1_plain", "h2_jdbc_v1_age", "mariadb_jdbc_v1_plain",
                "mariadb_jdbc_v1_age", "mariadb_jdbc_v2_plain", "mariadb_jdbc_v2_age", "postgresql_jdbc_v2_plain",
                "postgresql_jdbc_v2_age");
        // MariaDB's own definitions (routines, triggers, events, views, sequences) and ON UPDATE, from format 4.
        assertThat(names).contains("mariadb_jdbc_v4_plain", "mariadb_jdbc_v4_age");
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path copy = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
