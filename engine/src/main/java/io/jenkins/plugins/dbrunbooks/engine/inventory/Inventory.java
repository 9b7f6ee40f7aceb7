package io.jenkins.plugins.dbrunbooks.engine.inventory;

import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.artifact.ManifestCodec;
import io.jenkins.plugins.dbrunbooks.engine.config.Environment;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import io.jenkins.plugins.dbrunbooks.engine.store.StoredBackup;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What backups exist and what one holds; reads manifests only. */
public final class Inventory {
    private final RunbookContext context;

    public Inventory(RunbookContext context) {
        this.context = context;
    }

    /** Complete backups of a configured database, newest first. */
    public List<Manifest> list(String environmentName, String databaseName) {
        Environment environment = context.config().environment(environmentName);
        environment.database(databaseName);
        return context.store(environment).list(environmentName, databaseName).stream()
                .map(StoredBackup::manifest).toList();
    }

    /**
     * Reads the manifest of a backup file, given either the manifest or its payload; works without any
     * configuration, as when a backup is found on a disk with no Jenkins around.
     */
    public static Manifest inspect(Path file) {
        Path manifestFile = manifestFor(file);
        try (InputStream in = Files.newInputStream(manifestFile)) {
            return ManifestCodec.read(in, manifestFile.toString());
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.NOT_FOUND, "Cannot read '" + manifestFile + "': "
                    + e.getClass().getSimpleName(), "Give a backup's .manifest.json file or its payload.", e);
        }
    }

    /** The manifest of a backup file: the file itself, or the manifest beside a payload. */
    public static Path manifestFor(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".manifest.json")) {
            return file;
        }
        int dash = name.indexOf('-');
        int dot = name.indexOf('.', Math.max(dash, 0));
        if (dash > 0 && dot > dash) {
            return file.resolveSibling(name.substring(0, dot) + ".manifest.json");
        }
        throw new RunbookException(ErrorKind.USAGE, "'" + file + "' is not a backup file",
                "Give a file named like 20261124T235512123Z-9f3c.manifest.json or its payload.");
    }
}
