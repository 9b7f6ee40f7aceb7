package io.jenkins.plugins.dbrunbooks.plugin.steps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.dbrunbooks.engine.artifact.ManifestCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/** Backups in a database's directory, handled as a test that damages them on purpose needs. */
final class RunbookFixtureBackups {
    private RunbookFixtureBackups() {
    }

    private static List<Path> manifests(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".manifest.json")).sorted().toList();
        }
    }

    static String oldestId(Path dir) throws IOException {
        String name = manifests(dir).get(0).getFileName().toString();
        return name.substring(0, name.length() - ".manifest.json".length());
    }

    /** Puts the newest backup's payload in place of the oldest's, its manifest's checksum made to match. */
    static void swapNewestPayloadIntoOlder(Path dir) throws IOException {
        List<Path> manifests = manifests(dir);
        ObjectNode older = (ObjectNode) ManifestCodec.mapper().readTree(manifests.get(0).toFile());
        ObjectNode newer = (ObjectNode) ManifestCodec.mapper().readTree(manifests.get(manifests.size() - 1).toFile());
        Files.copy(dir.resolve(newer.get("payload").get("file").asText()),
                dir.resolve(older.get("payload").get("file").asText()), StandardCopyOption.REPLACE_EXISTING);
        older.set("payload", ((ObjectNode) newer.get("payload")).deepCopy()
                .put("file", older.get("payload").get("file").asText()));
        older.put("rawSize", newer.get("rawSize").asLong());
        ManifestCodec.mapper().writeValue(manifests.get(0).toFile(), older);
    }
}
