package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model;

import java.io.Serializable;
import java.util.List;

/**
 * A primary key, unique constraint or check.
 *
 * @param columns the key's columns in order; empty for a check
 * @param expression the check's expression as the source wrote it; for a MariaDB primary key whose parts are not
 *     whole columns in ascending order (a prefix length, a descending column), its parts as MariaDB writes them
 *     ({@code `a`(10), `b` DESC}); null for other keys
 * @param column the column a check is written on, as part of that column's definition (MariaDB's column-level
 *     CHECK); null for a check of the table and for keys
 */
public record ConstraintDef(String name, List<String> columns, String expression, String column)
        implements Serializable {

    /** A key, or a check of the table. */
    public ConstraintDef(String name, List<String> columns, String expression) {
        this(name, columns, expression, null);
    }

    public ConstraintDef {
        columns = columns == null ? List.of() : List.copyOf(columns);
    }
}
