package io.jenkins.plugins.dbrunbooks.engine.operation;

/**
 * How payloads are compressed. Level 1 with one helper thread keeps a backup faster than the database can
 * produce its stream on two cores, at a size smaller than pg_dump's own gzip (see docs/benchmarks.md).
 */
public record PayloadSettings(int zstdLevel, int zstdWorkers) {
    public static PayloadSettings defaults() {
        return new PayloadSettings(1, Runtime.getRuntime().availableProcessors() > 1 ? 1 : 0);
    }
}
