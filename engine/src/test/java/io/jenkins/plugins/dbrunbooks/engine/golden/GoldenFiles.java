package io.jenkins.plugins.dbrunbooks.engine.golden;

import io.jenkins.plugins.dbrunbooks.engine.artifact.AgeKeys;
import io.jenkins.plugins.dbrunbooks.engine.credentials.SecretValue;
import io.jenkins.plugins.dbrunbooks.engine.inventory.Inventory;
import io.jenkins.plugins.dbrunbooks.engine.inventory.LooseBackup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the golden backups live, in the folder {@code golden} of the test resources:
 *
 * <pre>
 * test-identity.txt                          the age identity (TEST ONLY) the encrypted ones are for
 * backups/qa/&lt;database&gt;/&lt;id&gt;.manifest.json  a store of environment {@code qa}, as a backup root holds it
 * backups/qa/&lt;database&gt;/&lt;id&gt;.&lt;ext&gt;           and the payloads
 * expected/&lt;id&gt;.txt                          what the source database held ({@link GoldenSchema#contents})
 * </pre>
 *
 * The database names say the engine, the method, the snapshot format (jdbc) and whether it is encrypted:
 * {@code h2_jdbc_v1_age}, {@code postgresql_native_plain}. All were written by {@link GoldenBackupWriter}; the
 * {@code mariadb_jdbc_v1_*} ones with the MariaDB jdbc method as it was before format 2 (the format 1 writer on
 * one connection, the way MariaDB backups of that time were made), through a method put in the writer's registry
 * for that one run.
 */
final class GoldenFiles {
    static final String ENVIRONMENT = "qa";

    private final Path root;

    GoldenFiles(Path root) {
        this.root = root;
    }

    Path backups() {
        return root.resolve("backups");
    }

    Path identityFile() {
        return root.resolve("test-identity.txt");
    }

    SecretValue identity() {
        return AgeKeys.readIdentityFile(identityFile());
    }

    /** The public key of the test identity, from the comment age-keygen writes above it. */
    String recipient() {
        try {
            return Files.readAllLines(identityFile()).stream().filter(l -> l.startsWith("# public key: "))
                    .map(l -> l.substring("# public key: ".length()).trim()).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No public key comment in " + identityFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path expected(String id) {
        return root.resolve("expected").resolve(id + ".txt");
    }

    /** Every golden backup's manifest file. */
    List<Path> manifests() {
        try (Stream<Path> files = Files.walk(backups())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".manifest.json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A golden backup as {@code inspect} finds a file on a disk. */
    static LooseBackup inspect(Path manifestFile) {
        return Inventory.inspect(manifestFile);
    }
}
