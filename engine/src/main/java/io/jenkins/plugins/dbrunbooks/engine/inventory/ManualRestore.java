package io.jenkins.plugins.dbrunbooks.engine.inventory;

import io.jenkins.plugins.dbrunbooks.engine.artifact.Compression;
import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.dialect.Dialects;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;

/**
 * The shell pipeline that restores a backup with the standard tools alone, for the day this project is not at
 * hand: every layer a manifest names, undone in reverse order. A jdbc backup's layers come off the same way, to a
 * file in the snapshot format of docs/format.md, which only dbrunbooks loads.
 */
public final class ManualRestore {
    private ManualRestore() {
    }

    /** For example {@code age -d -i IDENTITY_FILE X.dump.zst.age | zstd -d | pg_restore -d TARGET_DATABASE}. */
    public static String command(Manifest manifest) {
        String file = quote(manifest.payload().file());
        StringBuilder pipeline = new StringBuilder();
        String source = file;
        if (manifest.encrypted()) {
            pipeline.append("age -d -i IDENTITY_FILE ").append(file);
            source = null;
        }
        if (manifest.payload().compressionLayer() == Compression.ZSTD) {
            pipeline.append(source == null ? " | zstd -d" : "zstd -d -c " + source);
            source = null;
        }
        if ("jdbc".equals(manifest.method())) {
            // No database tool reads the jdbc snapshot format; the layers come off to a file dbrunbooks restores.
            return (pipeline.length() == 0 ? "cp " + file : pipeline.toString()) + " > SNAPSHOT.dbrj";
        }
        String load = manualLoad(manifest);
        if (load == null) {
            return pipeline.length() == 0 ? "cat " + file : pipeline.toString();
        }
        if (source != null) {
            return load + " < " + source;
        }
        return pipeline + " | " + load;
    }

    /** The engine's own loader for the manifest's method, asked of the method that wrote it; null where none. */
    private static String manualLoad(Manifest manifest) {
        try {
            return Dialects.standard().methods().forManifest(manifest.engine(), manifest.method()).manualLoad()
                    .orElse(null);
        } catch (RunbookException unknown) {
            return null;
        }
    }

    private static String quote(String name) {
        return name.matches("[A-Za-z0-9._-]+") ? name : "'" + name.replace("'", "'\\''") + "'";
    }
}
