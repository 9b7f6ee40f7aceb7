package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model;

import java.io.Serializable;
import java.util.List;

/** A PostgreSQL enum type with its labels in order. */
public record EnumDef(String schema, String name, List<String> labels) implements Serializable {
    public EnumDef {
        labels = List.copyOf(labels);
    }
}
