package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model;

import java.io.Serializable;
import java.util.List;

/**
 * An index that is not already a key's.
 *
 * @param columns plain column names in order; empty when the index is on expressions
 * @param definition the source engine's full definition (e.g. {@code CREATE INDEX ... USING gin (...)}), used when
 *     restoring into the same engine; null where the engine has no such text
 */
public record IndexDef(String name, boolean unique, List<String> columns, String definition) implements Serializable {
    public IndexDef {
        columns = columns == null ? List.of() : List.copyOf(columns);
    }
}
