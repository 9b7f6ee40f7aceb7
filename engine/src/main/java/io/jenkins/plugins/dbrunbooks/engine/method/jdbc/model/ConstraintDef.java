package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model;

import java.io.Serializable;
import java.util.List;

/**
 * A primary key, unique constraint or check.
 *
 * @param columns the key's columns in order; empty for a check
 * @param expression the check's expression as the source wrote it; null for keys
 */
public record ConstraintDef(String name, List<String> columns, String expression) implements Serializable {
    public ConstraintDef {
        columns = columns == null ? List.of() : List.copyOf(columns);
    }
}
