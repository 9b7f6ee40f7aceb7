package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model;

import java.io.Serializable;

/** A view; its query is the source engine's text, restored into the same engine only. */
public record ViewDef(String schema, String name, String query) implements Serializable {
}
