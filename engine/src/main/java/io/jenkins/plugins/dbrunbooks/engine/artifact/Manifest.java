package io.jenkins.plugins.dbrunbooks.engine.artifact;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything known about one backup, stored as JSON beside its payload. It is enough to check the payload and
 * to restore it by hand: the layers are named in the order they were applied.
 */
public record Manifest(
        int formatVersion,
        String id,
        String label,
        String environment,
        String database,
        String engine,
        String serverVersion,
        String method,
        String tool,
        String toolVersion,
        Payload payload,
        long rawSize,
        Instant startedAt,
        Instant finishedAt,
        Map<String, Long> rowCounts,
        String createdBy,
        String build,
        // Absent from complete backups, so their manifests read as they always did.
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> notCarried,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> warnings) implements Serializable {

    /** The version this engine writes; readers refuse anything newer. */
    public static final int FORMAT_VERSION = 1;

    public Manifest {
        rowCounts = rowCounts == null ? Map.of() : Map.copyOf(rowCounts);
        notCarried = notCarried == null ? List.of() : List.copyOf(notCarried);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** A complete backup with nothing to warn about. */
    public Manifest(int formatVersion, String id, String label, String environment, String database, String engine,
            String serverVersion, String method, String tool, String toolVersion, Payload payload, long rawSize,
            Instant startedAt, Instant finishedAt, Map<String, Long> rowCounts, String createdBy, String build) {
        this(formatVersion, id, label, environment, database, engine, serverVersion, method, tool, toolVersion,
                payload, rawSize, startedAt, finishedAt, rowCounts, createdBy, build, List.of(), List.of());
    }

    /**
     * Whether the backup leaves objects out: taken only where the database's configuration accepts partial
     * backups, and {@link #notCarried()} names every one.
     */
    @JsonIgnore
    public boolean partial() {
        return !notCarried.isEmpty();
    }

    public Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }

    public boolean encrypted() {
        return payload.encryption() != null && !"none".equals(payload.encryption());
    }

    /** The payload file: its name, size, checksum and layers. */
    public record Payload(String file, long size, String sha256, String compression, String encryption,
            List<String> recipientFingerprints) implements Serializable {
        public Payload {
            recipientFingerprints = recipientFingerprints == null ? List.of() : List.copyOf(recipientFingerprints);
        }

        public Compression compressionLayer() {
            return Compression.of(compression);
        }
    }
}
