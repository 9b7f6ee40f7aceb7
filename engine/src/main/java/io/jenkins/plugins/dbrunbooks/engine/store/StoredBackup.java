package io.jenkins.plugins.dbrunbooks.engine.store;

import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import java.io.Serializable;

/** A complete backup in a store: its manifest and where its payload is, as the store names it. */
public record StoredBackup(Manifest manifest, String payloadLocation, String manifestLocation)
        implements Serializable {

    public String id() {
        return manifest.id();
    }
}
