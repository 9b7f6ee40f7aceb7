package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog;

import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ColumnDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.CompositeTypeDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.DomainDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.EnumDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ForeignKeyDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.NativeDefinition;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.PortableType;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SchemaSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SequenceDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.TableDef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Writes PostgreSQL DDL. Serial columns come back as identity columns, which PostgreSQL recommends over serial. */
public final class PostgresDdlWriter extends AbstractDdlWriter {
    /** PostgreSQL's limit on a declared length; H2's unbounded CHARACTER VARYING declares a billion. */
    private static final int LONGEST_VARCHAR = 10_485_760;

    public PostgresDdlWriter() {
        super(PostgresCatalogReader.ENGINE);
    }

    @Override
    String quote(String identifier) {
        return Sql.doubleQuote(identifier);
    }

    @Override
    String defaultSchema() {
        return PostgresCatalogReader.DEFAULT_SCHEMA;
    }

    /**
     * Routine bodies are checked when they run rather than when they are created, as pg_dump's scripts do: a
     * function may use a table or another function created after it. Commits do not wait for the log to reach the
     * disk: on many small tables, a wait for each table's rows and each of its keys took longer than the work. A
     * restore that stops half-way is failed whether or not its last commits survive a crash; {@link #durable}
     * waits once for all of them at the end.
     */
    @Override
    public List<String> session(SchemaSnapshot snapshot) {
        List<String> statements = new ArrayList<>();
        statements.add("SET synchronous_commit = off");
        if (sameEngine(snapshot) && !snapshot.definitions().isEmpty()) {
            statements.add("SET check_function_bodies = false");
        }
        return statements;
    }

    /**
     * A transaction with an id commits a record; committed synchronously, it waits until the log is on disk up to
     * that record, which holds every commit made before it on any connection.
     */
    @Override
    public List<String> durable() {
        return List.of("SET synchronous_commit = on", "SELECT pg_catalog.txid_current()");
    }

    @Override
    public List<String> beforeTables(SchemaSnapshot snapshot) {
        List<String> statements = new ArrayList<>();
        for (String schema : snapshot.schemas()) {
            if (!isDefaultSchema(schema)) {
                statements.add("CREATE SCHEMA IF NOT EXISTS " + quote(schema));
            }
        }
        if (sameEngine(snapshot)) {
            snapshot.extensions().forEach(e -> statements.add("CREATE EXTENSION IF NOT EXISTS " + quote(e)));
            statements.addAll(definitions(snapshot, NativeDefinition.BEFORE_TYPES, Set.of()));
            for (EnumDef type : snapshot.enums()) {
                statements.add("CREATE TYPE " + qualify(type.schema(), type.name()) + " AS ENUM ("
                        + type.labels().stream().map(l -> Sql.literal(l, false)).collect(Collectors.joining(", "))
                        + ")");
            }
            for (DomainDef domain : snapshot.domains()) {
                statements.add("CREATE DOMAIN " + qualify(domain.schema(), domain.name()) + " AS " + domain.baseType()
                        + (domain.defaultExpression() == null ? "" : " DEFAULT " + domain.defaultExpression())
                        + (domain.notNull() ? " NOT NULL" : "")
                        + (domain.check() == null ? "" : " CHECK (" + domain.check() + ")"));
            }
            for (CompositeTypeDef type : snapshot.composites()) {
                String name = qualify(type.schema(), type.name());
                statements.add("CREATE TYPE " + name + " AS (" + String.join(", ", type.attributes()) + ")");
                if (type.comment() != null) {
                    statements.add("COMMENT ON TYPE " + name + " IS " + Sql.literal(type.comment(), false));
                }
            }
        }
        statements.addAll(createSequences(snapshot));
        return statements;
    }

    /**
     * A generated column of a PostgreSQL snapshot is generated again from the expression the source server wrote;
     * from another engine it is a plain column that gets the values.
     */
    @Override
    String columnDefinition(SchemaSnapshot snapshot, TableDef table, ColumnDef column, boolean keyed) {
        if (!computes(snapshot, column)) {
            return super.columnDefinition(snapshot, table, column, keyed);
        }
        return quote(column.name()) + " " + columnType(snapshot, table, column) + " GENERATED ALWAYS AS ("
                + column.generated() + ") STORED" + (column.nullable() ? "" : " NOT NULL");
    }

    @Override
    public boolean computes(SchemaSnapshot snapshot, ColumnDef column) {
        return column.generated() != null && column.generatedStored() && sameEngine(snapshot);
    }

    @Override
    String mappedType(SchemaSnapshot snapshot, TableDef table, ColumnDef column) {
        PortableType type = column.type();
        // An identity column is an integer here: MariaDB's BIGINT UNSIGNED AUTO_INCREMENT (a DECIMAL(20,0) of the
        // snapshot) becomes a bigint, which holds every value up to 9223372036854775807.
        if (column.identity() && type.kind() == PortableType.Kind.DECIMAL && type.scale() == 0) {
            return "bigint";
        }
        String referenced = referencedInteger(snapshot, table, column, new HashSet<>());
        if (referenced != null) {
            return referenced;
        }
        int set = MariaDbSets.longest(snapshot, type);
        return set > 0 ? "character varying(" + set + ")" : type(type);
    }

    /**
     * The integer type of the column a whole-number {@code numeric} column of a foreign key references, which it
     * takes here: PostgreSQL compares no numeric with an integer in a key, and MariaDB's BIGINT UNSIGNED (a
     * numeric here) often references one that is AUTO_INCREMENT (a bigint here). The column holds only values of
     * the one it references. Null for any other column.
     */
    private String referencedInteger(SchemaSnapshot snapshot, TableDef table, ColumnDef column, Set<String> seen) {
        PortableType type = column.type();
        if (type.kind() != PortableType.Kind.DECIMAL || type.scale() != 0
                || !seen.add(table.qualifiedName() + "." + column.name())) {
            return null;
        }
        for (ForeignKeyDef key : table.foreignKeys()) {
            int at = key.columns().indexOf(column.name());
            TableDef referenced = at < 0 || at >= key.referencedColumns().size() ? null
                    : referencedTable(snapshot, key);
            ColumnDef other = referenced == null ? null : column(referenced, key.referencedColumns().get(at));
            if (other == null) {
                continue;
            }
            String integer = switch (other.type().kind()) {
                case SMALLINT, INTEGER, BIGINT -> type(other.type());
                case DECIMAL -> other.identity() && other.type().scale() == 0 ? "bigint"
                        : referencedInteger(snapshot, referenced, other, seen);
                default -> null;
            };
            if (integer != null) {
                return integer;
            }
        }
        return null;
    }

    /**
     * PostgreSQL references only a primary key or unique key on exactly the key's columns, where MariaDB takes any
     * index they lead; and compares no boolean with a number, nor a numeric with an integer.
     */
    @Override
    String foreignKeyProblem(SchemaSnapshot snapshot, TableDef table, ForeignKeyDef key) {
        TableDef referenced = referencedTable(snapshot, key);
        if (referenced == null) {
            return null;
        }
        String problem = uniqueKeyProblem(referenced, key, true);
        if (problem == null) {
            problem = booleanProblem(table, referenced, key);
        }
        for (int i = 0; problem == null && i < key.columns().size() && i < key.referencedColumns().size(); i++) {
            ColumnDef own = column(table, key.columns().get(i));
            ColumnDef other = column(referenced, key.referencedColumns().get(i));
            String ownType = own == null ? null : mappedType(snapshot, table, own);
            String otherType = other == null ? null : mappedType(snapshot, referenced, other);
            if (ownType != null && otherType != null && ownType.startsWith("numeric")
                    && Set.of("smallint", "integer", "bigint").contains(otherType)) {
                problem = "column " + own.name() + " becomes " + ownType + " and " + other.name() + " " + otherType
                        + ", which PostgreSQL does not compare in a key";
            }
        }
        return problem;
    }

    /** PostgreSQL's X'..' is a bit string: bytes are a bytea in its hex format. */
    @Override
    String binaryLiteral(byte[] bytes) {
        return "'\\x" + HexFormat.of().formatHex(bytes) + "'::bytea";
    }

    /** A text of another engine's may hold a zero character, which no PostgreSQL text holds. */
    @Override
    String defaultFor(SchemaSnapshot snapshot, ColumnDef column) {
        String value = super.defaultFor(snapshot, column);
        return value != null && !sameEngine(snapshot) && value.indexOf('\0') >= 0 ? null : value;
    }

    private static String type(PortableType type) {
        return switch (type.kind()) {
            case BOOLEAN -> "boolean";
            case SMALLINT -> "smallint";
            case INTEGER -> "integer";
            case BIGINT -> "bigint";
            case DECIMAL -> type.precision() > 0 ? "numeric(" + type.precision() + "," + type.scale() + ")" : "numeric";
            case REAL -> "real";
            case DOUBLE -> "double precision";
            case CHAR -> "character(" + Math.min(Math.max(type.length(), 1), LONGEST_VARCHAR) + ")";
            case VARCHAR -> type.length() > 0 && type.length() <= LONGEST_VARCHAR ? "character varying("
                    + type.length() + ")" : "character varying";
            case TEXT, ENUM -> "text";
            case BINARY, VARBINARY, BLOB -> "bytea";
            case DATE -> "date";
            case TIME -> "time" + precision(type) + " without time zone";
            case TIMESTAMP -> "timestamp" + precision(type) + " without time zone";
            case TIMESTAMP_TZ -> "timestamp" + precision(type) + " with time zone";
            case INTERVAL -> "interval";
            case UUID -> "uuid";
            case JSON -> "json";
            case ARRAY -> type.element() == null || type(type.element()) == null ? null : type(type.element()) + "[]";
            case OTHER -> null;
        };
    }

    private static String precision(PortableType type) {
        return type.precision() > 0 ? "(" + Math.min(type.precision(), 6) + ")" : "";
    }

    /**
     * From PostgreSQL the identity's sequence keeps its name, which need not be the one the server would choose
     * (a serial column's sequence left behind may hold that one).
     */
    @Override
    String identityClause(SchemaSnapshot snapshot, TableDef table, ColumnDef column, boolean keyed) {
        SequenceDef sequence = sequenceOf(snapshot, table, column);
        return " GENERATED BY DEFAULT AS IDENTITY" + (sequence == null ? ""
                : " (" + (sameEngine(snapshot) ? "SEQUENCE NAME " + qualify(sequence.schema(), sequence.name()) + " "
                        : "") + "START WITH " + sequence.start() + " INCREMENT BY " + sequence.increment()
                        + widenedBound(sequence) + ")");
    }

    /**
     * A sequence starting below 1 (or, counting down, above -1) needs its bound widened to be created at all; the
     * source's own bounds follow with its other options.
     */
    @Override
    List<String> createSequences(SchemaSnapshot snapshot) {
        return freeSequences(snapshot).stream().map(s -> "CREATE SEQUENCE " + qualify(s.schema(), s.name())
                + " START WITH " + s.start() + " INCREMENT BY " + s.increment() + widenedBound(s)).toList();
    }

    /** The bound a sequence's default would leave on the wrong side of its start (MAXVALUE -1 counting down). */
    private static String widenedBound(SequenceDef s) {
        return (s.increment() > 0 && s.start() < 1 ? " MINVALUE " + s.start() : "")
                + (s.increment() < 0 && s.start() > -1 ? " MAXVALUE " + s.start() : "");
    }

    @Override
    List<String> sequencePosition(SequenceDef sequence) {
        List<String> statements = new ArrayList<>();
        String name = qualify(sequence.schema(), sequence.name());
        statements.add("SELECT pg_catalog.setval(" + Sql.literal(name, false) + ", " + sequence.value() + ", "
                + sequence.called() + ")");
        if (sequence.ownedByTable() != null) {
            statements.add("ALTER SEQUENCE " + name + " OWNED BY " + qualify(sequence.schema(), sequence.ownedByTable())
                    + "." + quote(sequence.ownedByColumn()));
        }
        return statements;
    }

    /**
     * From PostgreSQL the sequence is named as the source named it: the column may own another one, and which of
     * them pg_get_serial_sequence finds is not defined.
     */
    @Override
    List<String> identityPosition(SchemaSnapshot snapshot, TableDef table, ColumnDef column, SequenceDef sequence) {
        String identitySequence = sequence != null && sameEngine(snapshot)
                ? Sql.literal(qualify(sequence.schema(), sequence.name()), false)
                : "pg_catalog.pg_get_serial_sequence(" + Sql.literal(tableName(table), false) + ", "
                        + Sql.literal(column.name(), false) + ")";
        if (sequence != null) {
            return List.of("SELECT pg_catalog.setval(" + identitySequence + ", " + sequence.value() + ", "
                    + sequence.called() + ")");
        }
        return List.of("SELECT pg_catalog.setval(" + identitySequence + ", COALESCE(MAX(" + quote(column.name())
                + "), 0) + 1, false) FROM " + tableName(table));
    }
}
