package io.jenkins.plugins.dbrunbooks.engine.backup;

import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import java.io.Serializable;

/** A stored backup: its manifest, and where its payload and manifest files are. */
public record BackupResult(Manifest manifest, String payloadLocation, String manifestLocation)
        implements Serializable {
    public String id() {
        return manifest.id();
    }
}
