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
import io.jenkins.plugins.dbrunbooks.engine.method.mariadb.TriggerColumns;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the connection's MariaDB database from information_schema. The database is the one schema, so tables
 * carry no schema name. An auto_increment column's next value is carried as a sequence the column owns; JSON
 * columns (longtext with MariaDB's json_valid check) are read back as JSON, without that check. Sequences, routines,
 * views, triggers and events are carried as the server's own definitions ({@link MariaDbDefinitions}).
 */
public final class MariaDbCatalogReader implements CatalogReader {
    public static final String ENGINE = "mariadb";

    private static final String TABLES = "SELECT TABLE_NAME, TABLE_COMMENT, AUTO_INCREMENT, ENGINE"
            + " FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE'"
            + " ORDER BY TABLE_NAME";
    /*
     * Each query reads the whole database at once, and each table's rows are taken from it. information_schema opens
     * only the tables a query names by constants: one query per table made a thousand tables a thousand queries of
     * each kind, and a join of its views on each other's columns opened every table of every database on the server
     * for every table read. So the views are read on their own, given the schema outright, and joined here.
     */
    private static final String COLUMNS = "SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, COLUMN_TYPE,"
            + " CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION, IS_NULLABLE,"
            + " COLUMN_DEFAULT, EXTRA, COLUMN_COMMENT, GENERATION_EXPRESSION, CHARACTER_SET_NAME, COLLATION_NAME"
            + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION";
    private static final String CONSTRAINTS = "SELECT TABLE_NAME, CONSTRAINT_NAME, CONSTRAINT_TYPE"
            + " FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = ?"
            + " AND CONSTRAINT_TYPE IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY')"
            + " ORDER BY TABLE_NAME, CONSTRAINT_TYPE, CONSTRAINT_NAME";
    private static final String KEY_COLUMNS = "SELECT TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME,"
            + " REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME"
            + " FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = ?"
            + " ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION";
    private static final String RULES = "SELECT TABLE_NAME, CONSTRAINT_NAME, UPDATE_RULE, DELETE_RULE"
            + " FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ?";
    private static final String CHECKS = "SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE, LEVEL"
            + " FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ?"
            + " ORDER BY TABLE_NAME, CONSTRAINT_NAME";
    /*
     * Unsorted: each table's rows come in the table's own order of its indexes, which a restore creates them in, so
     * that SHOW CREATE TABLE, and the optimizer's choice between equal indexes, stay as they were; columns are put
     * in their order within each index after.
     */
    private static final String INDEXES = "SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART,"
            + " INDEX_TYPE, COLLATION, INDEX_COMMENT, SEQ_IN_INDEX"
            + " FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ?";
    /** The queries of the tables' definitions, each with the schema as its one parameter. */
    static final List<String> WHOLE_DATABASE = List.of(COLUMNS, CONSTRAINTS, KEY_COLUMNS, RULES, CHECKS, INDEXES);
    private static final Map<String, String> NOT_CARRIED = notCarriedQueries();

    @Override
    public SchemaSnapshot read(Connection connection) throws SQLException {
        String database = Sql.strings(connection, "SELECT DATABASE()").get(0);
        // Refused whatever the database accepts, as by the native method: such a trigger is broken on the source
        // too, and whether to drop it or mend it is its owner's choice.
        TriggerColumns.require(connection, database);
        List<NotCarried> notCarried = new ArrayList<>();
        List<SequenceDef> sequences = new ArrayList<>();
        List<TableDef> tables = new ArrayList<>();
        Catalog catalog = Catalog.read(connection, database);
        for (Object[] table : Sql.query(connection, TABLES, row -> new Object[] {row.getString(1), row.getString(2),
                row.getObject(3) == null ? null : counter(row.getString(3)), row.getString(4)}, database)) {
            String name = (String) table[0];
            TableDef def = readTable(catalog, database, name, emptyToNull((String) table[1]), (String) table[3]);
            tables.add(def);
            for (ColumnDef column : def.columns()) {
                if (column.identity() && table[2] != null) {
                    sequences.add(new SequenceDef(null, name + "_" + column.name() + "_seq", 1, 1, (Long) table[2],
                            false, name, column.name()));
                }
            }
        }
        notCarried.addAll(EnumErrorValues.find(connection, tables));
        MariaDbDefinitions definitions = MariaDbDefinitions.read(connection, database);
        notCarried.addAll(definitions.notCarried());
        for (Map.Entry<String, String> query : NOT_CARRIED.entrySet()) {
            notCarried.addAll(Sql.query(connection, query.getValue(),
                    row -> new NotCarried(query.getKey(), null, row.getString(1)), database));
        }
        return new SchemaSnapshot(ENGINE, connection.getMetaData().getDatabaseProductVersion(), List.of(), List.of(),
                List.of(), sequences, tables, List.of(), List.of(), notCarried, List.of(), definitions.definitions());
    }

    /** The rows of the catalog's views for the whole database, by table, each table's in its order. */
    private record Catalog(Map<String, List<Map<String, Object>>> columns, Map<String, List<String[]>> checks,
            Map<String, List<Map<String, Object>>> keys, Map<String, Map<String, String[]>> rules,
            Map<String, List<Map<String, Object>>> indexes) {
        static Catalog read(Connection connection, String database) throws SQLException {
            Map<String, List<String[]>> checks = new HashMap<>();
            for (String[] check : Sql.query(connection, CHECKS, row -> new String[] {row.getString(1),
                    row.getString(2), row.getString(3), row.getString(4)}, database)) {
                checks.computeIfAbsent(check[0], t -> new ArrayList<>())
                        .add(new String[] {check[1], check[2], check[3]});
            }
            Map<String, Map<String, String[]>> rules = new HashMap<>();
            for (String[] rule : Sql.query(connection, RULES, row -> new String[] {row.getString(1), row.getString(2),
                    row.getString(3), row.getString(4)}, database)) {
                rules.computeIfAbsent(rule[0], t -> new HashMap<>()).put(rule[1], new String[] {rule[2], rule[3]});
            }
            return new Catalog(byTable(connection, COLUMNS, database), checks, keys(connection, database), rules,
                    byTable(connection, INDEXES, database));
        }

        /**
         * Each table's keys, one row per column: the constraints in the order of their type and name, each with its
         * columns in order.
         */
        private static Map<String, List<Map<String, Object>>> keys(Connection connection, String database)
                throws SQLException {
            Map<List<Object>, List<Map<String, Object>>> columns = new HashMap<>();
            for (Map<String, Object> row : Sql.query(connection, KEY_COLUMNS, MariaDbCatalogReader::values,
                    database)) {
                columns.computeIfAbsent(List.of(row.get("TABLE_NAME"), row.get("CONSTRAINT_NAME")),
                        k -> new ArrayList<>()).add(row);
            }
            Map<String, List<Map<String, Object>>> keys = new HashMap<>();
            for (Map<String, Object> constraint : Sql.query(connection, CONSTRAINTS, MariaDbCatalogReader::values,
                    database)) {
                String table = (String) constraint.get("TABLE_NAME");
                for (Map<String, Object> column : columns.getOrDefault(List.of(table,
                        constraint.get("CONSTRAINT_NAME")), List.of())) {
                    Map<String, Object> key = new HashMap<>(column);
                    key.put("CONSTRAINT_TYPE", constraint.get("CONSTRAINT_TYPE"));
                    keys.computeIfAbsent(table, t -> new ArrayList<>()).add(key);
                }
            }
            return keys;
        }

        private static Map<String, List<Map<String, Object>>> byTable(Connection connection, String query,
                String database) throws SQLException {
            Map<String, List<Map<String, Object>>> rows = new HashMap<>();
            for (Map<String, Object> row : Sql.query(connection, query, MariaDbCatalogReader::values, database)) {
                rows.computeIfAbsent((String) row.get("TABLE_NAME"), t -> new ArrayList<>()).add(row);
            }
            return rows;
        }
    }

    private TableDef readTable(Catalog catalog, String database, String table, String comment, String engine) {
        Map<String, ConstraintDef> jsonChecks = new HashMap<>();
        List<ConstraintDef> checks = new ArrayList<>();
        for (String[] check : catalog.checks().getOrDefault(table, List.of())) {
            // MariaDB's JSON is longtext with this check, named after the column; the type brings it back.
            if (check[1].equals("json_valid(" + Sql.backtick(check[0]) + ")") && "Column".equalsIgnoreCase(check[2])) {
                jsonChecks.put(check[0], new ConstraintDef(check[0], List.of(), check[1], check[0]));
            } else {
                // A check written on a column is named after it.
                checks.add(new ConstraintDef(check[0], List.of(), check[1],
                        "Column".equalsIgnoreCase(check[2]) ? check[0] : null));
            }
        }
        List<ColumnDef> columns = new ArrayList<>();
        for (Map<String, Object> row : catalog.columns().getOrDefault(table, List.of())) {
            String name = (String) row.get("COLUMN_NAME");
            String extra = ((String) row.get("EXTRA")).toLowerCase(Locale.ROOT);
            boolean identity = extra.contains("auto_increment");
            String defaultExpression = (String) row.get("COLUMN_DEFAULT");
            if (identity || "NULL".equals(defaultExpression)) {
                defaultExpression = null;
            } else if (defaultExpression != null) {
                // The server names a sequence a default calls with its database, which a restore may rename.
                defaultExpression = defaultExpression.replace(Sql.backtick(database) + ".", "");
            }
            String generated = null;
            // MySQL also says DEFAULT_GENERATED of a column whose default is an expression; that one is plain.
            if (extra.contains("virtual generated") || extra.contains("stored generated")) {
                generated = (String) row.get("GENERATION_EXPRESSION");
                defaultExpression = null;
            }
            String onUpdate = onUpdate((String) row.get("EXTRA"));
            // A JSON column is utf8mb4_bin longtext; a column of another type or collation with the same check
            // (a TEXT a user checks) keeps its type and its check.
            boolean json = jsonChecks.containsKey(name) && "longtext".equalsIgnoreCase((String) row.get("DATA_TYPE"))
                    && "utf8mb4_bin".equals(row.get("COLLATION_NAME"));
            if (!json && jsonChecks.containsKey(name)) {
                checks.add(jsonChecks.get(name));
            }
            PortableType type = json ? PortableType.of(Kind.JSON, "json") : type(row);
            if (type.kind() != Kind.JSON && row.get("COLLATION_NAME") != null) {
                // The character set and collation are part of the column's type: another collation can make
                // a unique key's values collide, another character set cannot hold every value.
                type = new PortableType(type.kind(), type.length(), type.precision(), type.scale(), type.element(),
                        type.nativeType() + " CHARACTER SET " + row.get("CHARACTER_SET_NAME") + " COLLATE "
                                + row.get("COLLATION_NAME"));
            }
            columns.add(new ColumnDef(name, type, "YES".equals(row.get("IS_NULLABLE")), defaultExpression, identity,
                    emptyToNull((String) row.get("COLUMN_COMMENT")), generated, extra.contains("stored generated"),
                    extra.contains("invisible"), onUpdate));
        }
        ConstraintDef primaryKey = null;
        List<ConstraintDef> uniques = new ArrayList<>();
        List<ForeignKeyDef> foreignKeys = new ArrayList<>();
        Map<String, List<Map<String, Object>>> keys = new LinkedHashMap<>();
        for (Map<String, Object> row : catalog.keys().getOrDefault(table, List.of())) {
            keys.computeIfAbsent((String) row.get("CONSTRAINT_NAME"), k -> new ArrayList<>()).add(row);
        }
        Map<String, String[]> rules = catalog.rules().getOrDefault(table, Map.of());
        Map<String, List<Map<String, Object>>> indexes = new LinkedHashMap<>();
        for (Map<String, Object> row : catalog.indexes().getOrDefault(table, List.of())) {
            indexes.computeIfAbsent((String) row.get("INDEX_NAME"), k -> new ArrayList<>()).add(row);
        }
        indexes.values().forEach(rows -> rows.sort(Comparator.comparingLong(r -> ((Number) r.get("SEQ_IN_INDEX"))
                .longValue())));
        Set<String> keyIndexes = new HashSet<>();
        keyIndexes.add("PRIMARY");
        for (Map.Entry<String, List<Map<String, Object>>> key : keys.entrySet()) {
            Map<String, Object> first = key.getValue().get(0);
            List<String> keyColumns = key.getValue().stream().map(r -> (String) r.get("COLUMN_NAME")).toList();
            // The catalog's keys name whole columns; a prefix length or a descending column is in the index only.
            String parts = keyParts(indexes.get("PRIMARY KEY".equals(first.get("CONSTRAINT_TYPE")) ? "PRIMARY"
                    : key.getKey()));
            switch ((String) first.get("CONSTRAINT_TYPE")) {
                case "PRIMARY KEY" -> primaryKey = new ConstraintDef(key.getKey(), keyColumns, parts);
                case "UNIQUE" -> {
                    // A unique key on prefixes or descending columns, or a HASH one (a long unique key) outside a
                    // MEMORY table, is restored as the unique index it is.
                    List<Map<String, Object>> index = indexes.get(key.getKey());
                    boolean hash = index != null && "HASH".equals(index.get(0).get("INDEX_TYPE"))
                            && !"MEMORY".equalsIgnoreCase(engine);
                    if (parts == null && !hash) {
                        uniques.add(new ConstraintDef(key.getKey(), keyColumns, null));
                        keyIndexes.add(key.getKey());
                    }
                }
                default -> {
                    String referencedSchema = (String) first.get("REFERENCED_TABLE_SCHEMA");
                    foreignKeys.add(new ForeignKeyDef(key.getKey(), keyColumns,
                            database.equals(referencedSchema) ? null : referencedSchema,
                            (String) first.get("REFERENCED_TABLE_NAME"),
                            key.getValue().stream().map(r -> (String) r.get("REFERENCED_COLUMN_NAME")).toList(),
                            rules.getOrDefault(key.getKey(), new String[2])[0],
                            rules.getOrDefault(key.getKey(), new String[2])[1]));
                }
            }
        }
        // The catalog names keys in alphabetical order; a restore adds them in the table's own order of its
        // indexes, which SHOW CREATE TABLE, and the optimizer's choice between equal keys, follow.
        List<String> order = new ArrayList<>(indexes.keySet());
        uniques.sort(Comparator.comparingInt(u -> order.indexOf(u.name())));
        return new TableDef(null, table, columns, primaryKey, uniques, checks, foreignKeys,
                readIndexes(table, "MEMORY".equalsIgnoreCase(engine), indexes, keyIndexes), comment);
    }

    /**
     * A table's AUTO_INCREMENT counter, which a BIGINT UNSIGNED column takes past the largest signed 64-bit number: it
     * is kept in the sequence's 64 bits as unsigned, and written back so into MariaDB.
     */
    private static long counter(String value) {
        return Long.parseUnsignedLong(value);
    }

    /**
     * A key's parts as MariaDB writes them ({@code `a`(10), `b` DESC}) where one has a prefix length or is
     * descending, which the catalog's key columns do not say; null for a key of whole columns in ascending order.
     */
    private static String keyParts(List<Map<String, Object>> index) {
        if (index == null
                || index.stream().allMatch(r -> r.get("SUB_PART") == null && !"D".equals(r.get("COLLATION")))) {
            return null;
        }
        return index.stream().map(MariaDbCatalogReader::part).collect(Collectors.joining(", "));
    }

    /** One column of an index: a descending column (MariaDB 10.8 and later) is written so. */
    private static String part(Map<String, Object> row) {
        // The server says 32 of every SPATIAL index's column, which takes no length.
        Object subPart = "SPATIAL".equals(row.get("INDEX_TYPE")) ? null : row.get("SUB_PART");
        return Sql.backtick((String) row.get("COLUMN_NAME")) + (subPart == null ? "" : "(" + subPart + ")")
                + ("D".equals(row.get("COLLATION")) ? " DESC" : "");
    }

    /**
     * Indexes with a definition MariaDB restores as written (prefix lengths, FULLTEXT, SPATIAL); plain columns
     * only for ordinary whole-column indexes, so another engine does not build a different index.
     */
    private static List<IndexDef> readIndexes(String table, boolean memory,
            Map<String, List<Map<String, Object>>> byName, Set<String> keyIndexes) {
        List<IndexDef> indexes = new ArrayList<>();
        for (Map.Entry<String, List<Map<String, Object>>> index : byName.entrySet()) {
            if (keyIndexes.contains(index.getKey())) {
                continue;
            }
            Map<String, Object> first = index.getValue().get(0);
            boolean unique = ((Number) first.get("NON_UNIQUE")).intValue() == 0;
            String indexType = (String) first.get("INDEX_TYPE");
            boolean plain = "BTREE".equals(indexType) || "HASH".equals(indexType);
            List<String> columns = new ArrayList<>();
            List<String> parts = new ArrayList<>();
            for (Map<String, Object> row : index.getValue()) {
                columns.add((String) row.get("COLUMN_NAME"));
                parts.add(part(row));
                plain &= row.get("SUB_PART") == null && !"D".equals(row.get("COLLATION"));
            }
            String kind = unique ? "UNIQUE " : "FULLTEXT".equals(indexType) || "SPATIAL".equals(indexType)
                    ? indexType + " " : "";
            // A HASH index is said so outside a MEMORY table (a long unique key), and a BTREE index inside one,
            // whose indexes are HASH unless said otherwise.
            String using = "HASH".equals(indexType) && !memory || "BTREE".equals(indexType) && memory
                    ? " USING " + indexType : "";
            String comment = (String) first.get("INDEX_COMMENT");
            String definition = "CREATE " + kind + "INDEX " + Sql.backtick(index.getKey()) + " ON "
                    + Sql.backtick(table) + " (" + String.join(", ", parts) + ")" + using
                    + (comment == null || comment.isEmpty() ? "" : " COMMENT " + Sql.literal(comment, true));
            indexes.add(new IndexDef(index.getKey(), unique, plain ? columns : List.of(), definition));
        }
        return indexes;
    }

    static PortableType type(Map<String, Object> row) {
        String dataType = ((String) row.get("DATA_TYPE")).toLowerCase(Locale.ROOT);
        String columnType = (String) row.get("COLUMN_TYPE");
        boolean unsigned = columnType.toLowerCase(Locale.ROOT).contains("unsigned");
        int length = size(row.get("CHARACTER_MAXIMUM_LENGTH"));
        int precision = size(row.get("NUMERIC_PRECISION"));
        int scale = size(row.get("NUMERIC_SCALE"));
        int fraction = size(row.get("DATETIME_PRECISION"));
        return switch (dataType) {
            case "tinyint" -> PortableType.of(columnType.equalsIgnoreCase("tinyint(1)") ? Kind.BOOLEAN
                    : Kind.SMALLINT, columnType);
            case "smallint" -> PortableType.of(unsigned ? Kind.INTEGER : Kind.SMALLINT, columnType);
            case "mediumint" -> PortableType.of(Kind.INTEGER, columnType);
            case "int" -> PortableType.of(unsigned ? Kind.BIGINT : Kind.INTEGER, columnType);
            case "bigint" -> unsigned ? new PortableType(Kind.DECIMAL, 0, 20, 0, null, columnType)
                    : PortableType.of(Kind.BIGINT, columnType);
            case "decimal" -> new PortableType(Kind.DECIMAL, 0, precision, scale, null, columnType);
            case "float" -> PortableType.of(Kind.REAL, columnType);
            case "double" -> PortableType.of(Kind.DOUBLE, columnType);
            case "char" -> new PortableType(Kind.CHAR, length, 0, 0, null, columnType);
            case "varchar" -> new PortableType(Kind.VARCHAR, length, 0, 0, null, columnType);
            case "tinytext", "text", "mediumtext", "longtext" -> PortableType.of(Kind.TEXT, columnType);
            case "binary" -> new PortableType(Kind.BINARY, length, 0, 0, null, columnType);
            case "varbinary" -> new PortableType(Kind.VARBINARY, length, 0, 0, null, columnType);
            case "tinyblob", "blob", "mediumblob", "longblob" -> PortableType.of(Kind.BLOB, columnType);
            case "date" -> PortableType.of(Kind.DATE, columnType);
            case "time" -> new PortableType(Kind.TIME, 0, fraction, 0, null, columnType);
            case "datetime", "timestamp" -> new PortableType(Kind.TIMESTAMP, 0, fraction, 0, null, columnType);
            case "year" -> PortableType.of(Kind.SMALLINT, columnType);
            // BIT(n) values are their ceil(n / 8) bytes, most significant first, as MariaDB sends and stores them.
            case "bit" -> new PortableType(Kind.BINARY, (precision + 7) / 8, 0, 0, null, columnType);
            case "uuid" -> PortableType.of(Kind.UUID, columnType);
            case "enum" -> PortableType.of(Kind.ENUM, columnType);
            default -> PortableType.of(Kind.OTHER, columnType);
        };
    }

    /** What EXTRA says the column is set to on update ({@code on update current_timestamp(3), INVISIBLE}). */
    static String onUpdate(String extra) {
        int at = extra.toLowerCase(Locale.ROOT).indexOf("on update ");
        if (at < 0) {
            return null;
        }
        String rest = extra.substring(at + "on update ".length());
        int end = rest.indexOf(',');
        return (end < 0 ? rest : rest.substring(0, end)).trim();
    }

    private static Map<String, Object> values(java.sql.ResultSet row) throws SQLException {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
            values.put(row.getMetaData().getColumnLabel(i).toUpperCase(Locale.ROOT), row.getObject(i));
        }
        return values;
    }

    private static int size(Object value) {
        return value == null ? 0 : (int) Math.min(Integer.MAX_VALUE, ((Number) value).longValue());
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    private static Map<String, String> notCarriedQueries() {
        Map<String, String> queries = new LinkedHashMap<>();
        // What is left out is the partitioning: the table and its rows come back, in one piece.
        queries.put("partitioning of table", "SELECT DISTINCT TABLE_NAME FROM information_schema.PARTITIONS"
                + " WHERE TABLE_SCHEMA = ? AND PARTITION_NAME IS NOT NULL ORDER BY 1");
        // Their history cannot be loaded back (MariaDB before 11.5 inserts no history rows).
        queries.put("system-versioned table", "SELECT TABLE_NAME FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'SYSTEM VERSIONED' ORDER BY 1");
        // Grants are noted once: a restore runs as the restoring login, which owns what it creates.
        queries.put("privileges", "SELECT 'grants' FROM DUAL WHERE EXISTS (SELECT 1 FROM"
                + " information_schema.TABLE_PRIVILEGES WHERE TABLE_SCHEMA = ?) OR EXISTS (SELECT 1 FROM"
                + " information_schema.COLUMN_PRIVILEGES WHERE TABLE_SCHEMA = DATABASE())");
        return queries;
    }
}
