package io.jenkins.plugins.dbrunbooks.engine.method;

import io.jenkins.plugins.dbrunbooks.engine.artifact.EngineOnlyValues;
import io.jenkins.plugins.dbrunbooks.engine.artifact.ServerPosition;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.DataFingerprints;
import java.util.List;
import java.util.Map;

/**
 * What a method reports of a backup it wrote: versions of the server and the tool, row counts if known, the
 * objects of the database it left out, as read in the backup's own snapshot, where the server stood when the
 * data was read (null where it could not be read), and the data fingerprints taken in that snapshot (null where
 * none were), the columns whose rows hold values only the engine stores, and per engine those whose rows hold
 * values that engine lacks though others hold them.
 */
public record BackupReceipt(String serverVersion, String tool, String toolVersion, Map<String, Long> rowCounts,
        List<String> notCarried, ServerPosition position, DataFingerprints fingerprints,
        List<EngineOnlyValues> engineOnlyValues, Map<String, List<EngineOnlyValues>> valuesNotHeldBy) {
    public BackupReceipt {
        rowCounts = rowCounts == null ? Map.of() : Map.copyOf(rowCounts);
        notCarried = notCarried == null ? List.of() : List.copyOf(notCarried);
        engineOnlyValues = engineOnlyValues == null ? List.of() : List.copyOf(engineOnlyValues);
        valuesNotHeldBy = valuesNotHeldBy == null ? Map.of() : Map.copyOf(valuesNotHeldBy);
    }

    /** A backup whose values, where this engine holds them, every other engine holds too, or that did not look. */
    public BackupReceipt(String serverVersion, String tool, String toolVersion, Map<String, Long> rowCounts,
            List<String> notCarried, ServerPosition position, DataFingerprints fingerprints,
            List<EngineOnlyValues> engineOnlyValues) {
        this(serverVersion, tool, toolVersion, rowCounts, notCarried, position, fingerprints, engineOnlyValues,
                Map.of());
    }

    /** A backup whose method does not look for values only its engine stores: a native one restores only there. */
    public BackupReceipt(String serverVersion, String tool, String toolVersion, Map<String, Long> rowCounts,
            List<String> notCarried, ServerPosition position, DataFingerprints fingerprints) {
        this(serverVersion, tool, toolVersion, rowCounts, notCarried, position, fingerprints, List.of());
    }

    public BackupReceipt(String serverVersion, String tool, String toolVersion, Map<String, Long> rowCounts,
            List<String> notCarried) {
        this(serverVersion, tool, toolVersion, rowCounts, notCarried, null, null);
    }

    public BackupReceipt(String serverVersion, String tool, String toolVersion, Map<String, Long> rowCounts) {
        this(serverVersion, tool, toolVersion, rowCounts, List.of(), null, null);
    }
}
