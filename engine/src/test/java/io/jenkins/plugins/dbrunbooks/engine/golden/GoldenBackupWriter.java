package io.jenkins.plugins.dbrunbooks.engine.golden;

import static org.junit.Assume.assumeTrue;

import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupResult;
import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.config.Retention;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Writes the golden backups {@link GoldenBackupsTest} reads, with the code of the day. It is not a test and the
 * build never runs it (its name does not end in {@code Test}, and it does nothing unless asked to).
 *
 * <p>When a change makes the engine write a format it did not write before (a new snapshot format version, a
 * new manifest version, a new engine or method), add its golden files, so every later version must read them:
 *
 * <ol>
 *   <li>From the repository root, with the test servers running:
 *       <pre>
 * mvn -B -Poffline -pl engine -am verify -Dtest=GoldenBackupWriter -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Ddbrunbooks.golden.write=true</pre>
 *       It backs up each engine's {@link GoldenSchema} with each method, plain and encrypted to the test
 *       identity, into {@code engine/src/test/resources/golden}, under database names that say what they hold
 *       ({@code h2_jdbc_v2_age}), with the source's contents in {@code expected/<id>.txt}. It only adds: a name
 *       that already has a folder is skipped, so the files of older versions stay exactly as they were written.
 *       A new manifest version gets folders of its own too: from version 2 on, the names carry it
 *       ({@code postgresql_native_m2_plain}).</li>
 *   <li>Run {@link GoldenBackupsTest}; it reads every golden file, old and new.</li>
 *   <li>Commit the new files. Never regenerate or edit an existing golden file: it stands for backups that
 *       users already keep.</li>
 * </ol>
 *
 * To let the schema grow (a new type the format carries), add to {@link GoldenSchema}: older golden files keep
 * the expected contents written with them.
 */
public class GoldenBackupWriter {
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void writeMissingGoldenBackups() throws IOException {
        assumeTrue("Writes golden files only with -Ddbrunbooks.golden.write=true",
                Boolean.getBoolean("dbrunbooks.golden.write"));
        GoldenFiles golden = new GoldenFiles(GOLDEN);
        for (GoldenSchema schema : GoldenSchema.values()) {
            try (TestDatabase source = schema.newDatabase(tmp.newFolder().toPath())) {
                schema.load(source);
                String contents = schema.contents(source);
                for (MethodChoice method : List.of(MethodChoice.JDBC, MethodChoice.NATIVE)) {
                    for (boolean encrypted : List.of(false, true)) {
                        write(golden, schema, source, contents, method, encrypted);
                    }
                }
            }
        }
    }

    private void write(GoldenFiles golden, GoldenSchema schema, TestDatabase source, String contents,
            MethodChoice method, boolean encrypted) throws IOException {
        String probe = "probe";
        Manifest written = backup(golden, schema, source, method, encrypted, probe).manifest();
        String name = name(schema, method, written, encrypted);
        Path folder = golden.backups().resolve(GoldenFiles.ENVIRONMENT).resolve(name);
        if (Files.isDirectory(folder)) {
            System.out.println("Golden backup '" + name + "' exists; skipped");
            return;
        }
        BackupResult result = backup(golden, schema, source, method, encrypted, name);
        Files.createDirectories(folder);
        Path manifest = Path.of(result.manifestLocation());
        Files.copy(manifest, folder.resolve(manifest.getFileName()));
        Path payload = Path.of(result.payloadLocation());
        Files.copy(payload, folder.resolve(payload.getFileName()));
        Files.createDirectories(golden.expected(result.id()).getParent());
        Files.writeString(golden.expected(result.id()), contents);
        System.out.println("Wrote golden backup '" + name + "': " + result.id());
    }

    private BackupResult backup(GoldenFiles golden, GoldenSchema schema, TestDatabase source, MethodChoice method,
            boolean encrypted, String name) throws IOException {
        EngineFixture fixture = new EngineFixture(tmp.newFolder().toPath(), schema.login())
                .environment(GoldenFiles.ENVIRONMENT, false, encrypted ? List.of(golden.recipient()) : List.of(),
                        Retention.KEEP_ALL, EngineFixture.database(name, source.url(), method));
        return new BackupOperation(fixture.context()).run(new BackupRequest(GoldenFiles.ENVIRONMENT, name,
                "golden"));
    }

    /**
     * {@code <engine>_<method>[_m<manifest version>][_v<snapshot format>]_<plain|age>}; the manifest version only
     * from 2 on, so the first golden files keep their names. The jdbc tool version is "format N".
     */
    static String name(GoldenSchema schema, MethodChoice method, Manifest written, boolean encrypted) {
        String manifest = written.formatVersion() > 1 ? "_m" + written.formatVersion() : "";
        String format = method == MethodChoice.JDBC
                ? "_v" + written.toolVersion().replace("format", "").trim() : "";
        return (schema.engine() + "_" + method.id() + manifest + format + "_" + (encrypted ? "age" : "plain"))
                .toLowerCase(Locale.ROOT);
    }
}
