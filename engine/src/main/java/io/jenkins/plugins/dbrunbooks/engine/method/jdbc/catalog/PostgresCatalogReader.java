package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog;

import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ColumnDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.CompositeTypeDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ConstraintDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.DomainDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.EnumDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ForeignKeyDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.IndexDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.NotCarried;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.PortableType;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.PortableType.Kind;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SchemaSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SequenceDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.TableDef;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads PostgreSQL's schema from pg_catalog. Objects created by extensions belong to the extension and are left
 * to {@code CREATE EXTENSION}; enum and domain columns carry their schema-qualified, quoted type name as the
 * native type, so a restore into PostgreSQL uses it as written.
 */
public final class PostgresCatalogReader implements CatalogReader {
    public static final String ENGINE = "postgresql";
    static final String DEFAULT_SCHEMA = "public";

    /** Namespaces holding user objects: not the system ones, not temporary ones. */
    static final String USER_NAMESPACE = "n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')"
            + " AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'";
    private static final String NOT_FROM_EXTENSION = " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d"
            + " WHERE d.objid = %s AND d.classid = '%s'::regclass AND d.deptype = 'e')";

    private static final String SCHEMAS = "SELECT n.nspname FROM pg_catalog.pg_namespace n WHERE " + USER_NAMESPACE
            + " AND n.nspname <> 'public'" + notFromExtension("n.oid", "pg_catalog.pg_namespace")
            + " ORDER BY n.nspname";
    private static final String TYPES = "SELECT t.oid, t.typname, t.typtype, t.typcategory, t.typelem,"
            + " t.typbasetype, t.typtypmod, n.nspname FROM pg_catalog.pg_type t"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace";
    private static final String TABLES = "SELECT c.oid, n.nspname, c.relname,"
            + " pg_catalog.obj_description(c.oid, 'pg_class') FROM pg_catalog.pg_class c"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind = 'r' AND " + USER_NAMESPACE
            + notFromExtension("c.oid", "pg_catalog.pg_class") + " ORDER BY n.nspname, c.relname";
    /** The catalog keys of the database's own objects an expression uses (a default's, a check's). */
    private static final String USES = " ARRAY(SELECT d.refclassid || ':' || d.refobjid FROM pg_catalog.pg_depend d"
            + " WHERE d.classid = '%s'::regclass AND d.objid = %s AND d.refobjid >= 16384)::text[]";
    /**
     * The columns of the tables given as an array of oids, table by table. One query for all tables: a round trip
     * per table cost more than the reading itself on a database of many small tables.
     */
    private static final String COLUMNS = "SELECT a.attrelid, a.attname, a.atttypid, a.atttypmod,"
            + " pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull,"
            + " pg_catalog.pg_get_expr(ad.adbin, ad.adrelid), a.attidentity, a.attgenerated,"
            + " pg_catalog.col_description(a.attrelid, a.attnum),"
            + " EXISTS (SELECT 1 FROM pg_catalog.pg_depend sd JOIN pg_catalog.pg_class sc ON sc.oid = sd.objid"
            + " WHERE sd.classid = 'pg_catalog.pg_class'::regclass AND sd.refclassid = 'pg_catalog.pg_class'::regclass"
            + " AND sd.refobjid = a.attrelid AND sd.refobjsubid = a.attnum AND sd.deptype = 'a'"
            + " AND sc.relkind = 'S' AND " + callsSequence("pg_catalog.pg_get_expr(ad.adbin, ad.adrelid)", "sc.oid")
            + " AND NOT " + calledElsewhere("sc.oid", "a.attrelid", "a.attnum") + "),"
            + " CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN"
            + " pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname) END,"
            + USES.formatted("pg_catalog.pg_attrdef", "ad.oid")
            + " FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid"
            + " JOIN pg_catalog.pg_type t ON t.oid = a.atttypid"
            + " LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation"
            + " LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum"
            + " WHERE a.attrelid = ANY (?::pg_catalog.oid[]) AND a.attnum > 0 AND NOT a.attisdropped"
            + " ORDER BY a.attrelid, a.attnum";
    /**
     * Constraints of a plain table carried as the server prints them ({@link PostgresDefinitionReader}), as the
     * table's own record cannot say: exclusion, deferrable, not yet validated, and checks its children do not
     * inherit.
     */
    static final String NATIVE_CONSTRAINT = "(co.contype = 'x' OR co.condeferrable OR NOT co.convalidated"
            + " OR co.contype = 'c' AND co.connoinherit OR co.contype IN ('p', 'u') AND EXISTS (SELECT 1"
            + " FROM pg_catalog.pg_index x WHERE x.indexrelid = co.conindid AND x.indnkeyatts < x.indnatts))";
    /**
     * Constraint columns in key order, as a text array so the driver hands back names. Constraints that come from
     * another (a partition's from its parent's, a foreign key's per partition of the table it references) come
     * back with it.
     */
    private static final String CONSTRAINTS = "SELECT co.conrelid, co.conname, co.contype,"
            + " ARRAY(SELECT a.attname FROM unnest(co.conkey) WITH ORDINALITY k(attnum, pos)"
            + " JOIN pg_catalog.pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.attnum ORDER BY k.pos)::text[],"
            + " pg_catalog.pg_get_constraintdef(co.oid), rn.nspname, rc.relname,"
            + " ARRAY(SELECT a.attname FROM unnest(co.confkey) WITH ORDINALITY k(attnum, pos)"
            + " JOIN pg_catalog.pg_attribute a ON a.attrelid = co.confrelid AND a.attnum = k.attnum ORDER BY k.pos)::text[],"
            + " co.confupdtype, co.confdeltype, " + USES.formatted("pg_catalog.pg_constraint", "co.oid")
            + " FROM pg_catalog.pg_constraint co LEFT JOIN pg_catalog.pg_class rc ON rc.oid = co.confrelid"
            + " LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace"
            + " JOIN pg_catalog.pg_class tc ON tc.oid = co.conrelid"
            + " WHERE co.conrelid = ANY (?::pg_catalog.oid[]) AND NOT " + NATIVE_CONSTRAINT
            + " AND co.conparentid = 0 AND NOT (tc.relispartition AND NOT co.conislocal)"
            + " ORDER BY co.conrelid, co.contype, co.conname";
    /**
     * Indexes that no primary key, unique or exclusion constraint owns, and that are not a partition of a
     * partitioned table's index (which builds them when it is built).
     */
    private static final String INDEXES = "SELECT i.indrelid, ic.relname, i.indisunique,"
            + " pg_catalog.pg_get_indexdef(i.indexrelid),"
            + " i.indexprs IS NULL AND i.indpred IS NULL AND am.amname = 'btree',"
            + " ARRAY(SELECT a.attname FROM unnest(i.indkey) WITH ORDINALITY k(attnum, pos)"
            + " JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
            + " WHERE k.pos <= i.indnkeyatts ORDER BY k.pos)::text[], i.indnkeyatts,"
            + " ARRAY(SELECT d.refclassid || ':' || d.refobjid FROM pg_catalog.pg_depend d"
            + " WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = i.indexrelid"
            + " AND d.refobjid >= 16384)::text[]"
            + " FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid"
            + " JOIN pg_catalog.pg_am am ON am.oid = ic.relam WHERE i.indrelid = ANY (?::pg_catalog.oid[])"
            + " AND NOT ic.relispartition"
            + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint co WHERE co.conindid = i.indexrelid"
            + " AND co.conrelid = i.indrelid AND co.contype IN ('p', 'u', 'x')) ORDER BY i.indrelid, ic.relname";
    /**
     * Sequences with the column that owns them, if any. One owned by a column that takes its values elsewhere
     * (an identity column, or a default that does not call it) is only owned: the serial sequence an identity
     * column keeps after {@code ALTER COLUMN ... ADD GENERATED}, or one attached with {@code OWNED BY}.
     */
    private static final String SEQUENCES = "SELECT s.schemaname, s.sequencename, s.start_value, s.increment_by,"
            + " s.last_value, tn.relname, ta.attname, d.deptype = 'a' AND (ta.attidentity <> ''"
            + " OR NOT COALESCE(" + callsSequence("pg_catalog.pg_get_expr(ad.adbin, ad.adrelid)", "c.oid") + ", false)"
            + " OR " + calledElsewhere("c.oid", "ta.attrelid", "ta.attnum") + ")"
            + " FROM pg_catalog.pg_sequences s"
            + " JOIN pg_catalog.pg_namespace n ON n.nspname = s.schemaname"
            + " JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = s.sequencename"
            + " LEFT JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid"
            + " AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i')"
            + " LEFT JOIN pg_catalog.pg_class tn ON tn.oid = d.refobjid"
            + " LEFT JOIN pg_catalog.pg_attribute ta ON ta.attrelid = d.refobjid AND ta.attnum = d.refobjsubid"
            + " LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = ta.attrelid AND ad.adnum = ta.attnum"
            + " WHERE " + USER_NAMESPACE + notFromExtension("c.oid", "pg_catalog.pg_class")
            + " ORDER BY s.schemaname, s.sequencename";
    private static final String ENUMS = "SELECT n.nspname, t.typname,"
            + " ARRAY(SELECT e.enumlabel FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid"
            + " ORDER BY e.enumsortorder)::text[]"
            + " FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
            + " WHERE t.typtype = 'e' AND " + USER_NAMESPACE + notFromExtension("t.oid", "pg_catalog.pg_type")
            + " ORDER BY n.nspname, t.typname";
    /**
     * Domains carried as the server prints them ({@link PostgresDefinitionReader}): with several checks, one not
     * yet validated, one calling a routine, or over a domain or range type, which are created with the routines.
     */
    static final String NATIVE_DOMAIN = "((SELECT count(*) FROM pg_catalog.pg_constraint co WHERE co.contypid = t.oid)"
            + " > 1 OR EXISTS (SELECT 1 FROM pg_catalog.pg_constraint co WHERE co.contypid = t.oid"
            + " AND NOT co.convalidated) OR EXISTS (SELECT 1 FROM pg_catalog.pg_constraint co"
            + " JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_constraint'::regclass AND d.objid = co.oid"
            + " AND d.refclassid = 'pg_catalog.pg_proc'::regclass AND d.refobjid >= 16384 WHERE co.contypid = t.oid)"
            + " OR EXISTS (SELECT 1 FROM pg_catalog.pg_type b WHERE b.oid = t.typbasetype"
            + " AND b.typtype IN ('r', 'm', 'd'))"
            + " OR EXISTS (SELECT 1 FROM pg_catalog.pg_constraint co WHERE co.contypid = t.oid"
            + " AND co.conname <> t.typname || '_check'))";
    private static final String DOMAINS = "SELECT n.nspname, t.typname,"
            + " pg_catalog.format_type(t.typbasetype, t.typtypmod), t.typnotnull, t.typdefault,"
            + " (SELECT pg_catalog.pg_get_constraintdef(co.oid) FROM pg_catalog.pg_constraint co"
            + " WHERE co.contypid = t.oid AND co.contype = 'c' ORDER BY co.conname LIMIT 1)"
            + " FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
            + " WHERE t.typtype = 'd' AND NOT " + NATIVE_DOMAIN + " AND " + USER_NAMESPACE
            + notFromExtension("t.oid", "pg_catalog.pg_type") + " ORDER BY t.oid";
    /**
     * Composite types, each attribute as the server writes it, and the composite types (not tables' row types) its
     * attributes are of, or arrays of.
     */
    private static final String COMPOSITES = "SELECT n.nspname, t.typname,"
            + " ARRAY(SELECT pg_catalog.quote_ident(a.attname) || ' '"
            + " || pg_catalog.format_type(a.atttypid, a.atttypmod)"
            + " || CASE WHEN a.attcollation <> 0 AND a.attcollation <> at.typcollation THEN ' COLLATE '"
            + " || pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname) ELSE '' END"
            + " FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type at ON at.oid = a.atttypid"
            + " LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation"
            + " LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace"
            + " WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum)::text[],"
            + " ARRAY(SELECT DISTINCT dn.nspname || '.' || dt.typname FROM pg_catalog.pg_attribute a"
            + " JOIN pg_catalog.pg_type dt ON (dt.oid = a.atttypid OR dt.typarray = a.atttypid) AND dt.typtype = 'c'"
            + " JOIN pg_catalog.pg_namespace dn ON dn.oid = dt.typnamespace"
            + " WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped)::text[],"
            + " ARRAY(SELECT dn.nspname || '.' || dt.typname FROM pg_catalog.pg_attribute a"
            + " JOIN pg_catalog.pg_type dt ON (dt.oid = a.atttypid OR dt.typarray = a.atttypid) AND dt.typtype = 'c'"
            + " JOIN pg_catalog.pg_class dc ON dc.oid = dt.typrelid AND dc.relkind <> 'c'"
            + " JOIN pg_catalog.pg_namespace dn ON dn.oid = dt.typnamespace"
            + " WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped)::text[],"
            + " pg_catalog.obj_description(t.oid, 'pg_type')"
            + " FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
            + " JOIN pg_catalog.pg_class c ON c.oid = t.typrelid AND c.relkind = 'c'"
            + " WHERE " + USER_NAMESPACE + notFromExtension("t.oid", "pg_catalog.pg_type")
            + " ORDER BY n.nspname, t.typname";
    /** Catalog keys of what the snapshot refuses, so definitions that need one are refused too. */
    private static final String REFUSED_KEYS = "SELECT 'pg_catalog.pg_type'::regclass::oid, t.oid"
            + " FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
            + " WHERE t.typtype = 'b' AND " + USER_NAMESPACE + notFromExtension("t.oid", "pg_catalog.pg_type")
            + " UNION ALL SELECT 'pg_catalog.pg_class'::regclass::oid, c.oid FROM pg_catalog.pg_class c"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'f' AND " + USER_NAMESPACE
            + notFromExtension("c.oid", "pg_catalog.pg_class");
    /** What the snapshot leaves out, by kind; each query returns schema and name. */
    private static final Map<String, String> NOT_CARRIED = notCarriedQueries();
    /**
     * Objects of kinds the snapshot has no record for, by kind: each query returns the object's catalog key
     * (classid, objid), schema (or null) and name, so what depends on one is left out with it. Only the database's
     * own objects count: not the system's (oid below 16384) and not an extension's members, which CREATE EXTENSION
     * brings back.
     */
    private static final Map<String, String> UNCARRIED_OBJECTS = uncarriedObjectQueries();

    /**
     * Reads with the server's JIT compiler off: the catalog queries are small, but their cost estimates pass
     * {@code jit_above_cost} on a database of many tables, and compiling one took longer than running it.
     */
    @Override
    public SchemaSnapshot read(Connection connection) throws SQLException {
        String jit = Sql.strings(connection, "SELECT pg_catalog.current_setting('jit', true)").get(0);
        boolean turnedOff = "on".equals(jit);
        if (turnedOff) {
            Sql.strings(connection, "SELECT pg_catalog.set_config('jit', 'off', false)");
        }
        SQLException failure = null;
        try {
            return readCatalog(connection);
        } catch (SQLException e) {
            failure = e;
            throw e;
        } finally {
            if (turnedOff) {
                try {
                    Sql.strings(connection, "SELECT pg_catalog.set_config('jit', 'on', false)");
                } catch (SQLException e) {
                    // In a transaction the failure aborted, the setting goes back with the transaction.
                    if (failure == null) {
                        throw e;
                    }
                    failure.addSuppressed(e);
                }
            }
        }
    }

    /**
     * The moment is the transaction's snapshot (its oldest running transaction, the next one, and those running):
     * equal for two transactions only when no transaction that wrote anything ended between them, so they see the
     * same catalog.
     */
    @Override
    public String beginAtMoment(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        }
        return moment(connection);
    }

    private static String moment(Connection connection) throws SQLException {
        return Sql.strings(connection, "SELECT pg_catalog.txid_current_snapshot()::text").get(0);
    }

    /** Sequence values change outside transactions: they are read again, in this transaction. */
    @Override
    public SchemaSnapshot again(Connection connection, String moment, SchemaSnapshot earlier) throws SQLException {
        if (moment == null || !moment.equals(moment(connection))) {
            return null;
        }
        return new SchemaSnapshot(earlier.sourceEngine(), earlier.serverVersion(), earlier.schemas(), earlier.enums(),
                earlier.domains(), readSequences(connection), earlier.tables(), earlier.views(),
                earlier.extensions(), earlier.notCarried(), earlier.composites(), earlier.definitions());
    }

    private SchemaSnapshot readCatalog(Connection connection) throws SQLException {
        Map<Long, PgType> types = new HashMap<>();
        for (PgType type : Sql.query(connection, TYPES, row -> new PgType(row.getLong(1), row.getString(2),
                row.getString(3), row.getString(4), row.getLong(5), row.getLong(6), row.getInt(7),
                row.getString(8)))) {
            types.put(type.oid(), type);
        }
        List<NotCarried> notCarried = new ArrayList<>();
        Set<String> uncarried = new HashSet<>();
        for (Map.Entry<String, String> query : UNCARRIED_OBJECTS.entrySet()) {
            for (Object[] row : Sql.query(connection, query.getValue(), row -> new Object[] {
                row.getLong(1) + ":" + row.getLong(2), row.getString(3), row.getString(4)})) {
                uncarried.add((String) row[0]);
                notCarried.add(new NotCarried(query.getKey(), (String) row[1], (String) row[2]));
            }
        }
        List<Object[]> found = Sql.query(connection, TABLES,
                row -> new Object[] {row.getLong(1), row.getString(2), row.getString(3), row.getString(4)});
        List<TableDef> tables = readTables(connection, found, types, uncarried, notCarried);
        for (Map.Entry<String, String> query : NOT_CARRIED.entrySet()) {
            notCarried.addAll(Sql.query(connection, query.getValue(),
                    row -> new NotCarried(query.getKey(), row.getString(1), row.getString(2))));
        }
        List<CompositeTypeDef> composites = readComposites(connection, notCarried);
        PostgresDefinitions definitions = new PostgresDefinitions(connection, notCarried);
        Set<String> compositeNames = new HashSet<>();
        composites.forEach(t -> compositeNames.add(t.schema() + "." + t.name()));
        PostgresDefinitionReader.typedTables(connection, definitions, compositeNames, notCarried);
        for (Object[] table : found) {
            definitions.table((Long) table[0]);
        }
        for (String key : Sql.query(connection, REFUSED_KEYS, row -> row.getLong(1) + ":" + row.getLong(2))) {
            definitions.refused(key, "left out");
        }
        uncarried.forEach(key -> definitions.refused(key, "left out"));
        // Views are definitions too, ordered with the routines they call and the views they read; so are
        // extensions, with their schemas (earlier snapshots list their names alone).
        return new SchemaSnapshot(ENGINE, Sql.strings(connection, "SHOW server_version").get(0),
                Sql.strings(connection, SCHEMAS), readEnums(connection), readDomains(connection),
                readSequences(connection), tables, List.of(), List.of(),
                notCarried, composites, PostgresDefinitionReader.read(connection, definitions, notCarried));
    }

    /** @param found each table's oid, schema, name and comment, as {@link #TABLES} reads them */
    private List<TableDef> readTables(Connection connection, List<Object[]> found, Map<Long, PgType> types,
            Set<String> uncarried, List<NotCarried> notCarried) throws SQLException {
        Long[] oids = found.stream().map(t -> (Long) t[0]).toArray(Long[]::new);
        java.sql.Array tableOids = connection.createArrayOf("int8", oids);
        Map<Long, List<ColumnRow>> columnRows = byTable(Sql.query(connection, COLUMNS, ColumnRow::of, tableOids),
                ColumnRow::table);
        Map<Long, List<Object[]>> constraintRows = byTable(Sql.query(connection, CONSTRAINTS, row -> new Object[] {
            row.getLong(1), row.getString(2), row.getString(3), textArray(row.getArray(4)), row.getString(5),
            row.getString(6), row.getString(7), textArray(row.getArray(8)), row.getString(9), row.getString(10),
            textArray(row.getArray(11))}, tableOids), c -> (Long) c[0]);
        Map<Long, List<Object[]>> indexRows = byTable(Sql.query(connection, INDEXES, row -> new Object[] {
            row.getLong(1), new IndexDef(row.getString(2), row.getBoolean(3),
                    row.getBoolean(5) ? textArray(row.getArray(6)) : List.of(), row.getString(4)),
            textArray(row.getArray(8))}, tableOids), i -> (Long) i[0]);
        tableOids.free();
        // Table by table, in the order the tables were read, so what is not carried is named in the same order.
        List<TableDef> tables = new ArrayList<>();
        for (Object[] table : found) {
            long oid = (Long) table[0];
            String schema = (String) table[1];
            String name = (String) table[2];
            List<ColumnDef> columns = new ArrayList<>();
            for (ColumnRow row : columnRows.getOrDefault(oid, List.of())) {
                columns.add(column(row, types, schema, name, uncarried, notCarried));
            }
            ConstraintDef primaryKey = null;
            List<ConstraintDef> uniques = new ArrayList<>();
            List<ConstraintDef> checks = new ArrayList<>();
            List<ForeignKeyDef> foreignKeys = new ArrayList<>();
            for (Object[] c : constraintRows.getOrDefault(oid, List.of())) {
                String constraint = (String) c[1];
                @SuppressWarnings("unchecked") List<String> keyColumns = (List<String>) c[3];
                @SuppressWarnings("unchecked") List<String> uses = (List<String>) c[10];
                if ("c".equals(c[2]) && uses.stream().anyMatch(uncarried::contains)) {
                    // A check that calls an operator (or else) the snapshot leaves out is left out with it.
                    notCarried.add(new NotCarried("check constraint", schema, name + "." + constraint));
                    continue;
                }
                switch ((String) c[2]) {
                    case "p" -> primaryKey = new ConstraintDef(constraint, keyColumns, null);
                    case "u" -> uniques.add(new ConstraintDef(constraint, keyColumns, null));
                    case "c" -> checks.add(new ConstraintDef(constraint, List.of(), checkExpression((String) c[4])));
                    case "f" -> {
                        @SuppressWarnings("unchecked") List<String> referenced = (List<String>) c[7];
                        foreignKeys.add(new ForeignKeyDef(constraint, keyColumns, (String) c[5], (String) c[6],
                                referenced, rule((String) c[8]), rule((String) c[9])));
                    }
                    default -> notCarried.add(new NotCarried("exclusion constraint", schema, name + "." + constraint));
                }
            }
            List<IndexDef> indexes = new ArrayList<>();
            for (Object[] index : indexRows.getOrDefault(oid, List.of())) {
                IndexDef def = (IndexDef) index[1];
                @SuppressWarnings("unchecked") List<String> uses = (List<String>) index[2];
                // One built with an operator class or operator the snapshot leaves out is left out with it.
                if (uses.stream().anyMatch(uncarried::contains)) {
                    notCarried.add(new NotCarried("index", schema, name + "." + def.name()));
                } else {
                    indexes.add(def);
                }
            }
            tables.add(new TableDef(schema, name, columns, primaryKey, uniques, checks, foreignKeys, indexes,
                    (String) table[3]));
        }
        return tables;
    }

    private static <T> Map<Long, List<T>> byTable(List<T> rows, java.util.function.Function<T, Long> table) {
        Map<Long, List<T>> grouped = new HashMap<>();
        for (T row : rows) {
            grouped.computeIfAbsent(table.apply(row), k -> new ArrayList<>()).add(row);
        }
        return grouped;
    }

    /** One row of {@link #COLUMNS}, read before the columns are made table by table. */
    private record ColumnRow(long table, String name, long typeOid, int typmod, String formatted, boolean notNull,
            String defaultExpression, String identity, String generated, String comment, boolean ownsSerial,
            String collation, List<String> uses) {
        static ColumnRow of(java.sql.ResultSet row) throws SQLException {
            return new ColumnRow(row.getLong(1), row.getString(2), row.getLong(3), row.getInt(4), row.getString(5),
                    row.getBoolean(6), row.getString(7), row.getString(8), row.getString(9), row.getString(10),
                    row.getBoolean(11), row.getString(12), textArray(row.getArray(13)));
        }
    }

    private static ColumnDef column(ColumnRow row, Map<Long, PgType> types, String schema, String table,
            Set<String> uncarried, List<NotCarried> notCarried) {
        String name = row.name();
        PortableType type = type(types, row.typeOid(), row.typmod(), row.formatted());
        if (row.collation() != null) {
            // A column's own collation, which a restore into PostgreSQL declares with the type.
            type = new PortableType(type.kind(), type.length(), type.precision(), type.scale(), type.element(),
                    type.nativeType() + " COLLATE " + row.collation());
        }
        String defaultExpression = row.defaultExpression();
        // A serial column: its default calls the sequence it owns.
        boolean identity = !row.identity().isEmpty() || row.ownsSerial();
        if (identity) {
            defaultExpression = null;
        }
        if (row.uses().stream().anyMatch(uncarried::contains)) {
            // A default or generation expression that uses what the snapshot leaves out: the column keeps its
            // values, without the expression.
            notCarried.add(new NotCarried(row.generated().isEmpty() ? "column default" : "generated column expression",
                    schema, table + "." + name));
            return new ColumnDef(name, type, !row.notNull(), null, false, row.comment());
        }
        if ("s".equals(row.generated())) {
            // The expression is the server's own text (pg_get_expr), which the same engine takes back as it is; the
            // rows still carry the values, for a target that cannot compute them.
            return new ColumnDef(name, type, !row.notNull(), null, false, row.comment(), defaultExpression,
                    true, false);
        }
        if (!row.generated().isEmpty()) {
            // A kind of generated column this version does not know: its values come back in a plain column.
            notCarried.add(new NotCarried("generated column expression", schema, table + "." + name));
            defaultExpression = null;
        }
        return new ColumnDef(name, type, !row.notNull(), defaultExpression, identity, row.comment());
    }

    /** Maps a type by its catalog entry; typmod follows PostgreSQL's encoding (length + 4, precision << 16). */
    static PortableType type(Map<Long, PgType> types, long oid, int typmod, String formatted) {
        PgType type = types.get(oid);
        if (type == null) {
            return PortableType.of(Kind.OTHER, formatted);
        }
        switch (type.typtype()) {
            case "e":
                return PortableType.of(Kind.ENUM, qualified(type.schema(), type.name()));
            case "d": {
                PortableType base = type(types, type.baseType(), type.typmod(), formatted);
                return new PortableType(base.kind(), base.length(), base.precision(), base.scale(), base.element(),
                        qualified(type.schema(), type.name()));
            }
            default:
                break;
        }
        // int2vector and oidvector have an element type too, but their own text form: only true arrays (named
        // _element) are carried as arrays.
        if ("A".equals(type.category()) && type.element() != 0 && type.name().startsWith("_")) {
            PortableType element = type(types, type.element(), typmod, null);
            return new PortableType(Kind.ARRAY, 0, 0, 0, element, formatted);
        }
        String native_ = formatted != null ? formatted : formatType(type, typmod);
        if (!"pg_catalog".equals(type.schema())) {
            return PortableType.of(Kind.OTHER, native_);
        }
        int size = typmod >= 4 ? typmod - 4 : 0;
        return switch (type.name()) {
            case "bool" -> PortableType.of(Kind.BOOLEAN, native_);
            case "int2" -> PortableType.of(Kind.SMALLINT, native_);
            case "int4" -> PortableType.of(Kind.INTEGER, native_);
            case "int8" -> PortableType.of(Kind.BIGINT, native_);
            case "numeric" -> new PortableType(Kind.DECIMAL, 0, typmod >= 4 ? (size >> 16) & 0xffff : 0,
                    typmod >= 4 ? size & 0xffff : 0, null, native_);
            case "float4" -> PortableType.of(Kind.REAL, native_);
            case "float8" -> PortableType.of(Kind.DOUBLE, native_);
            case "bpchar" -> new PortableType(Kind.CHAR, size, 0, 0, null, native_);
            case "varchar" -> new PortableType(Kind.VARCHAR, size, 0, 0, null, native_);
            case "text" -> PortableType.of(Kind.TEXT, native_);
            case "bytea" -> PortableType.of(Kind.BLOB, native_);
            case "date" -> PortableType.of(Kind.DATE, native_);
            case "time" -> new PortableType(Kind.TIME, 0, Math.max(typmod, 0), 0, null, native_);
            case "timestamp" -> new PortableType(Kind.TIMESTAMP, 0, Math.max(typmod, 0), 0, null, native_);
            case "timestamptz" -> new PortableType(Kind.TIMESTAMP_TZ, 0, Math.max(typmod, 0), 0, null, native_);
            case "interval" -> PortableType.of(Kind.INTERVAL, native_);
            case "uuid" -> PortableType.of(Kind.UUID, native_);
            case "json", "jsonb" -> PortableType.of(Kind.JSON, native_);
            default -> PortableType.of(Kind.OTHER, native_);
        };
    }

    /** An array element's own spelling, which format_type only gives for the whole array. */
    private static String formatType(PgType type, int typmod) {
        return "pg_catalog".equals(type.schema()) ? type.name() : qualified(type.schema(), type.name());
    }

    static String qualified(String schema, String name) {
        return Sql.doubleQuote(schema) + "." + Sql.doubleQuote(name);
    }

    /** {@code CHECK ((a > 0)) NOT VALID} to {@code (a > 0)}. */
    static String checkExpression(String definition) {
        String expression = definition.trim();
        if (expression.endsWith(" NOT VALID")) {
            expression = expression.substring(0, expression.length() - " NOT VALID".length());
        }
        if (expression.startsWith("CHECK ")) {
            expression = expression.substring("CHECK ".length()).trim();
        }
        return expression;
    }

    private static String rule(String code) {
        return switch (code == null ? "" : code) {
            case "c" -> "CASCADE";
            case "n" -> "SET NULL";
            case "d" -> "SET DEFAULT";
            case "r" -> "RESTRICT";
            default -> "NO ACTION";
        };
    }

    private static List<String> textArray(java.sql.Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static List<EnumDef> readEnums(Connection connection) throws SQLException {
        return Sql.query(connection, ENUMS,
                row -> new EnumDef(row.getString(1), row.getString(2), textArray(row.getArray(3))));
    }

    /**
     * Composite types in an order that creates each after the ones it uses. One with an attribute of a table's row
     * type is left out (named), as tables are created after types; so is every one that uses it.
     */
    private static List<CompositeTypeDef> readComposites(Connection connection, List<NotCarried> notCarried)
            throws SQLException {
        Map<String, CompositeTypeDef> pending = new LinkedHashMap<>();
        for (CompositeTypeDef type : Sql.query(connection, COMPOSITES, row -> {
            if (textArray(row.getArray(5)).isEmpty()) {
                return new CompositeTypeDef(row.getString(1), row.getString(2), textArray(row.getArray(3)),
                        textArray(row.getArray(4)), row.getString(6));
            }
            notCarried.add(new NotCarried("composite type", row.getString(1), row.getString(2)));
            return null;
        })) {
            if (type != null) {
                pending.put(type.schema() + "." + type.name(), type);
            }
        }
        List<CompositeTypeDef> ordered = new ArrayList<>();
        Set<String> created = new HashSet<>();
        boolean progress = true;
        while (!pending.isEmpty() && progress) {
            progress = false;
            for (Iterator<CompositeTypeDef> it = pending.values().iterator(); it.hasNext();) {
                CompositeTypeDef type = it.next();
                String self = type.schema() + "." + type.name();
                if (type.uses().stream().allMatch(u -> u.equals(self) || created.contains(u))) {
                    ordered.add(type);
                    created.add(self);
                    it.remove();
                    progress = true;
                }
            }
        }
        pending.values().forEach(t -> notCarried.add(new NotCarried("composite type", t.schema(), t.name())));
        return ordered;
    }

    private static List<DomainDef> readDomains(Connection connection) throws SQLException {
        return Sql.query(connection, DOMAINS, row -> new DomainDef(row.getString(1), row.getString(2),
                row.getString(3), row.getBoolean(4), row.getString(5),
                row.getString(6) == null ? null : checkExpression(row.getString(6))));
    }

    /** last_value is null until the first nextval, when nextval returns the start value. */
    private static List<SequenceDef> readSequences(Connection connection) throws SQLException {
        return Sql.query(connection, SEQUENCES, row -> {
            long start = row.getLong(3);
            long last = row.getLong(5);
            boolean called = !row.wasNull();
            return new SequenceDef(row.getString(1), row.getString(2), start, row.getLong(4),
                    called ? last : start, called, row.getString(6), row.getString(7), row.getBoolean(8));
        });
    }

    private static String userTypes(String condition) {
        return "SELECT n.nspname, t.typname FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n"
                + " ON n.oid = t.typnamespace WHERE " + condition + " AND " + USER_NAMESPACE
                + notFromExtension("t.oid", "pg_catalog.pg_type") + " ORDER BY 1, 2";
    }

    /**
     * Whether a column default is exactly a call of nextval on the sequence, as a serial column's is; the
     * sequence is named as the default prints it, in the same session.
     */
    static String callsSequence(String defaultExpression, String sequenceOid) {
        return defaultExpression + " = 'nextval(' || pg_catalog.quote_literal(" + sequenceOid
                + "::pg_catalog.regclass::text) || '::regclass)'";
    }

    /**
     * Whether another column's default than the one given calls the sequence: an inheritance child's copy of its
     * parent's serial column, or a sequence two tables share. Such a sequence is not a serial column's own (created
     * with the column as an identity, then put back as a serial), but a sequence created before every table, as
     * the others' defaults name it.
     */
    static String calledElsewhere(String sequenceOid, String relationOid, String columnNumber) {
        return "EXISTS (SELECT 1 FROM pg_catalog.pg_depend od JOIN pg_catalog.pg_attrdef oad ON oad.oid = od.objid"
                + " WHERE od.classid = 'pg_catalog.pg_attrdef'::regclass"
                + " AND od.refclassid = 'pg_catalog.pg_class'::regclass"
                + " AND od.refobjid = " + sequenceOid + " AND (oad.adrelid <> " + relationOid + " OR oad.adnum <> "
                + columnNumber + "))";
    }

    static String notFromExtension(String oid, String catalog) {
        return String.format(NOT_FROM_EXTENSION, oid, catalog);
    }

    private static Map<String, String> notCarriedQueries() {
        Map<String, String> queries = new java.util.LinkedHashMap<>();
        queries.put("foreign table", relations("c.relkind = 'f'"));
        // A child of a foreign table would be restored as a table of its own, its link to its parent lost; a
        // child of plain tables is linked to them again (PostgresDefinitionReader).
        queries.put("inheriting table", "SELECT n.nspname, c.relname FROM pg_catalog.pg_inherits i"
                + " JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid JOIN pg_catalog.pg_namespace n"
                + " ON n.oid = c.relnamespace JOIN pg_catalog.pg_class p ON p.oid = i.inhparent"
                + " WHERE NOT c.relispartition AND p.relkind <> 'r' AND " + USER_NAMESPACE
                + " GROUP BY 1, 2 ORDER BY 1, 2");
        // A type the catalog reader does not define, so a column of one would fail the restore half-way.
        queries.put("base type", userTypes("t.typtype = 'b' AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type e"
                + " WHERE e.typarray = t.oid)"));
        queries.put("large objects", "SELECT NULL, '(' || count(*) || ')' FROM"
                + " pg_catalog.pg_largeobject_metadata HAVING count(*) > 0");
        return queries;
    }

    private static Map<String, String> uncarriedObjectQueries() {
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("operator", objects("pg_operator", "o", "o.oprnamespace", "o.oprname || '('"
                + " || CASE WHEN o.oprleft = 0 THEN 'NONE' ELSE pg_catalog.format_type(o.oprleft, NULL) END || ', '"
                + " || pg_catalog.format_type(o.oprright, NULL) || ')'", "", "TRUE"));
        queries.put("operator class", objects("pg_opclass", "o", "o.opcnamespace", "o.opcname || ' USING ' || a.amname",
                " JOIN pg_catalog.pg_am a ON a.oid = o.opcmethod", "TRUE"));
        queries.put("operator family", objects("pg_opfamily", "o", "o.opfnamespace",
                "o.opfname || ' USING ' || a.amname", " JOIN pg_catalog.pg_am a ON a.oid = o.opfmethod", "TRUE"));
        queries.put("text search configuration", objects("pg_ts_config", "o", "o.cfgnamespace", "o.cfgname", "",
                "TRUE"));
        queries.put("text search dictionary", objects("pg_ts_dict", "o", "o.dictnamespace", "o.dictname", "", "TRUE"));
        queries.put("text search parser", objects("pg_ts_parser", "o", "o.prsnamespace", "o.prsname", "", "TRUE"));
        queries.put("text search template", objects("pg_ts_template", "o", "o.tmplnamespace", "o.tmplname", "",
                "TRUE"));
        queries.put("extended statistics", objects("pg_statistic_ext", "o", "o.stxnamespace", "o.stxname", "",
                "TRUE"));
        queries.put("conversion", objects("pg_conversion", "o", "o.connamespace", "o.conname", "", "TRUE"));
        // A shell type alone (CREATE TYPE name;), whose base type was never defined.
        queries.put("shell type", objects("pg_type", "o", "o.typnamespace", "o.typname", "",
                "o.typtype = 'p' AND NOT o.typisdefined"));
        queries.put("publication", objects("pg_publication", "o", null, "o.pubname", "", "TRUE"));
        queries.put("subscription", objects("pg_subscription", "o", null, "o.subname", "",
                "o.subdbid = (SELECT d.oid FROM pg_catalog.pg_database d"
                        + " WHERE d.datname = pg_catalog.current_database())"));
        queries.put("event trigger", objects("pg_event_trigger", "o", null, "o.evtname", "", "TRUE"));
        queries.put("foreign-data wrapper", objects("pg_foreign_data_wrapper", "o", null, "o.fdwname", "", "TRUE"));
        queries.put("foreign server", objects("pg_foreign_server", "o", null, "o.srvname", "", "TRUE"));
        // pg_user_mapping itself is for superusers; its view shows every login the mappings.
        queries.put("user mapping", "SELECT 'pg_catalog.pg_user_mapping'::regclass::oid, o.umid, NULL,"
                + " 'for ' || o.usename || ' server ' || o.srvname FROM pg_catalog.pg_user_mappings o"
                + " WHERE o.umid >= 16384 ORDER BY 4");
        queries.put("access method", objects("pg_am", "o", null, "o.amname", "", "TRUE"));
        queries.put("procedural language", objects("pg_language", "o", null, "o.lanname", "", "TRUE"));
        queries.put("transform", objects("pg_transform", "o", null, "'FOR ' || pg_catalog.format_type(o.trftype, NULL)"
                + " || ' LANGUAGE ' || l.lanname", " JOIN pg_catalog.pg_language l ON l.oid = o.trflang", "TRUE"));
        // Not the casts a range type makes for its multirange type, which come back with it.
        queries.put("cast", objects("pg_cast", "o", null, "'(' || pg_catalog.format_type(o.castsource, NULL) || ' AS '"
                + " || pg_catalog.format_type(o.casttarget, NULL) || ')'", "", "NOT EXISTS (SELECT 1"
                + " FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_cast'::regclass AND d.objid = o.oid"
                + " AND d.deptype = 'i')"));
        queries.put("default privileges", "SELECT 'pg_catalog.pg_default_acl'::regclass::oid, o.oid, NULL,"
                + " 'for role ' || pg_catalog.quote_ident(r.rolname) || COALESCE(' in schema '"
                + " || pg_catalog.quote_ident(n.nspname), '') || ' on ' || CASE o.defaclobjtype"
                + " WHEN 'r' THEN 'tables' WHEN 'S' THEN 'sequences' WHEN 'f' THEN 'functions' WHEN 'T' THEN 'types'"
                + " WHEN 'n' THEN 'schemas' ELSE o.defaclobjtype::text END FROM pg_catalog.pg_default_acl o"
                + " JOIN pg_catalog.pg_roles r ON r.oid = o.defaclrole"
                + " LEFT JOIN pg_catalog.pg_namespace n ON n.oid = o.defaclnamespace ORDER BY 4");
        queries.put("security label", "SELECT o.classoid, o.objoid, NULL, o.provider || ' on '"
                + " || pg_catalog.pg_describe_object(o.classoid, o.objoid, o.objsubid) FROM pg_catalog.pg_seclabel o"
                + " WHERE o.objoid >= 16384 ORDER BY 4");
        return queries;
    }

    /**
     * The database's own objects of one catalog with their catalog keys, schemas and names; {@code namespace} is
     * null for a catalog whose objects belong to no schema.
     */
    private static String objects(String catalog, String alias, String namespace, String name, String joins,
            String condition) {
        String qualified = "pg_catalog." + catalog;
        return "SELECT '" + qualified + "'::regclass::oid, " + alias + ".oid, "
                + (namespace == null ? "NULL" : "n.nspname") + ", " + name + " FROM " + qualified + " " + alias
                + (namespace == null ? "" : " JOIN pg_catalog.pg_namespace n ON n.oid = " + namespace) + joins
                + " WHERE " + alias + ".oid >= 16384 AND " + condition
                + (namespace == null ? "" : " AND " + USER_NAMESPACE)
                + notFromExtension(alias + ".oid", qualified) + " ORDER BY 3, 4";
    }

    private static String relations(String condition) {
        return "SELECT n.nspname, c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
                + " ON n.oid = c.relnamespace WHERE " + condition + " AND " + USER_NAMESPACE
                + notFromExtension("c.oid", "pg_catalog.pg_class") + " ORDER BY 1, 2";
    }

    record PgType(long oid, String name, String typtype, String category, long element, long baseType, int typmod,
            String schema) {
    }
}
