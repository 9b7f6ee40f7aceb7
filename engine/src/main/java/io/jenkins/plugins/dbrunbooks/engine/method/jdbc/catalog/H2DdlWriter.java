package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog;

import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ColumnDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ForeignKeyDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.PortableType;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.NativeDefinition;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SchemaSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SequenceDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.TableDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes H2 2.x DDL. Unbounded text becomes CHARACTER VARYING rather than a CLOB, because H2 cannot put a CLOB in
 * a key or an index and source tables often key on text; H2's CHARACTER VARYING holds up to a billion characters.
 * Enums become CHARACTER VARYING(255): their labels stay valid values, and H2's own ENUM would order them
 * differently from the source's. Intervals do not carry: PostgreSQL's mix months and seconds, H2's cannot.
 */
public final class H2DdlWriter extends AbstractDdlWriter {

    public H2DdlWriter() {
        super(H2CatalogReader.ENGINE);
    }

    @Override
    String quote(String identifier) {
        return Sql.doubleQuote(identifier);
    }

    @Override
    String defaultSchema() {
        return H2CatalogReader.DEFAULT_SCHEMA;
    }

    @Override
    public List<String> beforeTables(SchemaSnapshot snapshot) {
        List<String> statements = new ArrayList<>();
        for (String schema : snapshot.schemas()) {
            if (!isDefaultSchema(schema)) {
                statements.add("CREATE SCHEMA IF NOT EXISTS " + quote(schema));
            }
        }
        statements.addAll(definitions(snapshot, NativeDefinition.BEFORE_TYPES, Set.of()));
        statements.addAll(createSequences(snapshot));
        return statements;
    }

    @Override
    String textType() {
        return "CHARACTER LARGE OBJECT";
    }

    @Override
    String mappedType(SchemaSnapshot snapshot, TableDef table, ColumnDef column) {
        int set = MariaDbSets.longest(snapshot, column.type());
        return set > 0 ? "CHARACTER VARYING(" + set + ")" : type(column.type());
    }

    private static String type(PortableType type) {
        return switch (type.kind()) {
            case BOOLEAN -> "BOOLEAN";
            case SMALLINT -> "SMALLINT";
            case INTEGER -> "INTEGER";
            case BIGINT -> "BIGINT";
            // H2's NUMERIC without a precision has scale 0 and would round PostgreSQL's 1.5 to 2; DECFLOAT keeps
            // every digit, whatever the scale.
            case DECIMAL -> type.precision() > 0 ? "NUMERIC(" + type.precision() + ", " + type.scale() + ")"
                    : "DECFLOAT";
            case REAL -> "REAL";
            case DOUBLE -> "DOUBLE PRECISION";
            case CHAR -> "CHARACTER(" + Math.max(type.length(), 1) + ")";
            case VARCHAR -> type.length() > 0 ? "CHARACTER VARYING(" + type.length() + ")" : "CHARACTER VARYING";
            case TEXT -> "CHARACTER VARYING";
            case BINARY -> "BINARY(" + Math.max(type.length(), 1) + ")";
            case VARBINARY -> type.length() > 0 ? "BINARY VARYING(" + type.length() + ")" : "BINARY LARGE OBJECT";
            case BLOB -> "BINARY LARGE OBJECT";
            case DATE -> "DATE";
            case TIME -> "TIME" + precision(type);
            case TIMESTAMP -> "TIMESTAMP" + precision(type);
            case TIMESTAMP_TZ -> "TIMESTAMP" + precision(type) + " WITH TIME ZONE";
            case UUID -> "UUID";
            case JSON -> "JSON";
            case ENUM -> "CHARACTER VARYING(255)";
            case ARRAY -> type.element() == null || type(type.element()) == null ? null
                    : type(type.element()) + " ARRAY";
            // PostgreSQL's citext compares its text ignoring case, as H2's own type does.
            case OTHER -> isCitext(type) ? "VARCHAR_IGNORECASE" : null;
            case INTERVAL -> null;
        };
    }

    private static String precision(PortableType type) {
        return type.precision() > 0 ? "(" + Math.min(type.precision(), 9) + ")" : "";
    }

    /**
     * H2 references only a primary key or unique constraint on exactly the key's columns (not a unique index, as
     * PostgreSQL does, nor any index they lead, as MariaDB does), and compares no boolean with a number.
     */
    @Override
    String foreignKeyProblem(SchemaSnapshot snapshot, TableDef table, ForeignKeyDef key) {
        TableDef referenced = referencedTable(snapshot, key);
        if (referenced == null) {
            return null;
        }
        String problem = uniqueKeyProblem(referenced, key, false);
        return problem != null ? problem : booleanProblem(table, referenced, key);
    }

    @Override
    String identityClause(SchemaSnapshot snapshot, TableDef table, ColumnDef column, boolean keyed) {
        SequenceDef sequence = sequenceOf(snapshot, table, column);
        return " GENERATED BY DEFAULT AS IDENTITY" + (sequence == null ? ""
                : " (START WITH " + sequence.start() + " INCREMENT BY " + sequence.increment() + ")");
    }

    /** H2 keeps an index in its table's schema, and looks an unqualified name up in the session's. */
    @Override
    String indexName(TableDef table, String name) {
        return qualify(table.schema(), name);
    }

    @Override
    List<String> sequencePosition(SequenceDef sequence) {
        return List.of("ALTER SEQUENCE " + qualify(sequence.schema(), sequence.name()) + " RESTART WITH "
                + nextValue(sequence));
    }

    @Override
    List<String> identityPosition(SchemaSnapshot snapshot, TableDef table, ColumnDef column, SequenceDef sequence) {
        String restart = "ALTER TABLE " + tableName(table) + " ALTER COLUMN " + quote(column.name()) + " RESTART WITH ";
        if (sequence != null) {
            return List.of(restart + nextValue(sequence));
        }
        return List.of(restart + "(SELECT COALESCE(MAX(" + quote(column.name()) + "), 0) + 1 FROM " + tableName(table)
                + ")");
    }
}
