package io.jenkins.plugins.dbrunbooks.engine.artifact;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.DataFingerprints;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
        String purpose,
        // Absent from complete backups, so their manifests read as they always did.
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> notCarried,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> warnings,
        // Absent from manifests written before it was recorded, and from backups that could not read it.
        @JsonInclude(JsonInclude.Include.NON_NULL) ServerPosition position,
        // Per table row count and checksum from the backup's own snapshot; absent where none were taken.
        @JsonInclude(JsonInclude.Include.NON_NULL) DataFingerprints fingerprints,
        // Absent where no column holds values only the engine stores, and in manifests written before it was recorded.
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<EngineOnlyValues> engineOnlyValues,
        // Per engine, columns holding values that engine lacks though others hold them; absent where none do.
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, List<EngineOnlyValues>> valuesNotHeldBy)
        implements Serializable {

    /** The version this engine writes; readers refuse anything newer. */
    public static final int FORMAT_VERSION = 1;
    /** A backup someone asked for: counted by retention, a candidate for {@code latest}. */
    public static final String PURPOSE_BACKUP = "backup";
    /** The automatic copy of a database taken before a restore replaced it in place. */
    public static final String PURPOSE_SAFETY = "safety";
    /** The label safety backups carry; manifests written before {@code purpose} existed are known by it. */
    public static final String SAFETY_LABEL = "pre-restore";
    /** The warning a backup carries when its database's configuration turned data fingerprints off. */
    public static final String FINGERPRINTS_OFF = "data fingerprints were turned off for this database: a drill"
            + " proves the restore and the row counts where the backup recorded them, not the data";

    public Manifest {
        rowCounts = rowCounts == null ? Map.of() : Map.copyOf(rowCounts);
        notCarried = notCarried == null ? List.of() : List.copyOf(notCarried);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        engineOnlyValues = engineOnlyValues == null ? List.of() : List.copyOf(engineOnlyValues);
        valuesNotHeldBy = notHeldBy(valuesNotHeldBy);
    }

    /** Engines in order, so a manifest is written the same way each time; engines with no column left out. */
    static Map<String, List<EngineOnlyValues>> notHeldBy(Map<String, List<EngineOnlyValues>> byEngine) {
        Map<String, List<EngineOnlyValues>> sorted = new TreeMap<>();
        if (byEngine != null) {
            byEngine.forEach((engine, columns) -> {
                if (engine != null && columns != null && !columns.isEmpty()) {
                    sorted.put(engine, List.copyOf(columns));
                }
            });
        }
        return Collections.unmodifiableMap(sorted);
    }

    /** A backup whose columns' values every other engine holds where this one does, or that did not look. */
    public Manifest(int formatVersion, String id, String label, String environment, String database, String engine,
            String serverVersion, String method, String tool, String toolVersion, Payload payload, long rawSize,
            Instant startedAt, Instant finishedAt, Map<String, Long> rowCounts, String createdBy, String build,
            String purpose, List<String> notCarried, List<String> warnings, ServerPosition position,
            DataFingerprints fingerprints, List<EngineOnlyValues> engineOnlyValues) {
        this(formatVersion, id, label, environment, database, engine, serverVersion, method, tool, toolVersion,
                payload, rawSize, startedAt, finishedAt, rowCounts, createdBy, build, purpose, notCarried, warnings,
                position, fingerprints, engineOnlyValues, Map.of());
    }

    /**
     * The columns a restore into {@code engine}, another engine than the backup's, cannot load: those no other
     * engine holds, then those that engine lacks.
     */
    public List<EngineOnlyValues> valuesNotHeldIn(String engine) {
        List<EngineOnlyValues> columns = new ArrayList<>(engineOnlyValues);
        columns.addAll(valuesNotHeldBy.getOrDefault(engine, List.of()));
        return columns;
    }

    /** A backup whose rows hold no value only its engine stores, or that did not look for any. */
    public Manifest(int formatVersion, String id, String label, String environment, String database, String engine,
            String serverVersion, String method, String tool, String toolVersion, Payload payload, long rawSize,
            Instant startedAt, Instant finishedAt, Map<String, Long> rowCounts, String createdBy, String build,
            String purpose, List<String> notCarried, List<String> warnings, ServerPosition position,
            DataFingerprints fingerprints) {
        this(formatVersion, id, label, environment, database, engine, serverVersion, method, tool, toolVersion,
                payload, rawSize, startedAt, finishedAt, rowCounts, createdBy, build, purpose, notCarried, warnings,
                position, fingerprints, List.of());
    }

    /** A backup whose server position is not known and without data fingerprints. */
    public Manifest(int formatVersion, String id, String label, String environment, String database, String engine,
            String serverVersion, String method, String tool, String toolVersion, Payload payload, long rawSize,
            Instant startedAt, Instant finishedAt, Map<String, Long> rowCounts, String createdBy, String build,
            String purpose, List<String> notCarried, List<String> warnings) {
        this(formatVersion, id, label, environment, database, engine, serverVersion, method, tool, toolVersion,
                payload, rawSize, startedAt, finishedAt, rowCounts, createdBy, build, purpose, notCarried, warnings,
                null, null);
    }

    /** A complete backup with nothing to warn about. */
    public Manifest(int formatVersion, String id, String label, String environment, String database, String engine,
            String serverVersion, String method, String tool, String toolVersion, Payload payload, long rawSize,
            Instant startedAt, Instant finishedAt, Map<String, Long> rowCounts, String createdBy, String build) {
        this(formatVersion, id, label, environment, database, engine, serverVersion, method, tool, toolVersion,
                payload, rawSize, startedAt, finishedAt, rowCounts, createdBy, build, null);
    }

    /** A complete backup with nothing to warn about, taken for {@code purpose}. */
    public Manifest(int formatVersion, String id, String label, String environment, String database, String engine,
            String serverVersion, String method, String tool, String toolVersion, Payload payload, long rawSize,
            Instant startedAt, Instant finishedAt, Map<String, Long> rowCounts, String createdBy, String build,
            String purpose) {
        this(formatVersion, id, label, environment, database, engine, serverVersion, method, tool, toolVersion,
                payload, rawSize, startedAt, finishedAt, rowCounts, createdBy, build, purpose, List.of(), List.of());
    }

    /**
     * Whether the backup leaves objects out: taken only where the database's configuration accepts partial
     * backups, and {@link #notCarried()} names every one.
     */
    @JsonIgnore
    public boolean partial() {
        return !notCarried.isEmpty();
    }

    /** Whether no fingerprints were taken because the configuration said so (rather than could not be taken). */
    @JsonIgnore
    public boolean fingerprintsOff() {
        return fingerprints == null && warnings.contains(FINGERPRINTS_OFF);
    }

    public Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }

    /**
     * Whether this is a safety backup, kept apart from the others: never {@code latest}, with a retention of its
     * own. Manifests older than the {@code purpose} field are known by their label.
     */
    public boolean safetyBackup() {
        return purpose != null ? PURPOSE_SAFETY.equals(purpose) : SAFETY_LABEL.equals(label);
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
