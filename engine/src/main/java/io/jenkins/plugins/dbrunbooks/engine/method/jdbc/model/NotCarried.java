package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model;

import java.io.Serializable;

/** An object the snapshot leaves out, named in the manifest and the output so nothing is dropped silently. */
public record NotCarried(String kind, String schema, String name) implements Serializable {
    public String describe() {
        return kind + " " + (schema == null || schema.isEmpty() ? name : schema + "." + name);
    }
}
