package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model;

import java.io.Serializable;
import java.util.List;

/** A foreign key; rules are SQL words ({@code CASCADE}, {@code SET NULL}, {@code NO ACTION}...). */
public record ForeignKeyDef(String name, List<String> columns, String referencedSchema, String referencedTable,
        List<String> referencedColumns, String onUpdate, String onDelete) implements Serializable {
    public ForeignKeyDef {
        columns = List.copyOf(columns);
        referencedColumns = List.copyOf(referencedColumns);
    }
}
