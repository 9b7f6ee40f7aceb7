package io.jenkins.plugins.dbrunbooks.engine.artifact;

/** What writing a payload measured: bytes stored, their SHA-256, and bytes the method produced. */
public record PayloadDigest(long size, String sha256, long rawSize) {
}
