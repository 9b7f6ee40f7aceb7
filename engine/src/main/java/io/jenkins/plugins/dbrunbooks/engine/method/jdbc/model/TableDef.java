package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model;

import java.io.Serializable;
import java.util.List;

/** A table with everything built on it; data is restored before keys, checks and indexes. */
public record TableDef(String schema, String name, List<ColumnDef> columns, ConstraintDef primaryKey,
        List<ConstraintDef> uniques, List<ConstraintDef> checks, List<ForeignKeyDef> foreignKeys,
        List<IndexDef> indexes, String comment) implements Serializable {

    public TableDef {
        columns = List.copyOf(columns);
        uniques = uniques == null ? List.of() : List.copyOf(uniques);
        checks = checks == null ? List.of() : List.copyOf(checks);
        foreignKeys = foreignKeys == null ? List.of() : List.copyOf(foreignKeys);
        indexes = indexes == null ? List.of() : List.copyOf(indexes);
    }

    /** {@code schema.name}, for messages and the format's table list. */
    public String qualifiedName() {
        return schema == null || schema.isEmpty() ? name : schema + "." + name;
    }
}
