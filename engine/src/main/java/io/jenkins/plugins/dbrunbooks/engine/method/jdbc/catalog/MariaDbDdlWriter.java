package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog;

import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ColumnDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ConstraintDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.EnumDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ForeignKeyDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.IndexDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.PortableType;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.NativeDefinition;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SchemaSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SequenceDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.TableDef;
import io.jenkins.plugins.dbrunbooks.engine.method.mariadb.ConstraintChecks;
import io.jenkins.plugins.dbrunbooks.engine.method.mariadb.ForeignKeyIndexes;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes MariaDB DDL into the connection's database, which holds every source schema: tables keep their names
 * and lose their schema, so two tables of one name in different schemas cannot be restored here.
 * <ul>
 * <li>The primary key is part of CREATE TABLE, unlike the other keys and indexes, which come after the rows: InnoDB
 * stores a table in its primary key's order, so adding the key afterwards would rebuild the whole table, while
 * rows loaded in key order (as a MariaDB backup reads them) simply append.
 * <li>AUTO_INCREMENT needs a key. An identity column that leads the primary key is AUTO_INCREMENT from the start
 * (the loader keeps a 0 in it with NO_AUTO_VALUE_ON_ZERO); any other identity column is created plain and becomes
 * AUTO_INCREMENT in the same ALTER TABLE that adds its keys, which renumbers a 0 unless sql_mode has
 * NO_AUTO_VALUE_ON_ZERO. A key of its own is added only where it has none the target takes: MyISAM and Aria number
 * a column that is not first in its key within each group of the columns before it, which a key it leads would
 * turn into one numbering for the whole table. MariaDB continues after the highest value, so {@link #afterAll}
 * only sets the counter when the snapshot knows where the source stood.
 * <li>Foreign keys are added with {@code foreign_key_checks} off for those statements, as mariadb-dump's output does:
 * with checks on, InnoDB copies the whole table to add one, and the rows came from a snapshot in which the keys held.
 * The session's setting is put back after each table's keys.
 * <li>TIMESTAMP WITH TIME ZONE becomes DATETIME(6), which keeps no zone: the rows must be written as UTC
 * instants (the data loader converts them), and readers must know the column holds UTC.
 * <li>UUID becomes CHAR(36), which every MariaDB version can hold (the UUID type needs 10.7).
 * <li>Text and enums are utf8mb4 with a binary collation: they compare as in the source, case included.
 * <li>Unbounded text that is part of a key or index becomes a VARCHAR that the key holds whole beside its other
 * columns: InnoDB takes 3072 bytes of a key, 4 a utf8mb4 character, so VARCHAR(768) alone and less beside others
 * (binary likewise, a VARBINARY of the bytes left); elsewhere it becomes LONGTEXT (LONGBLOB).
 * </ul>
 */
public final class MariaDbDdlWriter extends AbstractDdlWriter {
    /** InnoDB's longest key, in bytes. */
    private static final int LONGEST_KEY_BYTES = 3072;
    private static final int UTF8MB4_BYTES = 4;
    private static final int LONGEST_VARCHAR = 16383;
    /**
     * Text from another engine compares as it did there, by its characters, not as MariaDB's default collations do
     * (case and accents ignored), which would take unique values such as {@code 'a'} and {@code 'A'}, or enum labels,
     * for one. Both MariaDB and MySQL know this collation; it pads with spaces, as the defaults do.
     */
    private static final String TEXT_COLLATION = " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin";
    /**
     * PostgreSQL's citext compares its text as lower case: a case-insensitive collation that MariaDB and MySQL both
     * know, which also takes accented letters for their base letters (citext does not).
     */
    private static final String CITEXT_COLLATION = " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci";
    /** The modes that refuse what a MariaDB table may hold; no mode's name holds another's. */
    private static final List<String> NOT_FOR_STORED_VALUES = List.of("STRICT_TRANS_TABLES", "STRICT_ALL_TABLES",
            "NO_ZERO_IN_DATE", "NO_ZERO_DATE", "TRADITIONAL");

    /** A date and time with an offset, as PostgreSQL prints one: {@code +00}, {@code +05:30}, {@code -03:22:48}. */
    private static final Pattern MOMENT_WITH_OFFSET = Pattern.compile(
            "'(\\d{4,}-\\d\\d-\\d\\d) (\\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,9})?)([+-]\\d\\d(?::\\d\\d){0,2})( BC)?'");

    /**
     * Per table from another engine (the very definition: a writer may see several snapshots), see
     * {@link #varcharsAsText}; tables are written on several threads.
     */
    private final Map<TableDef, Map<String, Integer>> asText = Collections.synchronizedMap(new IdentityHashMap<>());

    public MariaDbDdlWriter() {
        super(MariaDbCatalogReader.ENGINE);
    }

    @Override
    String quote(String identifier) {
        return Sql.backtick(identifier);
    }

    @Override
    String defaultSchema() {
        return null;
    }

    @Override
    boolean backslashEscapes() {
        return true;
    }

    @Override
    String qualify(String schema, String name) {
        return quote(name);
    }

    @Override
    List<String> otherIncompatibilities(SchemaSnapshot snapshot) {
        Map<String, String> seen = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (TableDef table : snapshot.tables()) {
            String other = seen.putIfAbsent(table.name(), table.qualifiedName());
            if (other != null) {
                problems.add("tables '" + other + "' and '" + table.qualifiedName() + "' share one name, and"
                        + " MariaDB keeps every schema in the one database");
            }
            if (!sameEngine(snapshot)) {
                problems.addAll(keysTooLong(table));
            }
        }
        return problems;
    }

    @Override
    public List<String> session(SchemaSnapshot snapshot) {
        // A 0 in an AUTO_INCREMENT column stays 0, in the rows the batched INSERTs load (LOAD DATA sets the mode
        // itself) and when the ALTER TABLE that gives a column its AUTO_INCREMENT copies the rows: without
        // NO_AUTO_VALUE_ON_ZERO both number it anew.
        String modes = "@@SESSION.sql_mode";
        String added = "'NO_AUTO_VALUE_ON_ZERO'";
        String checks = ConstraintChecks.ON;
        if (sameEngine(snapshot)) {
            // The rows are those the source held, which may break the table's checks (see ConstraintChecks).
            checks = ConstraintChecks.OFF;
            // Every value comes from a table of the same definitions, which took it, maybe without strict mode: a
            // generated column or a check of its own may compute a value with a warning (an overflow, a division
            // by zero), which strict mode makes an error when the rows load or an ALTER TABLE copies them to build
            // a key. So the session is not strict, as mariadb-dump's output sets it. Zero dates (0000-00-00,
            // 2024-02-00) are in a MariaDB snapshot only when the source held them, in rows and defaults alike.
            // TRADITIONAL goes too, since it stands for a set of modes that includes them all.
            for (String mode : NOT_FOR_STORED_VALUES) {
                modes = "REPLACE(" + modes + ", '" + mode + "', '')";
            }
        } else {
            // From another engine a value MariaDB cannot hold as it is (text longer than its column) stops the
            // restore, whatever the server's sql_mode: it is not stored changed. So does a row a check refuses as
            // MariaDB reads it (trailing spaces, which its collations ignore), whatever the server's setting.
            added = "'STRICT_ALL_TABLES', " + added;
        }
        List<String> statements = new ArrayList<>(List.of("SET SESSION sql_mode = CONCAT_WS(',', NULLIF(" + modes
                + ", ''), " + added + ")", checks));
        if (!sameEngine(snapshot) && snapshot.tables().stream().anyMatch(t -> MariaDbRowSize.overInnoDbLimit(
                t.columns().stream().map(c -> mappedType(snapshot, t, c)).toList()))) {
            // A wide table from another engine is created, and a row refused only where it does not fit as it loads.
            statements.add("SET SESSION innodb_strict_mode = OFF");
        }
        return statements;
    }

    @Override
    public List<String> beforeTables(SchemaSnapshot snapshot) {
        List<String> statements = new ArrayList<>(definitions(snapshot, NativeDefinition.BEFORE_TYPES, Set.of()));
        statements.addAll(createSequences(snapshot));
        return statements;
    }

    @Override
    String tableOptions(TableDef table) {
        return table.comment() == null ? "" : " COMMENT " + Sql.literal(table.comment(), true);
    }

    @Override
    String columnOptions(ColumnDef column) {
        // NULL said outright: without it a TIMESTAMP column is NOT NULL where explicit_defaults_for_timestamp is off.
        return (column.nullable() ? " NULL" : "") + (column.invisible() ? " INVISIBLE" : "")
                + (column.comment() == null ? "" : " COMMENT " + Sql.literal(column.comment(), true));
    }

    /**
     * A generated column of a MariaDB snapshot is generated again, with its expression as the source wrote it; it
     * takes no NULL, NOT NULL or default. From another engine it is a plain column that gets the values. From
     * MariaDB, a column keeps what it is set to on update and the checks written on it, which hold for the rows as
     * they load, as they held in the source.
     */
    @Override
    String columnDefinition(SchemaSnapshot snapshot, TableDef table, ColumnDef column, boolean keyed) {
        if (!sameEngine(snapshot)) {
            return super.columnDefinition(snapshot, table, column, keyed);
        }
        StringBuilder sql = new StringBuilder();
        if (computes(snapshot, column)) {
            sql.append(quote(column.name())).append(' ').append(columnType(snapshot, table, column))
                    .append(" GENERATED ALWAYS AS (").append(column.generated()).append(") ")
                    .append(column.generatedStored() ? "STORED" : "VIRTUAL")
                    .append(column.invisible() ? " INVISIBLE" : "")
                    .append(column.comment() == null ? "" : " COMMENT " + Sql.literal(column.comment(), true));
        } else {
            sql.append(super.columnDefinition(snapshot, table, column, keyed));
        }
        if (column.onUpdate() != null) {
            sql.append(" ON UPDATE ").append(column.onUpdate());
        }
        for (ConstraintDef check : table.checks()) {
            if (column.name().equals(check.column())) {
                sql.append(" CHECK (").append(check.expression()).append(')');
            }
        }
        return sql.toString();
    }

    @Override
    public boolean computes(SchemaSnapshot snapshot, ColumnDef column) {
        return column.generated() != null && sameEngine(snapshot);
    }

    @Override
    List<String> comments(TableDef table) {
        return List.of();
    }

    /**
     * A column from another engine: its type, or TEXT where the table's VARCHARs would not fit MariaDB's row
     * (see {@link MariaDbRowSize}); such a column keeps its length as a CHECK, written with the table.
     */
    @Override
    String mappedType(SchemaSnapshot snapshot, TableDef table, ColumnDef column) {
        String type = singleType(snapshot, table, column);
        return type != null && varcharsAsText(snapshot, table).containsKey(column.name()) ? "TEXT" + TEXT_COLLATION
                : type;
    }

    @Override
    String textType() {
        return "LONGTEXT" + TEXT_COLLATION;
    }

    /** Per table from another engine, its VARCHAR columns that become TEXT, with their lengths. */
    private Map<String, Integer> varcharsAsText(SchemaSnapshot snapshot, TableDef table) {
        return asText.computeIfAbsent(table, t -> MariaDbRowSize.varcharsAsText(
                t.columns().stream().map(ColumnDef::name).toList(), singleTypes(snapshot, t), keyedColumns(t)));
    }

    private List<String> singleTypes(SchemaSnapshot snapshot, TableDef table) {
        return table.columns().stream().map(c -> singleType(snapshot, table, c)).toList();
    }

    /** A column's type from another engine, judged alone. */
    private String singleType(SchemaSnapshot snapshot, TableDef table, ColumnDef column) {
        PortableType type = column.type();
        boolean keyed = keyedColumns(table).contains(column.name());
        boolean unbounded = keyBytes(column) < 0;
        String keyedText = keyed && unbounded ? "VARCHAR(" + keyLength(table, column, UTF8MB4_BYTES) + ")" : "LONGTEXT";
        String keyedBinary = keyed && unbounded ? "VARBINARY(" + keyLength(table, column, 1) + ")" : "LONGBLOB";
        String mapped = switch (type.kind()) {
            case BOOLEAN -> "BOOLEAN";
            case SMALLINT -> "SMALLINT";
            case INTEGER -> "INT";
            case BIGINT -> "BIGINT";
            case DECIMAL -> {
                int[] decimal = decimal(type);
                yield "DECIMAL(" + decimal[0] + "," + decimal[1] + ")";
            }
            case REAL -> "FLOAT";
            case DOUBLE -> "DOUBLE";
            case CHAR -> type.length() > 255 ? "VARCHAR(" + type.length() + ")"
                    : "CHAR(" + Math.max(type.length(), 1) + ")";
            case VARCHAR -> type.length() > 0 && type.length() <= LONGEST_VARCHAR ? "VARCHAR(" + type.length() + ")"
                    : keyedText;
            case TEXT -> keyedText;
            case BINARY -> type.length() > 255 ? "VARBINARY(" + type.length() + ")"
                    : "BINARY(" + Math.max(type.length(), 1) + ")";
            case VARBINARY -> type.length() > 0 && type.length() <= 65532 ? "VARBINARY(" + type.length() + ")"
                    : keyedBinary;
            case BLOB -> keyedBinary;
            case DATE -> "DATE";
            case TIME -> "TIME(" + fraction(type) + ")";
            case TIMESTAMP, TIMESTAMP_TZ -> "DATETIME(" + fraction(type) + ")";
            case UUID -> "CHAR(36)";
            case JSON -> "JSON";
            case ENUM -> enumType(snapshot, type);
            case OTHER -> isCitext(type) ? keyedText : null;
            case INTERVAL, ARRAY -> null;
        };
        return switch (type.kind()) {
            case CHAR, VARCHAR, TEXT, ENUM -> mapped + TEXT_COLLATION;
            case OTHER -> mapped == null ? null : mapped + CITEXT_COLLATION;
            default -> mapped;
        };
    }

    /**
     * The precision and scale of the DECIMAL a DECIMAL column from another engine becomes: its own, with at most 30
     * digits after the point, where it has at most MariaDB's 65; else the widest, 65 with 30 after the point.
     */
    public static int[] decimal(PortableType type) {
        return type.precision() > 0 && type.precision() <= 65
                ? new int[] {type.precision(), Math.min(type.scale(), 30)} : new int[] {65, 30};
    }

    /**
     * The longest an unbounded column may be, in characters of {@code unitBytes}, for every key of the table that
     * holds it to fit InnoDB's limit: the bytes its other columns leave, shared with the other unbounded ones.
     */
    private static int keyLength(TableDef table, ColumnDef column, int unitBytes) {
        int units = LONGEST_KEY_BYTES / unitBytes;
        for (List<String> key : keys(table)) {
            if (!key.contains(column.name())) {
                continue;
            }
            int bounded = 0;
            int unbounded = 0;
            for (ColumnDef other : table.columns()) {
                if (key.contains(other.name())) {
                    int bytes = keyBytes(other);
                    if (bytes < 0) {
                        unbounded++;
                    } else {
                        bounded += bytes;
                    }
                }
            }
            units = Math.min(units, Math.max(1, (LONGEST_KEY_BYTES - bounded) / unbounded / unitBytes));
        }
        return units;
    }

    /** The most bytes a column takes in an InnoDB key; -1 for unbounded text and binary, sized by the key. */
    private static int keyBytes(ColumnDef column) {
        PortableType type = column.type();
        return switch (type.kind()) {
            case CHAR -> UTF8MB4_BYTES * Math.max(type.length(), 1);
            case VARCHAR -> type.length() > 0 && type.length() <= LONGEST_VARCHAR ? UTF8MB4_BYTES * type.length() : -1;
            case BINARY -> Math.max(type.length(), 1);
            case VARBINARY -> type.length() > 0 && type.length() <= 65532 ? type.length() : -1;
            case TEXT, BLOB -> -1;
            case OTHER -> isCitext(type) ? -1 : 16;
            case UUID -> UTF8MB4_BYTES * 36;
            case DECIMAL -> 32;
            default -> 16;
        };
    }

    /** Keys whose bounded columns alone take more than InnoDB holds: MariaDB refuses their table. */
    private static List<String> keysTooLong(TableDef table) {
        Map<String, List<String>> named = new java.util.LinkedHashMap<>();
        if (table.primaryKey() != null) {
            named.put("primary key", table.primaryKey().columns());
        }
        table.uniques().forEach(u -> named.put("unique key " + u.name(), u.columns()));
        table.indexes().forEach(i -> named.put("index " + i.name(), i.columns()));
        table.foreignKeys().forEach(f -> named.put("foreign key " + f.name(), f.columns()));
        List<String> problems = new ArrayList<>();
        named.forEach((name, key) -> {
            int bytes = table.columns().stream().filter(c -> key.contains(c.name()))
                    .mapToInt(c -> Math.max(keyBytes(c), 0)).sum();
            if (bytes > LONGEST_KEY_BYTES) {
                problems.add(name + " of '" + table.qualifiedName() + "' on (" + String.join(", ", key) + ") ("
                        + bytes + " bytes in utf8mb4, an InnoDB key holds " + LONGEST_KEY_BYTES + ")");
            }
        });
        return problems;
    }

    /** Unspecified precision is the source's default, microseconds; DATETIME's own default would drop them. */
    private static int fraction(PortableType type) {
        return type.precision() > 0 ? Math.min(type.precision(), 6) : 6;
    }

    private String enumType(SchemaSnapshot snapshot, PortableType type) {
        for (EnumDef values : snapshot.enums()) {
            if (PostgresCatalogReader.qualified(values.schema(), values.name()).equals(type.nativeType())) {
                return "ENUM(" + values.labels().stream().map(l -> Sql.literal(l, true))
                        .collect(Collectors.joining(",")) + ")";
            }
        }
        return type.nativeType().toUpperCase(Locale.ROOT).startsWith("ENUM(") ? type.nativeType() : "VARCHAR(255)";
    }

    /**
     * MariaDB matches CURRENT_TIMESTAMP's precision to the column's. A moment with its offset
     * ({@code '1970-01-01 00:00:00+00'}, as PostgreSQL prints a timestamptz default) is written in UTC, as the rows
     * are: a DATETIME takes no offset.
     */
    @Override
    String defaultFor(SchemaSnapshot snapshot, ColumnDef column) {
        String value = super.defaultFor(snapshot, column);
        if (!sameEngine(snapshot) && "CURRENT_TIMESTAMP".equals(value)) {
            return "CURRENT_TIMESTAMP(" + fraction(column.type()) + ")";
        }
        if (!sameEngine(snapshot) && value != null && column.type().kind() == PortableType.Kind.TIMESTAMP_TZ) {
            Matcher moment = MOMENT_WITH_OFFSET.matcher(value);
            if (moment.matches()) {
                return utc(moment);
            }
        }
        return value;
    }

    /** The moment as a DATETIME literal in UTC; null (not portable) for one outside the years DATETIME holds. */
    private static String utc(Matcher moment) {
        if (moment.group(4) != null) {
            return null;
        }
        LocalDateTime time;
        try {
            time = LocalDateTime.parse(moment.group(1) + "T" + moment.group(2))
                    .atOffset(ZoneOffset.of(moment.group(3))).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        } catch (DateTimeException e) {
            return null;
        }
        if (time.getYear() < 1 || time.getYear() > 9999) {
            return null;
        }
        return "'" + DateTimeFormatter.ofPattern(time.getNano() == 0 ? "uuuu-MM-dd HH:mm:ss"
                : "uuuu-MM-dd HH:mm:ss.SSSSSS").format(time) + "'";
    }

    /** The columns and the primary key; an identity column leading that key is AUTO_INCREMENT already. */
    @Override
    public String createTable(SchemaSnapshot snapshot, TableDef table) {
        List<String> parts = new ArrayList<>();
        for (ColumnDef column : table.columns()) {
            parts.add(columnDefinition(snapshot, table, column, column.identity() && leadsThePrimaryKey(table, column)));
        }
        ConstraintDef primaryKey = table.primaryKey();
        if (primaryKey != null) {
            // A MariaDB key on prefixes or descending columns comes back as it was written.
            parts.add("PRIMARY KEY (" + (sameEngine(snapshot) && primaryKey.expression() != null
                    ? primaryKey.expression() : columns(primaryKey.columns())) + ")");
        }
        if (!sameEngine(snapshot)) {
            varcharsAsText(snapshot, table).forEach((column, length) -> parts.add("CHECK (CHAR_LENGTH("
                    + quote(column) + ") <= " + length + ")"));
        }
        return "CREATE TABLE " + tableName(table) + " (" + String.join(", ", parts) + ")" + tableOptions(table);
    }

    @Override
    String identityClause(SchemaSnapshot snapshot, TableDef table, ColumnDef column, boolean keyed) {
        if (keyed) {
            return " AUTO_INCREMENT";
        }
        // Until it becomes AUTO_INCREMENT with its key, after the rows, an INVISIBLE NOT NULL column needs a
        // default: MariaDB refuses to create one without. The rows bring their own values.
        return column.invisible() && !column.nullable() ? " DEFAULT 0" : "";
    }

    private static boolean leadsThePrimaryKey(TableDef table, ColumnDef column) {
        return table.primaryKey() != null && table.primaryKey().columns().get(0).equals(column.name());
    }

    /**
     * Unique keys and indexes in one ALTER TABLE, which InnoDB builds in one pass over the rows; then checks. An
     * identity column that does not lead the primary key becomes AUTO_INCREMENT first, together with the unique
     * keys and the indexes up to the last one that holds it (the indexes keep their order), since it needs its key
     * in the same statement and that statement copies the table.
     */
    @Override
    public List<String> afterData(SchemaSnapshot snapshot, TableDef table) {
        List<String> statements = new ArrayList<>();
        List<String> clauses = new ArrayList<>();
        for (ConstraintDef unique : table.uniques()) {
            clauses.add("ADD CONSTRAINT " + quote(unique.name()) + " UNIQUE (" + columns(unique.columns()) + ")");
        }
        List<IndexDef> indexes = table.indexes();
        List<String> separate = new ArrayList<>();
        ColumnDef identity = table.columns().stream().filter(ColumnDef::identity).findFirst().orElse(null);
        if (identity != null && !leadsThePrimaryKey(table, identity)) {
            int withIdentity = 0;
            for (int i = 0; i < indexes.size(); i++) {
                if (indexColumns(snapshot, table, indexes.get(i)).contains(identity.name())) {
                    withIdentity = i + 1;
                }
            }
            addIndexes(snapshot, table, indexes.subList(0, withIdentity), clauses, separate);
            if (needsAKeyOfItsOwn(snapshot, table, identity.name())) {
                clauses.add("ADD INDEX (" + quote(identity.name()) + ")");
            }
            clauses.add("MODIFY " + columnDefinition(snapshot, table, identity, true));
            statements.add("ALTER TABLE " + tableName(table) + " " + String.join(", ", clauses));
            clauses.clear();
            indexes = indexes.subList(withIdentity, indexes.size());
        }
        addIndexes(snapshot, table, indexes, clauses, separate);
        if (!clauses.isEmpty()) {
            statements.add("ALTER TABLE " + tableName(table) + " " + String.join(", ", clauses));
        }
        // FULLTEXT and SPATIAL indexes, which InnoDB builds one at a time.
        statements.addAll(separate);
        for (ConstraintDef check : table.checks()) {
            String expression = checkExpression(snapshot, check);
            // A check written on a column is part of its definition in CREATE TABLE.
            if (expression != null && !(sameEngine(snapshot) && check.column() != null)) {
                statements.add("ALTER TABLE " + tableName(table) + " ADD CONSTRAINT "
                        + quote(objectName(snapshot, table, check.name())) + " CHECK (" + expression + ")");
            }
        }
        return statements;
    }

    /** Each index as an ALTER TABLE clause, or as a statement of its own in {@code separate}. */
    private void addIndexes(SchemaSnapshot snapshot, TableDef table, List<IndexDef> indexes, List<String> clauses,
            List<String> separate) {
        for (IndexDef index : indexes) {
            String clause = addIndex(snapshot, table, index);
            if (clause != null) {
                clauses.add(clause);
            } else if (sameEngine(snapshot) && index.definition() != null) {
                separate.add(index.definition());
            }
        }
    }

    /** The index as an ALTER TABLE clause; null for one built on its own or not carried. */
    private String addIndex(SchemaSnapshot snapshot, TableDef table, IndexDef index) {
        if (!sameEngine(snapshot)) {
            return index.columns().isEmpty() ? null : "ADD " + (index.unique() ? "UNIQUE " : "") + "INDEX "
                    + quote(objectName(snapshot, table, index.name())) + " (" + columns(index.columns()) + ")";
        }
        String definition = index.definition();
        String on = onTable(table);
        int at = definition == null ? -1 : definition.indexOf(on);
        if (at < 0 || !(definition.startsWith("CREATE INDEX ") || definition.startsWith("CREATE UNIQUE INDEX "))) {
            return null;
        }
        return "ADD " + definition.substring("CREATE ".length(), at) + " (" + definition.substring(at + on.length());
    }

    /** What comes before an index's parts: the catalog reader writes "CREATE ... INDEX `name` ON `table` (parts)". */
    private String onTable(TableDef table) {
        return " ON " + quote(table.name()) + " (";
    }

    /**
     * An index's columns in order. A MariaDB index on prefixes or descending columns lists none, so that another
     * engine does not build a different index, but its definition names each in backticks.
     */
    private List<String> indexColumns(SchemaSnapshot snapshot, TableDef table, IndexDef index) {
        String definition = index.definition();
        int at = definition == null ? -1 : definition.indexOf(onTable(table));
        if (!index.columns().isEmpty() || !sameEngine(snapshot) || at < 0) {
            return index.columns();
        }
        List<String> columns = new ArrayList<>();
        // Each part is a name, then a prefix length in parentheses or DESC; a ')' outside those ends the parts.
        int depth = 0;
        for (int i = at + onTable(table).length(); i < definition.length(); i++) {
            char c = definition.charAt(i);
            if (c == '`') {
                // A backtick within a name is doubled.
                StringBuilder name = new StringBuilder();
                while (++i < definition.length() && (definition.charAt(i) != '`' || definition.startsWith("``", i))) {
                    name.append(definition.charAt(i));
                    if (definition.startsWith("``", i)) {
                        i++;
                    }
                }
                columns.add(name.toString());
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && depth-- == 0) {
                break;
            }
        }
        return columns;
    }

    /**
     * Whether an identity column that does not lead the primary key needs a key of its own to become AUTO_INCREMENT.
     * A column from MariaDB is in a key its source's engine took it with, and its table has that engine again by
     * then (MyISAM and Aria take a key the column is not first in); from another engine, the target's InnoDB takes
     * only a key the column leads.
     */
    private boolean needsAKeyOfItsOwn(SchemaSnapshot snapshot, TableDef table, String column) {
        List<List<String>> keys = new ArrayList<>();
        if (table.primaryKey() != null) {
            keys.add(table.primaryKey().columns());
        }
        table.uniques().forEach(u -> keys.add(u.columns()));
        table.indexes().forEach(i -> keys.add(indexColumns(snapshot, table, i)));
        return keys.stream().noneMatch(k -> sameEngine(snapshot) ? k.contains(column)
                : !k.isEmpty() && k.get(0).equals(column));
    }

    /**
     * RESTRICT is InnoDB's default and acts as NO ACTION does. It is left unsaid: MariaDB 10.11 records an explicit
     * RESTRICT as NO ACTION when it adds a foreign key with checks off, and an omitted one as RESTRICT. A NO ACTION
     * from MariaDB was written so, and is written again: MariaDB keeps the difference in SHOW CREATE TABLE and its
     * catalog.
     */
    @Override
    String rule(SchemaSnapshot snapshot, String event, String action) {
        if ("RESTRICT".equals(action)) {
            return "";
        }
        return sameEngine(snapshot) && "NO ACTION".equals(action) ? " ON " + event + " " + action
                : super.rule(snapshot, event, action);
    }

    /**
     * The keys without checking the rows against them, in one session whose setting is put back after; before
     * them, the index of a key no index of the table serves, which MariaDB would make with the key, but under a name
     * an index may already have ({@link ForeignKeyIndexes}).
     */
    @Override
    public List<String> foreignKeys(SchemaSnapshot snapshot, TableDef table) {
        List<String> keys = super.foreignKeys(snapshot, table);
        if (keys.isEmpty()) {
            return keys;
        }
        List<String> statements = new ArrayList<>();
        statements.add("SET @dbrunbooks_fk_checks = @@SESSION.foreign_key_checks, SESSION foreign_key_checks = 0");
        List<ForeignKeyIndexes.Key> carried = carriedForeignKeys(snapshot, table).stream()
                .map(k -> new ForeignKeyIndexes.Key(objectName(snapshot, table, k.name()), k.columns())).toList();
        for (ForeignKeyIndexes.Index index : ForeignKeyIndexes.missing(indexes(snapshot, table), carried)) {
            statements.add("ALTER TABLE " + tableName(table) + " ADD INDEX " + quote(index.name()) + " ("
                    + columns(index.columns()) + ")");
        }
        statements.addAll(keys);
        statements.add("SET SESSION foreign_key_checks = @dbrunbooks_fk_checks");
        return statements;
    }

    /**
     * InnoDB takes a foreign key only through an index of the referenced table that its columns lead, in order,
     * and between columns of one type: integers of one width and sign, text of one character set and collation
     * (any length), one kind of date, time or floating point (any precision). PostgreSQL compares a smallint with
     * an integer, a real with a double precision, a date with a timestamp, which the translation keeps apart.
     */
    @Override
    String foreignKeyProblem(SchemaSnapshot snapshot, TableDef table, ForeignKeyDef key) {
        TableDef referenced = referencedTable(snapshot, key);
        if (referenced == null) {
            return null;
        }
        for (int i = 0; i < key.columns().size() && i < key.referencedColumns().size(); i++) {
            ColumnDef own = column(table, key.columns().get(i));
            ColumnDef other = column(referenced, key.referencedColumns().get(i));
            if (own == null || other == null) {
                continue;
            }
            String ownType = mappedType(snapshot, table, own);
            String otherType = mappedType(snapshot, referenced, other);
            if (ownType != null && otherType != null
                    && !foreignKeyFamily(ownType).equals(foreignKeyFamily(otherType))) {
                return "column " + own.name() + " becomes " + ownType + " and " + other.name() + " " + otherType
                        + ", which InnoDB does not join";
            }
        }
        List<List<String>> indexes = new ArrayList<>(keys(referenced));
        if (indexes.stream().noneMatch(k -> k.size() >= key.referencedColumns().size()
                && k.subList(0, key.referencedColumns().size()).equals(key.referencedColumns()))) {
            return "no index of " + referenced.qualifiedName() + " begins with those columns in that order, which"
                    + " InnoDB requires";
        }
        return null;
    }

    /** What InnoDB compares of a column's type in a foreign key: not lengths, precisions nor ENUM labels. */
    private static String foreignKeyFamily(String type) {
        String upper = type.toUpperCase(Locale.ROOT);
        if (upper.startsWith("CHAR(") || upper.startsWith("VARCHAR(")) {
            return "CHAR";
        }
        if (upper.startsWith("BINARY(") || upper.startsWith("VARBINARY(")) {
            return "BINARY";
        }
        int at = upper.indexOf('(');
        return at < 0 ? upper : upper.substring(0, at);
    }

    /**
     * MariaDB refuses SET NULL on a NOT NULL column, which PostgreSQL takes: there the action fails on every row it
     * reaches, as NO ACTION does, so NO ACTION it is.
     */
    @Override
    String action(TableDef table, ForeignKeyDef key, String action) {
        if ("SET NULL".equals(action) && table.columns().stream()
                .anyMatch(c -> key.columns().contains(c.name()) && !c.nullable())) {
            return "NO ACTION";
        }
        return action;
    }

    /** The table's keys and indexes as restored, each with the columns through which it can serve a foreign key. */
    private List<ForeignKeyIndexes.Index> indexes(SchemaSnapshot snapshot, TableDef table) {
        List<ForeignKeyIndexes.Index> indexes = new ArrayList<>();
        ConstraintDef primaryKey = table.primaryKey();
        if (primaryKey != null) {
            indexes.add(new ForeignKeyIndexes.Index("PRIMARY", primaryKey.expression() == null
                    ? primaryKey.columns() : servingColumns("(" + primaryKey.expression() + ")", 0)));
        }
        table.uniques().forEach(u -> indexes.add(new ForeignKeyIndexes.Index(objectName(snapshot, table, u.name()),
                u.columns())));
        for (IndexDef index : table.indexes()) {
            if (sameEngine(snapshot) && index.definition() != null) {
                // CREATE FULLTEXT INDEX and CREATE SPATIAL INDEX serve none.
                String definition = index.definition();
                int at = definition.indexOf(onTable(table));
                boolean plain = definition.startsWith("CREATE INDEX ") || definition.startsWith("CREATE UNIQUE INDEX ");
                indexes.add(new ForeignKeyIndexes.Index(index.name(),
                        plain && at >= 0 ? servingColumns(definition, at + onTable(table).length() - 1) : List.of()));
            } else if (!index.columns().isEmpty()) {
                indexes.add(new ForeignKeyIndexes.Index(objectName(snapshot, table, index.name()), index.columns()));
            }
        }
        return indexes;
    }

    /** A long unique key ({@code USING HASH}) is an index of a hidden hash column, which serves no foreign key. */
    private static List<String> servingColumns(String text, int from) {
        ForeignKeyIndexes.Parts parts = ForeignKeyIndexes.parts(text, from);
        return parts == null || text.startsWith(" USING HASH", parts.end()) ? List.of() : parts.whole();
    }

    @Override
    List<String> sequencePosition(SequenceDef sequence) {
        return List.of("SELECT SETVAL(" + qualify(sequence.schema(), sequence.name()) + ", " + sequence.value() + ", "
                + (sequence.called() ? 1 : 0) + ")");
    }

    @Override
    List<String> identityPosition(SchemaSnapshot snapshot, TableDef table, ColumnDef column, SequenceDef sequence) {
        if (sequence == null || table.columns().stream().filter(ColumnDef::identity).findFirst().orElseThrow() != column) {
            return List.of();
        }
        // A MariaDB counter past the largest signed 64-bit number is kept as unsigned (see MariaDbCatalogReader).
        long next = nextValue(sequence);
        return List.of("ALTER TABLE " + tableName(table) + " AUTO_INCREMENT = "
                + (sameEngine(snapshot) ? Long.toUnsignedString(next) : Long.toString(next)));
    }
}
