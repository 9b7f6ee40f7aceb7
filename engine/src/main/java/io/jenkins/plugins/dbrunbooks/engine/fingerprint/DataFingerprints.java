package io.jenkins.plugins.dbrunbooks.engine.fingerprint;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every table's fingerprint, taken in the snapshot the backup's data came from, so a restore of the backup can be
 * checked table by table. Fingerprints are only compared when their {@code scheme} is the same: the canonical text
 * a row is hashed from is the engine's own.
 *
 * @param scheme how the checksums were computed, e.g. {@code postgresql-row-md5-sum64}
 * @param tables per qualified table name, as the backup's row counts name them
 */
public record DataFingerprints(String scheme, Map<String, TableFingerprint> tables) implements Serializable {
    public DataFingerprints {
        tables = tables == null ? Map.of() : Map.copyOf(tables);
    }

    /** The tables in name order, for stable output. */
    public Map<String, TableFingerprint> sorted() {
        return new TreeMap<>(tables);
    }

    /** The same fingerprints restricted to the tables named. */
    public DataFingerprints only(java.util.Collection<String> names) {
        Map<String, TableFingerprint> kept = new TreeMap<>(tables);
        kept.keySet().retainAll(names);
        return new DataFingerprints(scheme, kept);
    }
}
