package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog;

import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ColumnDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ConstraintDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ForeignKeyDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.IndexDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SchemaSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SequenceDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.TableDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ViewDef;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Runs a writer's statements in restore order, and reduces snapshots to what a restore must keep. */
final class Restores {
    private Restores() {
    }

    static List<String> statements(DdlWriter writer, SchemaSnapshot snapshot) {
        List<String> statements = new ArrayList<>(writer.session(snapshot));
        statements.addAll(writer.beforeTables(snapshot));
        snapshot.tables().forEach(t -> statements.add(writer.createTable(snapshot, t)));
        snapshot.tables().forEach(t -> statements.addAll(writer.afterData(snapshot, t)));
        snapshot.tables().forEach(t -> statements.addAll(writer.foreignKeys(snapshot, t)));
        statements.addAll(writer.afterAll(snapshot));
        return statements;
    }

    static void apply(DdlWriter writer, SchemaSnapshot snapshot, Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(writer, snapshot)) {
                try {
                    statement.execute(sql);
                } catch (SQLException e) {
                    throw new SQLException("Failed: " + sql + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** One line per fact; constraint names are left out, as engines name some of them their own way. */
    static List<String> normalized(SchemaSnapshot snapshot) {
        List<String> lines = new ArrayList<>();
        for (TableDef table : snapshot.tables()) {
            String t = "table " + table.qualifiedName();
            lines.add(t + " comment=" + table.comment());
            for (ColumnDef c : table.columns()) {
                lines.add(t + " column " + c.name() + " " + c.type() + " nullable=" + c.nullable() + " default="
                        + c.defaultExpression() + " identity=" + c.identity() + " comment=" + c.comment());
            }
            if (table.primaryKey() != null) {
                lines.add(t + " primary key " + table.primaryKey().columns());
            }
            TreeSet<String> facts = new TreeSet<>();
            for (ConstraintDef u : table.uniques()) {
                facts.add(t + " unique " + u.columns());
            }
            for (ConstraintDef c : table.checks()) {
                facts.add(t + " check " + c.expression());
            }
            for (ForeignKeyDef f : table.foreignKeys()) {
                facts.add(t + " foreign key " + f.columns() + " -> " + f.referencedSchema() + "."
                        + f.referencedTable() + f.referencedColumns() + " update " + f.onUpdate() + " delete "
                        + f.onDelete());
            }
            for (IndexDef i : table.indexes()) {
                facts.add(t + " index " + i.name() + " unique=" + i.unique() + " " + i.columns() + " "
                        + i.definition());
            }
            lines.addAll(facts);
        }
        for (SequenceDef s : snapshot.sequences()) {
            lines.add("sequence " + s);
        }
        for (ViewDef v : snapshot.views()) {
            lines.add("view " + v);
        }
        return lines;
    }
}
