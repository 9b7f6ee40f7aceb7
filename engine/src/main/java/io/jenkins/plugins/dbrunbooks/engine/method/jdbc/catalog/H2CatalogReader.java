package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog;

import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ColumnDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ConstraintDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ForeignKeyDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.IndexDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.NotCarried;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.PortableType;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.PortableType.Kind;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SchemaSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SequenceDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.TableDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ViewDef;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads H2 2.x's schema from INFORMATION_SCHEMA. Native types are spelled the way H2 itself declares them;
 * identity columns carry their next value as a sequence the column owns.
 */
public final class H2CatalogReader implements CatalogReader {
    public static final String ENGINE = "h2";
    static final String DEFAULT_SCHEMA = "PUBLIC";

    private static final String SCHEMAS = "SELECT SCHEMA_NAME FROM INFORMATION_SCHEMA.SCHEMATA"
            + " WHERE SCHEMA_NAME NOT IN ('INFORMATION_SCHEMA', 'PUBLIC') ORDER BY SCHEMA_NAME";
    private static final String TABLES = "SELECT TABLE_SCHEMA, TABLE_NAME, REMARKS FROM INFORMATION_SCHEMA.TABLES"
            + " WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_SCHEMA <> 'INFORMATION_SCHEMA'"
            + " ORDER BY TABLE_SCHEMA, TABLE_NAME";
    private static final String COLUMNS = "SELECT COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH,"
            + " DECLARED_NUMERIC_PRECISION, DECLARED_NUMERIC_SCALE, DATETIME_PRECISION, IS_NULLABLE, COLUMN_DEFAULT,"
            + " IS_IDENTITY, IDENTITY_START, IDENTITY_INCREMENT, IDENTITY_BASE, DTD_IDENTIFIER, REMARKS,"
            + " IS_GENERATED, DOMAIN_NAME, MAXIMUM_CARDINALITY, INTERVAL_TYPE"
            + " FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION";
    private static final String ELEMENT = "SELECT DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, DECLARED_NUMERIC_PRECISION,"
            + " DECLARED_NUMERIC_SCALE, DATETIME_PRECISION, INTERVAL_TYPE FROM INFORMATION_SCHEMA.ELEMENT_TYPES"
            + " WHERE OBJECT_SCHEMA = ? AND OBJECT_NAME = ? AND OBJECT_TYPE = 'TABLE' AND COLLECTION_TYPE_IDENTIFIER = ?";
    private static final String ENUM_VALUES = "SELECT VALUE_NAME FROM INFORMATION_SCHEMA.ENUM_VALUES"
            + " WHERE OBJECT_SCHEMA = ? AND OBJECT_NAME = ? AND OBJECT_TYPE = 'TABLE' AND ENUM_IDENTIFIER = ?"
            + " ORDER BY VALUE_ORDINAL";
    private static final String CONSTRAINTS = "SELECT tc.CONSTRAINT_NAME, tc.CONSTRAINT_TYPE, cc.CHECK_CLAUSE,"
            + " rc.UPDATE_RULE, rc.DELETE_RULE, ut.TABLE_SCHEMA, ut.TABLE_NAME, rc.UNIQUE_CONSTRAINT_NAME"
            + " FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc"
            + " LEFT JOIN INFORMATION_SCHEMA.CHECK_CONSTRAINTS cc ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA"
            + " AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME"
            + " LEFT JOIN INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS rc ON rc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA"
            + " AND rc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME"
            + " LEFT JOIN INFORMATION_SCHEMA.TABLE_CONSTRAINTS ut ON ut.CONSTRAINT_SCHEMA = rc.UNIQUE_CONSTRAINT_SCHEMA"
            + " AND ut.CONSTRAINT_NAME = rc.UNIQUE_CONSTRAINT_NAME"
            + " WHERE tc.TABLE_SCHEMA = ? AND tc.TABLE_NAME = ? ORDER BY tc.CONSTRAINT_TYPE, tc.CONSTRAINT_NAME";
    /** A foreign key's columns with the referenced column each one matches. */
    private static final String KEY_COLUMNS = "SELECT k.COLUMN_NAME, u.COLUMN_NAME"
            + " FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE k"
            + " LEFT JOIN INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS rc ON rc.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA"
            + " AND rc.CONSTRAINT_NAME = k.CONSTRAINT_NAME"
            + " LEFT JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE u ON u.CONSTRAINT_SCHEMA = rc.UNIQUE_CONSTRAINT_SCHEMA"
            + " AND u.CONSTRAINT_NAME = rc.UNIQUE_CONSTRAINT_NAME AND u.ORDINAL_POSITION = k.POSITION_IN_UNIQUE_CONSTRAINT"
            + " WHERE k.CONSTRAINT_SCHEMA = ? AND k.CONSTRAINT_NAME = ? ORDER BY k.ORDINAL_POSITION";
    /** Indexes a user created: H2 generates the ones behind keys and foreign keys itself. */
    private static final String INDEXES = "SELECT i.INDEX_NAME, i.INDEX_TYPE_NAME, c.COLUMN_NAME"
            + " FROM INFORMATION_SCHEMA.INDEXES i JOIN INFORMATION_SCHEMA.INDEX_COLUMNS c"
            + " ON c.INDEX_SCHEMA = i.INDEX_SCHEMA AND c.INDEX_NAME = i.INDEX_NAME"
            + " WHERE i.TABLE_SCHEMA = ? AND i.TABLE_NAME = ? AND NOT i.IS_GENERATED"
            + " ORDER BY i.INDEX_NAME, c.ORDINAL_POSITION";
    private static final String SEQUENCES = "SELECT SEQUENCE_SCHEMA, SEQUENCE_NAME, START_VALUE, INCREMENT, BASE_VALUE"
            + " FROM INFORMATION_SCHEMA.SEQUENCES WHERE SEQUENCE_SCHEMA <> 'INFORMATION_SCHEMA'"
            + " ORDER BY SEQUENCE_SCHEMA, SEQUENCE_NAME";
    private static final String VIEWS = "SELECT TABLE_SCHEMA, TABLE_NAME, VIEW_DEFINITION FROM INFORMATION_SCHEMA.VIEWS"
            + " WHERE TABLE_SCHEMA <> 'INFORMATION_SCHEMA' ORDER BY TABLE_SCHEMA, TABLE_NAME";
    private static final Map<String, String> NOT_CARRIED = Map.of(
            "trigger", "SELECT TRIGGER_SCHEMA, TRIGGER_NAME FROM INFORMATION_SCHEMA.TRIGGERS ORDER BY 1, 2",
            "routine", "SELECT ROUTINE_SCHEMA, ROUTINE_NAME FROM INFORMATION_SCHEMA.ROUTINES"
                    + " WHERE ROUTINE_SCHEMA <> 'INFORMATION_SCHEMA' ORDER BY 1, 2",
            "domain", "SELECT DOMAIN_SCHEMA, DOMAIN_NAME FROM INFORMATION_SCHEMA.DOMAINS ORDER BY 1, 2",
            "constant", "SELECT CONSTANT_SCHEMA, CONSTANT_NAME FROM INFORMATION_SCHEMA.CONSTANTS ORDER BY 1, 2",
            "synonym", "SELECT SYNONYM_SCHEMA, SYNONYM_NAME FROM INFORMATION_SCHEMA.SYNONYMS ORDER BY 1, 2",
            "privileges", "SELECT NULL, 'grants' FROM INFORMATION_SCHEMA.RIGHTS FETCH FIRST ROW ONLY");

    @Override
    public SchemaSnapshot read(Connection connection) throws SQLException {
        List<NotCarried> notCarried = new ArrayList<>();
        List<SequenceDef> sequences = new ArrayList<>(Sql.query(connection, SEQUENCES, row -> new SequenceDef(
                row.getString(1), row.getString(2), row.getLong(3), row.getLong(4), row.getLong(5), false, null,
                null)));
        List<TableDef> tables = new ArrayList<>();
        for (String[] table : Sql.query(connection, TABLES,
                row -> new String[] {row.getString(1), row.getString(2), row.getString(3)})) {
            tables.add(readTable(connection, table[0], table[1], table[2], sequences, notCarried));
        }
        for (String kind : List.of("trigger", "routine", "domain", "constant", "synonym", "privileges")) {
            notCarried.addAll(Sql.query(connection, NOT_CARRIED.get(kind),
                    row -> new NotCarried(kind, row.getString(1), row.getString(2))));
        }
        List<ViewDef> views = Sql.query(connection, VIEWS,
                row -> new ViewDef(row.getString(1), row.getString(2), row.getString(3)));
        return new SchemaSnapshot(ENGINE, connection.getMetaData().getDatabaseProductVersion(),
                Sql.strings(connection, SCHEMAS), List.of(), List.of(), sequences, tables, views, List.of(),
                notCarried);
    }

    private TableDef readTable(Connection connection, String schema, String name, String comment,
            List<SequenceDef> sequences, List<NotCarried> notCarried) throws SQLException {
        List<ColumnDef> columns = new ArrayList<>();
        for (Map<String, Object> row : Sql.query(connection, COLUMNS, H2CatalogReader::values, schema, name)) {
            String column = (String) row.get("COLUMN_NAME");
            boolean identity = "YES".equals(row.get("IS_IDENTITY"));
            String defaultExpression = identity ? null : (String) row.get("COLUMN_DEFAULT");
            if (!"NEVER".equals(row.get("IS_GENERATED"))) {
                notCarried.add(new NotCarried("generated column expression", schema, name + "." + column));
                defaultExpression = null;
            }
            if (identity) {
                sequences.add(new SequenceDef(schema, name + "_" + column + "_seq",
                        number(row.get("IDENTITY_START")), number(row.get("IDENTITY_INCREMENT")),
                        number(row.get("IDENTITY_BASE")), false, name, column));
            }
            PortableType type = type(connection, schema, name, row);
            columns.add(new ColumnDef(column, type, "YES".equals(row.get("IS_NULLABLE")), defaultExpression, identity,
                    (String) row.get("REMARKS")));
        }
        ConstraintDef primaryKey = null;
        List<ConstraintDef> uniques = new ArrayList<>();
        List<ConstraintDef> checks = new ArrayList<>();
        List<ForeignKeyDef> foreignKeys = new ArrayList<>();
        for (Map<String, Object> row : Sql.query(connection, CONSTRAINTS, H2CatalogReader::values, schema, name)) {
            String constraint = (String) row.get("CONSTRAINT_NAME");
            List<String[]> keyColumns = Sql.query(connection, KEY_COLUMNS,
                    r -> new String[] {r.getString(1), r.getString(2)}, schema, constraint);
            List<String> own = keyColumns.stream().map(k -> k[0]).toList();
            switch ((String) row.get("CONSTRAINT_TYPE")) {
                case "PRIMARY KEY" -> primaryKey = new ConstraintDef(constraint, own, null);
                case "UNIQUE" -> uniques.add(new ConstraintDef(constraint, own, null));
                case "CHECK" -> checks.add(new ConstraintDef(constraint, List.of(), (String) row.get("CHECK_CLAUSE")));
                case "FOREIGN KEY" -> foreignKeys.add(new ForeignKeyDef(constraint, own,
                        (String) row.get("TABLE_SCHEMA"), (String) row.get("TABLE_NAME"),
                        keyColumns.stream().map(k -> k[1]).toList(), (String) row.get("UPDATE_RULE"),
                        (String) row.get("DELETE_RULE")));
                default -> notCarried.add(new NotCarried("constraint", schema, name + "." + constraint));
            }
        }
        return new TableDef(schema, name, columns, primaryKey, uniques, checks, foreignKeys,
                readIndexes(connection, schema, name), comment);
    }

    private static List<IndexDef> readIndexes(Connection connection, String schema, String table)
            throws SQLException {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        Map<String, Boolean> unique = new LinkedHashMap<>();
        for (String[] row : Sql.query(connection, INDEXES,
                r -> new String[] {r.getString(1), r.getString(2), r.getString(3)}, schema, table)) {
            columns.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row[2]);
            unique.put(row[0], row[1].startsWith("UNIQUE"));
        }
        List<IndexDef> indexes = new ArrayList<>();
        columns.forEach((index, names) -> indexes.add(new IndexDef(index, unique.get(index), names, null)));
        return indexes;
    }

    private static Map<String, Object> values(ResultSet row) throws SQLException {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
            values.put(row.getMetaData().getColumnLabel(i), row.getObject(i));
        }
        return values;
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static int size(Object value) {
        return value == null ? 0 : (int) Math.min(Integer.MAX_VALUE, ((Number) value).longValue());
    }

    private PortableType type(Connection connection, String schema, String table, Map<String, Object> row)
            throws SQLException {
        String dataType = (String) row.get("DATA_TYPE");
        if ("ARRAY".equals(dataType)) {
            List<Map<String, Object>> element = Sql.query(connection, ELEMENT, H2CatalogReader::values, schema, table,
                    row.get("DTD_IDENTIFIER"));
            PortableType elementType = element.isEmpty() ? PortableType.of(Kind.OTHER, "ARRAY")
                    : scalar((String) element.get(0).get("DATA_TYPE"), element.get(0), null);
            long cardinality = number(row.get("MAXIMUM_CARDINALITY"));
            return new PortableType(Kind.ARRAY, 0, 0, 0, elementType, elementType.nativeType() + " ARRAY"
                    + (cardinality > 0 && cardinality != 65536 ? "[" + cardinality + "]" : ""));
        }
        List<String> labels = "ENUM".equals(dataType) ? Sql.strings(connection, ENUM_VALUES, schema, table,
                row.get("DTD_IDENTIFIER")) : null;
        return scalar(dataType, row, labels);
    }

    /** A non-array type, spelled as H2 declares it: sizes and precisions where H2 keeps them. */
    static PortableType scalar(String dataType, Map<String, Object> row, List<String> labels) {
        int length = size(row.get("CHARACTER_MAXIMUM_LENGTH"));
        int precision = size(row.get("DECLARED_NUMERIC_PRECISION"));
        int scale = size(row.get("DECLARED_NUMERIC_SCALE"));
        int fraction = size(row.get("DATETIME_PRECISION"));
        return switch (dataType) {
            case "BOOLEAN" -> PortableType.of(Kind.BOOLEAN, dataType);
            case "TINYINT", "SMALLINT" -> PortableType.of(Kind.SMALLINT, dataType);
            case "INTEGER" -> PortableType.of(Kind.INTEGER, dataType);
            case "BIGINT" -> PortableType.of(Kind.BIGINT, dataType);
            case "NUMERIC", "DECIMAL" -> new PortableType(Kind.DECIMAL, 0, precision, scale, null,
                    precision > 0 ? dataType + "(" + precision + ", " + scale + ")" : dataType);
            // Any scale, as an unconstrained numeric of PostgreSQL (which a restore from it creates DECFLOAT).
            case "DECFLOAT" -> new PortableType(Kind.DECIMAL, 0, 0, 0, null,
                    precision > 0 ? dataType + "(" + precision + ")" : dataType);
            case "REAL" -> PortableType.of(Kind.REAL, dataType);
            case "DOUBLE PRECISION" -> PortableType.of(Kind.DOUBLE, dataType);
            case "CHARACTER" -> new PortableType(Kind.CHAR, length, 0, 0, null, dataType + "(" + length + ")");
            case "CHARACTER VARYING" -> new PortableType(Kind.VARCHAR, length, 0, 0, null,
                    dataType + "(" + length + ")");
            case "CHARACTER LARGE OBJECT" -> PortableType.of(Kind.TEXT, dataType);
            case "BINARY" -> new PortableType(Kind.BINARY, length, 0, 0, null, dataType + "(" + length + ")");
            case "BINARY VARYING" -> new PortableType(Kind.VARBINARY, length, 0, 0, null,
                    dataType + "(" + length + ")");
            case "BINARY LARGE OBJECT" -> PortableType.of(Kind.BLOB, dataType);
            case "DATE" -> PortableType.of(Kind.DATE, dataType);
            case "TIME" -> new PortableType(Kind.TIME, 0, fraction, 0, null, "TIME(" + fraction + ")");
            case "TIMESTAMP" -> new PortableType(Kind.TIMESTAMP, 0, fraction, 0, null, "TIMESTAMP(" + fraction + ")");
            case "TIMESTAMP WITH TIME ZONE" -> new PortableType(Kind.TIMESTAMP_TZ, 0, fraction, 0, null,
                    "TIMESTAMP(" + fraction + ") WITH TIME ZONE");
            case "INTERVAL" -> PortableType.of(Kind.INTERVAL, "INTERVAL " + row.get("INTERVAL_TYPE"));
            case "UUID" -> PortableType.of(Kind.UUID, dataType);
            case "JSON" -> PortableType.of(Kind.JSON, dataType);
            case "ENUM" -> PortableType.of(Kind.ENUM, "ENUM(" + (labels == null ? ""
                    : labels.stream().map(l -> Sql.literal(l, false)).collect(Collectors.joining(", "))) + ")");
            default -> PortableType.of(Kind.OTHER, dataType);
        };
    }
}
