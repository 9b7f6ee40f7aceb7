package io.jenkins.plugins.dbrunbooks.engine.artifact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes manifests, refusing versions this engine does not know. */
public final class ManifestCodec {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private ManifestCodec() {
    }

    public static byte[] write(Manifest manifest) {
        try {
            return MAPPER.writeValueAsBytes(manifest);
        } catch (IOException e) {
            throw new IllegalStateException("A manifest could not be written as JSON", e);
        }
    }

    public static Manifest read(InputStream in, String source) {
        try {
            JsonNode tree = MAPPER.readTree(in);
            if (tree == null || !tree.has("formatVersion")) {
                throw new RunbookException(ErrorKind.INTEGRITY, "'" + source + "' is not a backup manifest");
            }
            int version = tree.get("formatVersion").asInt();
            if (version > Manifest.FORMAT_VERSION) {
                throw new RunbookException(ErrorKind.INTEGRITY,
                        "'" + source + "' has manifest format " + version + "; this version reads up to "
                                + Manifest.FORMAT_VERSION,
                        "Use a newer dbrunbooks to read this backup.");
            }
            return requireComplete(MAPPER.treeToValue(tree, Manifest.class), source);
        } catch (JsonProcessingException e) {
            throw new RunbookException(ErrorKind.INTEGRITY,
                    "'" + source + "' is not a readable manifest: " + e.getOriginalMessage(), null, e);
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.INTEGRITY,
                    "'" + source + "' is not a readable manifest: " + e.getMessage(), null, e);
        }
    }

    /** A manifest without the fields every reader relies on cannot describe a backup. */
    private static Manifest requireComplete(Manifest manifest, String source) {
        List<String> missing = new ArrayList<>();
        if (manifest.id() == null) {
            missing.add("id");
        }
        if (manifest.environment() == null || manifest.database() == null) {
            missing.add("environment/database");
        }
        if (manifest.engine() == null || manifest.method() == null) {
            missing.add("engine/method");
        }
        if (manifest.startedAt() == null) {
            missing.add("startedAt");
        }
        if (manifest.payload() == null || manifest.payload().file() == null || manifest.payload().sha256() == null) {
            missing.add("payload");
        }
        if (!missing.isEmpty()) {
            throw new RunbookException(ErrorKind.INTEGRITY, "'" + source + "' is not a complete manifest: it lacks "
                    + String.join(", ", missing));
        }
        return manifest;
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
