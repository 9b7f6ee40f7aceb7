package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog;

import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ColumnDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ConstraintDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ForeignKeyDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.IndexDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.NativeDefinition;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.PortableType;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SchemaSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SequenceDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.TableDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ViewDef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What every target engine writes the same way. A snapshot from the same engine is restored with its own text:
 * native types, defaults, check expressions, index definitions and view queries. From another engine, only what
 * means the same thing on both sides moves:
 * <ul>
 * <li>column types map by kind; a kind the target cannot hold is the one hard {@link #incompatibility};
 * <li>defaults move when they are literals or the current timestamp, checks when they are plain comparisons
 * and logic over columns ({@link Expressions}); other defaults, checks, indexes on expressions and views are
 * left out and listed by {@link #notes}, because a half-understood check or view would be worse than none
 * and the data restores the same without them.
 * </ul>
 * The default schema of each engine ({@code public}, {@code PUBLIC}, MariaDB's database) maps to the target's.
 */
abstract class AbstractDdlWriter implements DdlWriter {
    /** A date literal with a zero year, month or day, with or without a time. */
    private static final Pattern ZERO_PART_DATE = Pattern.compile(
            "'(0000-\\d\\d-\\d\\d|\\d{4}-00-\\d\\d|\\d{4}-\\d\\d-00)([ T][0-9:.]*)?'");
    /**
     * A TIME literal before 00:00:00 or from 24:00:00 on: a span of MariaDB's TIME (-838:59:59 to 838:59:59), no
     * time of day of another engine's.
     */
    private static final Pattern TIME_OUTSIDE_A_DAY = Pattern.compile(
            "'(-\\d+|\\d{3,}|2[4-9]|[3-9]\\d):\\d\\d(:\\d\\d(\\.\\d*)?)?'");
    /**
     * PostgreSQL's special date and time inputs: {@code 'now'::text::date} is the day of the insert, not a date
     * another engine reads.
     */
    private static final Pattern POSTGRES_SPECIAL_DATE = Pattern.compile(
            "'\\s*(now|today|tomorrow|yesterday|epoch|-?infinity|allballs)\\s*'", Pattern.CASE_INSENSITIVE);
    private final String engine;

    AbstractDdlWriter(String engine) {
        this.engine = engine;
    }

    abstract String quote(String identifier);

    /** The column type for a snapshot from another engine; null when the target has none that fits. */
    abstract String mappedType(SchemaSnapshot snapshot, TableDef table, ColumnDef column);

    /**
     * The type of unbounded text that holds what {@link #textFallback} gives; null for an engine that needs none
     * (PostgreSQL, whose own types these are).
     */
    String textType() {
        return null;
    }

    /**
     * The type of a column from PostgreSQL whose type this engine has no equivalent for, where each value comes as
     * text: a type only PostgreSQL knows (tsvector, a range, a geometric type) and an interval, whose values a
     * backup holds as PostgreSQL writes them, and an array, held as a JSON array. Null for any other (another
     * engine's such values are not text), and for a column of a key or index, which could not be built on it.
     * Named among what the target leaves out or changes, so only a target that accepts partial copies takes it.
     */
    final String textFallback(SchemaSnapshot snapshot, TableDef table, ColumnDef column) {
        PortableType.Kind kind = column.type().kind();
        boolean textual = kind == PortableType.Kind.OTHER || kind == PortableType.Kind.INTERVAL
                || kind == PortableType.Kind.ARRAY;
        return textual && PostgresCatalogReader.ENGINE.equals(snapshot.sourceEngine())
                && !keyedColumns(table).contains(column.name()) ? textType() : null;
    }

    /** Whether a column's type is PostgreSQL's citext (case-insensitive text), in whichever schema it was created. */
    static boolean isCitext(PortableType type) {
        String name = type.nativeType();
        return type.kind() == PortableType.Kind.OTHER && name != null
                && name.replace("\"", "").matches("(?i)([a-z_][a-z0-9_$]*\\.)?citext");
    }

    /** The columns of the table's keys, indexes and foreign keys. */
    static Set<String> keyedColumns(TableDef table) {
        Set<String> columns = new HashSet<>();
        keys(table).forEach(columns::addAll);
        return columns;
    }

    /** The column lists of the table's primary key, unique constraints, indexes and foreign keys. */
    static List<List<String>> keys(TableDef table) {
        List<List<String>> keys = new ArrayList<>();
        if (table.primaryKey() != null) {
            keys.add(table.primaryKey().columns());
        }
        table.uniques().forEach(u -> keys.add(u.columns()));
        table.indexes().forEach(i -> keys.add(i.columns()));
        table.foreignKeys().forEach(f -> keys.add(f.columns()));
        return keys;
    }

    /** Whether string literals need their backslashes doubled (MariaDB). */
    boolean backslashEscapes() {
        return false;
    }

    final boolean sameEngine(SchemaSnapshot snapshot) {
        return engine.equals(snapshot.sourceEngine());
    }

    static boolean isDefaultSchema(String schema) {
        return schema == null || schema.isEmpty() || "public".equalsIgnoreCase(schema);
    }

    /** The schema a source schema lands in: the target's default for the source's default, else its own name. */
    String targetSchema(String schema) {
        return isDefaultSchema(schema) ? defaultSchema() : schema;
    }

    abstract String defaultSchema();

    String qualify(String schema, String name) {
        String target = targetSchema(schema);
        return target == null ? quote(name) : quote(target) + "." + quote(name);
    }

    @Override
    public String tableName(TableDef table) {
        return qualify(table.schema(), table.name());
    }

    @Override
    public String columnName(String column) {
        return quote(column);
    }

    String columnType(SchemaSnapshot snapshot, TableDef table, ColumnDef column) {
        if (sameEngine(snapshot)) {
            return column.type().nativeType();
        }
        String mapped = mappedType(snapshot, table, column);
        return mapped != null ? mapped : textFallback(snapshot, table, column);
    }

    @Override
    public Optional<String> incompatibility(SchemaSnapshot snapshot) {
        List<String> columns = new ArrayList<>();
        for (TableDef table : snapshot.tables()) {
            for (ColumnDef column : table.columns()) {
                if (columnType(snapshot, table, column) == null) {
                    columns.add("column '" + table.qualifiedName() + "." + column.name() + "' of type '"
                            + column.type().nativeType() + "' (" + column.type().kind() + ")");
                }
            }
        }
        List<String> problems = new ArrayList<>();
        if (!columns.isEmpty()) {
            problems.add(String.join(", ", columns) + (columns.size() == 1 ? " has" : " have")
                    + " no equivalent there");
        }
        List<String> others = otherIncompatibilities(snapshot);
        problems.addAll(others);
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        String change = !others.isEmpty() ? "what is named" : columns.size() == 1 ? "the column's type"
                : "those columns' types";
        return Optional.of("A " + snapshot.sourceEngine() + " snapshot cannot be restored into " + engine + ": "
                + String.join("; ", problems) + ". Restore it into " + snapshot.sourceEngine() + ", or change "
                + change + " in the source.");
    }

    List<String> otherIncompatibilities(SchemaSnapshot snapshot) {
        return List.of();
    }

    @Override
    public List<String> definitions(SchemaSnapshot snapshot, String phase, Set<String> absentRoles) {
        return NativeReplay.statements(snapshot.definitions(), engine, phase, absentRoles);
    }

    /** What this target leaves out of the snapshot, for the restore's output. */
    @Override
    public List<String> notes(SchemaSnapshot snapshot) {
        List<String> notes = new ArrayList<>();
        snapshot.definitions().stream().filter(d -> !engine.equals(d.engine()))
                .filter(d -> !NativeDefinition.SAME_ENGINE_DETAILS.contains(d.kind()))
                .forEach(d -> notes.add(d.id() + " (" + d.engine() + "'s own definition)"));
        if (sameEngine(snapshot)) {
            return notes;
        }
        snapshot.composites().forEach(t -> notes.add("composite type " + t.schema() + "." + t.name()));
        for (TableDef table : snapshot.tables()) {
            for (ColumnDef column : table.columns()) {
                if (mappedType(snapshot, table, column) == null && textFallback(snapshot, table, column) != null) {
                    notes.add("column " + table.qualifiedName() + "." + column.name() + " of type "
                            + column.type().nativeType() + ", restored as "
                            + (column.type().kind() == PortableType.Kind.ARRAY ? "a JSON array in text"
                                    : "its text"));
                }
            }
            for (ColumnDef column : table.columns()) {
                if (column.defaultExpression() != null && defaultFor(snapshot, column) == null) {
                    notes.add("default of " + table.qualifiedName() + "." + column.name() + " ("
                            + column.defaultExpression() + ")");
                }
            }
            for (ColumnDef column : table.columns()) {
                if (column.onUpdate() != null) {
                    notes.add("ON UPDATE " + column.onUpdate() + " of " + table.qualifiedName() + "." + column.name());
                }
                if (column.generated() != null && !computes(snapshot, column)) {
                    notes.add("generated column " + table.qualifiedName() + "." + column.name() + " ("
                            + column.generated() + "), restored as a plain column with its values");
                }
            }
            for (ConstraintDef check : table.checks()) {
                if (checkExpression(snapshot, check) == null) {
                    notes.add("check " + check.name() + " on " + table.qualifiedName() + " (" + check.expression() + ")");
                }
            }
            for (IndexDef index : table.indexes()) {
                if (index.columns().isEmpty()) {
                    // Its definition says why: an expression, a prefix, a descending part, FULLTEXT or SPATIAL.
                    notes.add("index " + index.name() + " on " + table.qualifiedName()
                            + (index.definition() == null ? "" : " (" + index.definition() + ")"));
                }
            }
            for (ForeignKeyDef key : table.foreignKeys()) {
                String problem = foreignKeyProblem(snapshot, table, key);
                if (problem != null) {
                    notes.add("foreign key " + key.name() + " of " + table.qualifiedName() + " ("
                            + String.join(", ", key.columns()) + ") referencing "
                            + qualifiedName(key.referencedSchema(), key.referencedTable()) + " ("
                            + String.join(", ", key.referencedColumns()) + "): " + problem);
                }
            }
        }
        snapshot.views().forEach(v -> notes.add("view " + qualifiedName(v.schema(), v.name())));
        return notes;
    }

    static String qualifiedName(String schema, String name) {
        return schema == null || schema.isEmpty() ? name : schema + "." + name;
    }

    String defaultFor(SchemaSnapshot snapshot, ColumnDef column) {
        if (column.defaultExpression() == null) {
            return null;
        }
        if (sameEngine(snapshot)) {
            return column.defaultExpression();
        }
        PortableType.Kind kind = column.type().kind();
        boolean binary = kind == PortableType.Kind.BINARY || kind == PortableType.Kind.VARBINARY
                || kind == PortableType.Kind.BLOB;
        String value = Expressions.portableDefault(column.defaultExpression(),
                Expressions.Source.of(snapshot.sourceEngine()), backslashEscapes(),
                binary ? this::binaryLiteral : null);
        // MariaDB's zero dates ('0000-00-00', '2024-02-00') and year 0 are no date of another engine's.
        if (value != null && (kind == PortableType.Kind.DATE || kind == PortableType.Kind.TIMESTAMP
                || kind == PortableType.Kind.TIMESTAMP_TZ) && ZERO_PART_DATE.matcher(value).matches()) {
            return null;
        }
        if (value != null && kind == PortableType.Kind.TIME && TIME_OUTSIDE_A_DAY.matcher(value).matches()) {
            return null;
        }
        if (value != null && (kind == PortableType.Kind.DATE || kind == PortableType.Kind.TIME
                || kind == PortableType.Kind.TIMESTAMP || kind == PortableType.Kind.TIMESTAMP_TZ)
                && PostgresCatalogReader.ENGINE.equals(snapshot.sourceEngine())
                && POSTGRES_SPECIAL_DATE.matcher(value).matches()) {
            return null;
        }
        // MariaDB's booleans are numbers; PostgreSQL refuses a number as a boolean's default.
        if (column.type().kind() == PortableType.Kind.BOOLEAN && ("1".equals(value) || "0".equals(value))) {
            return "1".equals(value) ? "TRUE" : "FALSE";
        }
        return value;
    }

    String checkExpression(SchemaSnapshot snapshot, ConstraintDef check) {
        return sameEngine(snapshot) ? check.expression() : Expressions.portableCheck(check.expression(),
                Expressions.Source.of(snapshot.sourceEngine()), backslashEscapes(), this::quote);
    }

    /** Bytes as this engine writes them in SQL: {@code X'00ff'} in MariaDB and H2. */
    String binaryLiteral(byte[] bytes) {
        return "X'" + HexFormat.of().formatHex(bytes) + "'";
    }

    @Override
    public String createTable(SchemaSnapshot snapshot, TableDef table) {
        return "CREATE TABLE " + tableName(table) + " (" + table.columns().stream()
                .map(c -> columnDefinition(snapshot, table, c, false)).collect(Collectors.joining(", ")) + ")"
                + tableOptions(table);
    }

    String tableOptions(TableDef table) {
        return "";
    }

    /** Name, type, identity, default, NOT NULL; {@code keyed} when the table's keys exist (MariaDB's identity). */
    String columnDefinition(SchemaSnapshot snapshot, TableDef table, ColumnDef column, boolean keyed) {
        StringBuilder sql = new StringBuilder(quote(column.name())).append(' ')
                .append(columnType(snapshot, table, column));
        if (column.identity()) {
            sql.append(identityClause(snapshot, table, column, keyed));
        }
        String defaultExpression = column.identity() ? null : defaultFor(snapshot, column);
        if (defaultExpression != null) {
            sql.append(" DEFAULT ").append(defaultExpression);
        }
        if (!column.nullable()) {
            sql.append(" NOT NULL");
        }
        sql.append(columnOptions(column));
        return sql.toString();
    }

    abstract String identityClause(SchemaSnapshot snapshot, TableDef table, ColumnDef column, boolean keyed);

    String columnOptions(ColumnDef column) {
        return "";
    }

    @Override
    public List<String> afterData(SchemaSnapshot snapshot, TableDef table) {
        List<String> statements = new ArrayList<>(keys(snapshot, table));
        for (ConstraintDef check : table.checks()) {
            String expression = checkExpression(snapshot, check);
            if (expression != null) {
                statements.add("ALTER TABLE " + tableName(table) + " ADD CONSTRAINT "
                        + quote(objectName(snapshot, table, check.name()))
                        + " CHECK (" + expression + ")");
            }
        }
        for (IndexDef index : table.indexes()) {
            if (sameEngine(snapshot) && index.definition() != null) {
                statements.add(index.definition());
            } else if (!index.columns().isEmpty()) {
                statements.add("CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX "
                        + indexName(table, objectName(snapshot, table, index.name())) + " ON " + tableName(table) + " (" + columns(index.columns())
                        + ")");
            }
        }
        statements.addAll(comments(table));
        return statements;
    }

    String indexName(TableDef table, String name) {
        return quote(name);
    }

    /**
     * A constraint or index name from the source. MariaDB names keys and indexes per table (every primary key is
     * {@code PRIMARY}), PostgreSQL and H2 per schema, so names from MariaDB take their table's name as a prefix.
     */
    String objectName(SchemaSnapshot snapshot, TableDef table, String name) {
        if (sameEngine(snapshot) || !MariaDbCatalogReader.ENGINE.equals(snapshot.sourceEngine())) {
            return name;
        }
        return table.name() + "_" + ("PRIMARY".equals(name) ? "pkey" : name);
    }

    List<String> keys(SchemaSnapshot snapshot, TableDef table) {
        List<String> statements = new ArrayList<>();
        if (table.primaryKey() != null) {
            statements.add("ALTER TABLE " + tableName(table) + " ADD CONSTRAINT "
                    + quote(objectName(snapshot, table, table.primaryKey().name()))
                    + " PRIMARY KEY (" + columns(table.primaryKey().columns()) + ")");
        }
        for (ConstraintDef unique : table.uniques()) {
            statements.add("ALTER TABLE " + tableName(table) + " ADD CONSTRAINT "
                    + quote(objectName(snapshot, table, unique.name()))
                    + " UNIQUE (" + columns(unique.columns()) + ")");
        }
        return statements;
    }

    /** PostgreSQL and H2 share COMMENT ON; MariaDB writes comments in the table definition instead. */
    List<String> comments(TableDef table) {
        List<String> statements = new ArrayList<>();
        if (table.comment() != null) {
            statements.add("COMMENT ON TABLE " + tableName(table) + " IS " + Sql.literal(table.comment(), false));
        }
        for (ColumnDef column : table.columns()) {
            if (column.comment() != null) {
                statements.add("COMMENT ON COLUMN " + tableName(table) + "." + quote(column.name()) + " IS "
                        + Sql.literal(column.comment(), false));
            }
        }
        return statements;
    }

    String columns(List<String> names) {
        return names.stream().map(this::quote).collect(Collectors.joining(", "));
    }

    /**
     * Why this engine cannot create the foreign key of a snapshot from another engine as its columns are
     * translated (their types, or the key of the referenced table it needs); null when it can. Each engine checks
     * a key its own way, and one the source took may be refused here.
     */
    String foreignKeyProblem(SchemaSnapshot snapshot, TableDef table, ForeignKeyDef key) {
        return null;
    }

    /** The table's foreign keys this engine creates: all of them from the same engine. */
    final List<ForeignKeyDef> carriedForeignKeys(SchemaSnapshot snapshot, TableDef table) {
        if (sameEngine(snapshot)) {
            return table.foreignKeys();
        }
        return table.foreignKeys().stream().filter(k -> foreignKeyProblem(snapshot, table, k) == null).toList();
    }

    /** The table a foreign key references, if the snapshot holds it. */
    static TableDef referencedTable(SchemaSnapshot snapshot, ForeignKeyDef key) {
        return snapshot.tables().stream().filter(t -> t.name().equals(key.referencedTable())
                && Objects.equals(emptyToNull(t.schema()), emptyToNull(key.referencedSchema()))).findFirst()
                .orElse(null);
    }

    static ColumnDef column(TableDef table, String name) {
        return table.columns().stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    /**
     * Why a key cannot reference the columns in PostgreSQL and H2, which take only a primary key or unique
     * constraint on exactly those columns (in any order); PostgreSQL also a plain unique index ({@code indexes}).
     * MariaDB takes any index they lead, so a key from there may have none.
     */
    static String uniqueKeyProblem(TableDef referenced, ForeignKeyDef key, boolean indexes) {
        Set<String> columns = Set.copyOf(key.referencedColumns());
        List<List<String>> keys = new ArrayList<>();
        if (referenced.primaryKey() != null) {
            keys.add(referenced.primaryKey().columns());
        }
        referenced.uniques().forEach(u -> keys.add(u.columns()));
        if (indexes) {
            referenced.indexes().stream().filter(IndexDef::unique).forEach(i -> keys.add(i.columns()));
        }
        if (keys.stream().anyMatch(k -> k.size() == columns.size() && columns.containsAll(k))) {
            return null;
        }
        return "no primary key or unique " + (indexes ? "key" : "constraint") + " of "
                + referenced.qualifiedName() + " is on exactly those columns";
    }

    /** Why the key's columns cannot be compared here: a boolean against a number, which MariaDB's TINYINT(1) is. */
    static String booleanProblem(TableDef table, TableDef referenced, ForeignKeyDef key) {
        for (int i = 0; i < key.columns().size() && i < key.referencedColumns().size(); i++) {
            ColumnDef own = column(table, key.columns().get(i));
            ColumnDef other = column(referenced, key.referencedColumns().get(i));
            if (own != null && other != null && (own.type().kind() == PortableType.Kind.BOOLEAN)
                    != (other.type().kind() == PortableType.Kind.BOOLEAN)) {
                return "column " + own.name() + " (" + own.type().nativeType() + ") and " + other.name() + " ("
                        + other.type().nativeType() + ") become a boolean and a number, which do not compare";
            }
        }
        return null;
    }

    @Override
    public List<String> foreignKeys(SchemaSnapshot snapshot, TableDef table) {
        List<String> statements = new ArrayList<>();
        for (ForeignKeyDef key : carriedForeignKeys(snapshot, table)) {
            statements.add("ALTER TABLE " + tableName(table) + " ADD CONSTRAINT "
                    + quote(objectName(snapshot, table, key.name()))
                    + " FOREIGN KEY (" + columns(key.columns()) + ") REFERENCES "
                    + qualify(key.referencedSchema(), key.referencedTable()) + " (" + columns(key.referencedColumns())
                    + ")" + rule(snapshot, "UPDATE", action(table, key, key.onUpdate()))
                    + rule(snapshot, "DELETE", action(table, key, key.onDelete())));
        }
        return statements;
    }

    /** The referential action as this target writes it for the key. */
    String action(TableDef table, ForeignKeyDef key, String action) {
        return action;
    }

    /** The ON UPDATE or ON DELETE clause; none for the engines' default. */
    String rule(SchemaSnapshot snapshot, String event, String action) {
        return action == null || "NO ACTION".equals(action) ? "" : " ON " + event + " " + action;
    }

    /** Sequences not owned by identity columns; they exist before the tables, whose defaults may use them. */
    List<SequenceDef> freeSequences(SchemaSnapshot snapshot) {
        return snapshot.sequences().stream().filter(s -> identityOf(snapshot, s) == null).toList();
    }

    /** The identity column a sequence stands for, if any. */
    static ColumnDef identityOf(SchemaSnapshot snapshot, SequenceDef sequence) {
        if (sequence.ownedByTable() == null || sequence.ownedOnly()) {
            return null;
        }
        for (TableDef table : snapshot.tables()) {
            if (table.name().equals(sequence.ownedByTable())
                    && Objects.equals(emptyToNull(table.schema()), emptyToNull(sequence.schema()))) {
                for (ColumnDef column : table.columns()) {
                    if (column.identity() && column.name().equals(sequence.ownedByColumn())) {
                        return column;
                    }
                }
            }
        }
        return null;
    }

    /** The sequence that generates an identity (or serial) column's values, if the snapshot has one. */
    static SequenceDef sequenceOf(SchemaSnapshot snapshot, TableDef table, ColumnDef column) {
        for (SequenceDef sequence : snapshot.sequences()) {
            if (!sequence.ownedOnly() && table.name().equals(sequence.ownedByTable())
                    && column.name().equals(sequence.ownedByColumn())
                    && Objects.equals(emptyToNull(table.schema()), emptyToNull(sequence.schema()))) {
                return sequence;
            }
        }
        return null;
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    /** The value nextval returns next. */
    static long nextValue(SequenceDef sequence) {
        return sequence.called() ? sequence.value() + sequence.increment() : sequence.value();
    }

    List<String> createSequences(SchemaSnapshot snapshot) {
        return freeSequences(snapshot).stream().map(s -> "CREATE SEQUENCE " + qualify(s.schema(), s.name())
                + " START WITH " + s.start() + " INCREMENT BY " + s.increment()).toList();
    }

    @Override
    public List<String> afterAll(SchemaSnapshot snapshot) {
        List<String> statements = new ArrayList<>();
        for (SequenceDef sequence : freeSequences(snapshot)) {
            statements.addAll(sequencePosition(sequence));
        }
        for (TableDef table : snapshot.tables()) {
            for (ColumnDef column : table.columns()) {
                if (column.identity()) {
                    statements.addAll(identityPosition(snapshot, table, column, sequenceOf(snapshot, table, column)));
                }
            }
        }
        if (sameEngine(snapshot)) {
            for (ViewDef view : snapshot.views()) {
                statements.add("CREATE VIEW " + qualify(view.schema(), view.name()) + " AS " + view.query());
            }
        }
        return statements;
    }

    abstract List<String> sequencePosition(SequenceDef sequence);

    /** Continues an identity at its snapshot position, or after its highest value when the source kept none. */
    abstract List<String> identityPosition(SchemaSnapshot snapshot, TableDef table, ColumnDef column, SequenceDef sequence);
}
