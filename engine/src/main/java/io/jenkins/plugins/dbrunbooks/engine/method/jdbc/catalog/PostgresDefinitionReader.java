package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog;

import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.NativeDefinition;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.NotCarried;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads what a PostgreSQL snapshot carries as the server's own definitions ({@link PostgresDefinitions}), in the
 * snapshot's transaction: the server prints each object ({@code pg_get_functiondef}, {@code pg_get_viewdef},
 * {@code pg_get_triggerdef}, {@code pg_get_ruledef}, {@code pg_get_constraintdef}, {@code pg_get_indexdef},
 * {@code pg_get_partkeydef}, {@code pg_get_expr}), so a restore into PostgreSQL gets back what it had.
 */
final class PostgresDefinitionReader {
    private static final String USER = PostgresCatalogReader.USER_NAMESPACE;

    private static String own(String oid, String catalog) {
        return PostgresCatalogReader.notFromExtension(oid, catalog);
    }

    private static final String EXTENSION = "extension";
    private static final String QUALIFIED = "pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(%s)";

    private static String qualified(String name) {
        return String.format(QUALIFIED, name);
    }

    /** The qualified name of the function a regproc column names, or null where it names none. */
    private static String procName(String regproc) {
        return "(SELECT pg_catalog.quote_ident(fn.nspname) || '.' || pg_catalog.quote_ident(f.proname)"
                + " FROM pg_catalog.pg_proc f JOIN pg_catalog.pg_namespace fn ON fn.oid = f.pronamespace"
                + " WHERE f.oid = " + regproc + ")";
    }

    /**
     * How ALTER and COMMENT name an object: pg_identify_object's identity, except for a routine, whose identity
     * leaves out OUT arguments that tell two procedures apart, and an aggregate without arguments, {@code (*)}.
     */
    private static String identity(String classid, String objid, String identified) {
        return routineOr(classid, objid, identified, "CASE WHEN pp.prokind = 'a' AND pp.pronargs = 0 THEN '*'"
                + " ELSE pg_catalog.pg_get_function_identity_arguments(pp.oid) END");
    }

    /**
     * How GRANT names an object: as {@link #identity}, but an aggregate by its argument types alone, as GRANT ON
     * FUNCTION takes no ordered-set aggregate's {@code ORDER BY}.
     */
    private static String grantIdentity(String classid, String objid, String identified) {
        return routineOr(classid, objid, identified, "CASE WHEN pp.prokind = 'a'"
                + " THEN pg_catalog.oidvectortypes(pp.proargtypes)"
                + " ELSE pg_catalog.pg_get_function_identity_arguments(pp.oid) END");
    }

    private static String routineOr(String classid, String objid, String identified, String arguments) {
        return "CASE WHEN " + classid + " = 'pg_catalog.pg_proc'::regclass::oid THEN (SELECT"
                + " pg_catalog.quote_ident(pn.nspname) || '.' || pg_catalog.quote_ident(pp.proname) || '('"
                + " || " + arguments + " || ')' FROM pg_catalog.pg_proc pp"
                + " JOIN pg_catalog.pg_namespace pn ON pn.oid = pp.pronamespace WHERE pp.oid = " + objid + ") ELSE "
                + identified + " END";
    }

    /**
     * Each column's settings that differ from its type's, as ALTER TABLE ONLY ... ALTER COLUMN clauses: storage,
     * compression, statistics target and the attribute options ALTER COLUMN ... SET takes ({@code n_distinct},
     * {@code n_distinct_inherited}; a server may keep entries of its own there, which pg_dump does not print).
     */
    private static final String COLUMN_OPTIONS = "ARRAY(SELECT o FROM pg_catalog.pg_attribute a"
            + " JOIN pg_catalog.pg_type t ON t.oid = a.atttypid, LATERAL (VALUES"
            + " (1, CASE WHEN a.attstorage <> t.typstorage THEN 'SET STORAGE ' || CASE a.attstorage WHEN 'p' THEN"
            + " 'PLAIN' WHEN 'e' THEN 'EXTERNAL' WHEN 'm' THEN 'MAIN' ELSE 'EXTENDED' END END),"
            + " (2, CASE a.attcompression WHEN 'p' THEN 'SET COMPRESSION pglz' WHEN 'l' THEN 'SET COMPRESSION lz4' END),"
            + " (3, CASE WHEN a.attstattarget >= 0 THEN 'SET STATISTICS ' || a.attstattarget END),"
            + " (4, 'SET (' || (SELECT pg_catalog.string_agg(x.option_name || ' = '"
            + " || pg_catalog.quote_literal(x.option_value), ', ') FROM pg_catalog.pg_options_to_table(a.attoptions) x"
            + " WHERE x.option_name IN ('n_distinct', 'n_distinct_inherited')) || ')')) v (pos, clause), LATERAL (SELECT 'ALTER COLUMN ' || pg_catalog.quote_ident(a.attname) || ' '"
            + " || v.clause) cl (o) WHERE a.attrelid = %s AND a.attnum > 0 AND NOT a.attisdropped"
            + " AND v.clause IS NOT NULL ORDER BY a.attnum, v.pos)::text[]";
    /** Each extension with its schema, its comment and the extensions it requires. */
    private static final String EXTENSIONS = "SELECT e.extname, pg_catalog.quote_ident(e.extname),"
            + " pg_catalog.quote_ident(n.nspname), pg_catalog.obj_description(e.oid, 'pg_extension'),"
            + " ARRAY(SELECT r.extname FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_extension r ON r.oid = d.refobjid"
            + " WHERE d.classid = 'pg_catalog.pg_extension'::pg_catalog.regclass AND d.objid = e.oid"
            + " AND d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass ORDER BY r.extname)::text[]"
            + " FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace"
            + " WHERE e.extname <> 'plpgsql' ORDER BY e.extname";
    private static final String COLLATIONS = "SELECT c.oid, n.nspname, c.collname, " + qualified("c.collname")
            + ", c.collprovider, c.collisdeterministic, c.collcollate, c.collctype,"
            + " COALESCE(pg_catalog.to_jsonb(c) ->> 'colliculocale', pg_catalog.to_jsonb(c) ->> 'colllocale')"
            + " FROM pg_catalog.pg_collation c JOIN pg_catalog.pg_namespace n ON n.oid = c.collnamespace"
            + " WHERE " + USER + own("c.oid", "pg_catalog.pg_collation") + " ORDER BY c.oid";
    private static final String RANGES = "SELECT t.oid, n.nspname, t.typname, " + qualified("t.typname")
            + ", pg_catalog.format_type(r.rngsubtype, NULL),"
            + " CASE WHEN r.rngcollation <> 0 AND r.rngcollation <> st.typcollation THEN"
            + " pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname) END,"
            + " pg_catalog.quote_ident(opn.nspname) || '.' || pg_catalog.quote_ident(opc.opcname), opc.opcdefault,"
            + " r.rngcanonical <> 0,"
            + " CASE WHEN r.rngsubdiff <> 0 THEN pg_catalog.quote_ident(dn.nspname) || '.'"
            + " || pg_catalog.quote_ident(dp.proname) END,"
            + " pg_catalog.quote_ident(mn.nspname) || '.' || pg_catalog.quote_ident(mt.typname), r.rngmultitypid"
            + " FROM pg_catalog.pg_range r JOIN pg_catalog.pg_type t ON t.oid = r.rngtypid"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
            + " JOIN pg_catalog.pg_type st ON st.oid = r.rngsubtype"
            + " JOIN pg_catalog.pg_opclass opc ON opc.oid = r.rngsubopc"
            + " JOIN pg_catalog.pg_namespace opn ON opn.oid = opc.opcnamespace"
            + " LEFT JOIN pg_catalog.pg_collation co ON co.oid = r.rngcollation"
            + " LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace"
            + " LEFT JOIN pg_catalog.pg_proc dp ON dp.oid = r.rngsubdiff"
            + " LEFT JOIN pg_catalog.pg_namespace dn ON dn.oid = dp.pronamespace"
            + " JOIN pg_catalog.pg_type mt ON mt.oid = r.rngmultitypid"
            + " JOIN pg_catalog.pg_namespace mn ON mn.oid = mt.typnamespace"
            + " WHERE " + USER + own("t.oid", "pg_catalog.pg_type") + " ORDER BY t.oid";
    private static final String DOMAINS = "SELECT t.oid, n.nspname, t.typname, " + qualified("t.typname")
            + ", pg_catalog.format_type(t.typbasetype, t.typtypmod)"
            + " || CASE WHEN t.typcollation <> 0 AND t.typcollation <> bt.typcollation THEN ' COLLATE '"
            + " || pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname) ELSE '' END,"
            + " t.typdefault, t.typnotnull,"
            + " ARRAY(SELECT 'CONSTRAINT ' || pg_catalog.quote_ident(k.conname) || ' '"
            + " || pg_catalog.pg_get_constraintdef(k.oid) FROM pg_catalog.pg_constraint k"
            + " WHERE k.contypid = t.oid AND k.convalidated ORDER BY k.conname)::text[]"
            + " FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
            + " JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype"
            + " LEFT JOIN pg_catalog.pg_collation co ON co.oid = t.typcollation"
            + " LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace"
            + " WHERE t.typtype = 'd' AND " + PostgresCatalogReader.NATIVE_DOMAIN + " AND " + USER
            + own("t.oid", "pg_catalog.pg_type") + " ORDER BY t.oid";
    /** The checks of those domains not yet validated, which the rows may break. */
    private static final String UNVALIDATED_DOMAIN_CHECKS = "SELECT co.oid, t.oid, n.nspname,"
            + " t.typname || '.' || co.conname, " + qualified("t.typname") + ", pg_catalog.quote_ident(co.conname),"
            + " pg_catalog.pg_get_constraintdef(co.oid)"
            + " FROM pg_catalog.pg_constraint co JOIN pg_catalog.pg_type t ON t.oid = co.contypid"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
            + " WHERE NOT co.convalidated AND t.typtype = 'd' AND " + USER + own("t.oid", "pg_catalog.pg_type")
            + " ORDER BY co.oid";
    /**
     * Every sequence's options, with the column it belongs to: an identity column's (deptype i), a serial
     * column's (deptype a, the column's default calling nextval on it), or one the column only owns (deptype a,
     * the column taking its values elsewhere), or none.
     */
    private static final String SEQUENCES = "SELECT s.seqrelid, n.nspname, c.relname, " + qualified("c.relname")
            + ", pg_catalog.format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax,"
            + " s.seqcache, s.seqcycle, d.deptype, t.relkind,"
            + " pg_catalog.quote_ident(tn.nspname) || '.' || pg_catalog.quote_ident(t.relname),"
            + " pg_catalog.quote_ident(a.attname), a.attidentity, pg_catalog.pg_get_expr(ad.adbin, ad.adrelid),"
            + " c.relpersistence, t.relpersistence, COALESCE("
            + PostgresCatalogReader.callsSequence("pg_catalog.pg_get_expr(ad.adbin, ad.adrelid)", "c.oid")
            + " AND NOT " + PostgresCatalogReader.calledElsewhere("c.oid", "a.attrelid", "a.attnum") + ", false)"
            + " FROM pg_catalog.pg_sequence s JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " LEFT JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::regclass"
            + " AND d.objid = s.seqrelid AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.refobjsubid > 0"
            + " AND d.deptype IN ('a', 'i')"
            + " LEFT JOIN pg_catalog.pg_class t ON t.oid = d.refobjid"
            + " LEFT JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace"
            + " LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid"
            + " LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum"
            + " WHERE " + USER + own("c.oid", "pg_catalog.pg_class") + " ORDER BY s.seqrelid";
    /**
     * Functions and procedures the snapshot carries; a type's own (range constructors, I/O of a base type) come
     * with the type, aggregates ({@link #AGGREGATES}) have no {@code pg_get_functiondef}.
     */
    private static final String ROUTINES = "SELECT p.oid, n.nspname, p.proname || '('"
            + " || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')', p.prokind,"
            + " pg_catalog.pg_get_functiondef(p.oid)"
            + " FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE " + USER
            + " AND p.prokind <> 'a'" + own("p.oid", "pg_catalog.pg_proc")
            + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d"
            + " WHERE d.classid = 'pg_catalog.pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'i')"
            + " ORDER BY p.oid";
    /**
     * Each aggregate with what pg_dump's CREATE AGGREGATE prints of it: its signature ({@code *} where it takes
     * no argument; an ordered-set one's with {@code ORDER BY}), its functions qualified, its types as format_type
     * prints them, its sort operator and parallel safety.
     */
    private static final String AGGREGATES = "SELECT p.oid, n.nspname, p.proname || '('"
            + " || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')', " + qualified("p.proname")
            + " || '(' || CASE WHEN p.pronargs = 0 THEN '*' ELSE pg_catalog.pg_get_function_arguments(p.oid) END"
            + " || ')', a.aggkind, " + procName("a.aggtransfn") + ", pg_catalog.format_type(a.aggtranstype, NULL),"
            + " a.aggtransspace, a.agginitval, " + procName("a.aggfinalfn") + ", a.aggfinalextra::text,"
            + " a.aggfinalmodify, " + procName("a.aggcombinefn") + ", " + procName("a.aggserialfn") + ", "
            + procName("a.aggdeserialfn") + ", " + procName("a.aggmtransfn") + ", " + procName("a.aggminvtransfn") + ","
            + " CASE WHEN a.aggmtranstype <> 0 THEN pg_catalog.format_type(a.aggmtranstype, NULL) END,"
            + " a.aggmtransspace, a.aggminitval, " + procName("a.aggmfinalfn") + ", a.aggmfinalextra::text,"
            + " a.aggmfinalmodify, (SELECT 'OPERATOR(' || pg_catalog.quote_ident(opn.nspname) || '.' || o.oprname"
            + " || ')' FROM pg_catalog.pg_operator o JOIN pg_catalog.pg_namespace opn ON opn.oid = o.oprnamespace"
            + " WHERE o.oid = a.aggsortop), p.proparallel"
            + " FROM pg_catalog.pg_aggregate a JOIN pg_catalog.pg_proc p ON p.oid = a.aggfnoid"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE " + USER
            + own("p.oid", "pg_catalog.pg_proc") + " ORDER BY p.oid";
    private static final String VIEWS = "SELECT c.oid, n.nspname, c.relname, " + qualified("c.relname")
            + ", c.relkind, pg_catalog.pg_get_viewdef(c.oid), pg_catalog.array_to_string(c.reloptions, ', '),"
            + " c.relispopulated,"
            + " ARRAY(SELECT pg_catalog.pg_get_indexdef(i.indexrelid) FROM pg_catalog.pg_index i"
            + " WHERE i.indrelid = c.oid ORDER BY i.indexrelid)::text[], "
            + String.format(COLUMN_OPTIONS, "c.oid")
            + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('v', 'm') AND " + USER + own("c.oid", "pg_catalog.pg_class") + " ORDER BY c.oid";
    /**
     * What a plain or partitioned table's own record leaves at the defaults: UNLOGGED, storage parameters (its
     * own and its TOAST table's) and column settings ({@link #COLUMN_OPTIONS}).
     */
    private static final String TABLE_OPTIONS = "SELECT c.oid, n.nspname, c.relname, " + qualified("c.relname")
            + ", c.relpersistence = 'u',"
            + " (SELECT pg_catalog.string_agg(x.option_name || ' = ' || pg_catalog.quote_literal(x.option_value), ', ')"
            + " FROM pg_catalog.pg_options_to_table(c.reloptions) x),"
            + " (SELECT pg_catalog.string_agg('toast.' || x.option_name || ' = '"
            + " || pg_catalog.quote_literal(x.option_value), ', ') FROM pg_catalog.pg_class tc,"
            + " LATERAL pg_catalog.pg_options_to_table(tc.reloptions) x WHERE tc.oid = c.reltoastrelid), "
            + String.format(COLUMN_OPTIONS, "c.oid")
            + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('r', 'p') AND " + USER + own("c.oid", "pg_catalog.pg_class") + " ORDER BY c.oid";
    /** The index each table or materialized view was last clustered on (CLUSTER, ALTER TABLE ... CLUSTER ON). */
    private static final String CLUSTERED = "SELECT c.oid, n.nspname, c.relname, " + qualified("c.relname")
            + ", c.relkind, pg_catalog.quote_ident(ic.relname)"
            + " FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid"
            + " JOIN pg_catalog.pg_class c ON c.oid = i.indrelid JOIN pg_catalog.pg_namespace n"
            + " ON n.oid = c.relnamespace WHERE i.indisclustered AND " + USER + own("c.oid", "pg_catalog.pg_class")
            + " ORDER BY c.oid";
    /** Tables created OF a composite type, with the type. */
    private static final String TYPED_TABLES = "SELECT c.oid, n.nspname, c.relname, " + qualified("c.relname")
            + ", tn.nspname || '.' || t.typname, pg_catalog.quote_ident(tn.nspname) || '.'"
            + " || pg_catalog.quote_ident(t.typname)"
            + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " JOIN pg_catalog.pg_type t ON t.oid = c.reloftype JOIN pg_catalog.pg_namespace tn ON tn.oid = t.typnamespace"
            + " WHERE c.relkind IN ('r', 'p') AND " + USER + own("c.oid", "pg_catalog.pg_class") + " ORDER BY c.oid";
    /** Partitioned tables, each with its columns as its CREATE TABLE lists them. */
    private static final String PARTITIONED = "SELECT c.oid, n.nspname, c.relname, " + qualified("c.relname")
            + ", pg_catalog.pg_get_partkeydef(c.oid),"
            + " (SELECT pg_catalog.string_agg(pg_catalog.quote_ident(a.attname) || ' '"
            + " || pg_catalog.format_type(a.atttypid, a.atttypmod)"
            + " || CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN ' COLLATE '"
            + " || pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname) ELSE '' END"
            + " || CASE WHEN a.attgenerated = 's' THEN ' GENERATED ALWAYS AS ('"
            + " || pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) || ') STORED'"
            + " WHEN ad.adbin IS NOT NULL THEN ' DEFAULT ' || pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) ELSE '' END"
            + " || CASE a.attidentity WHEN 'a' THEN ' GENERATED ALWAYS AS IDENTITY'"
            + " WHEN 'd' THEN ' GENERATED BY DEFAULT AS IDENTITY' ELSE '' END"
            + " || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END, ', ' ORDER BY a.attnum)"
            + " FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid"
            + " LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum"
            + " LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation"
            + " LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace"
            + " WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)"
            + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind = 'p' AND " + USER + own("c.oid", "pg_catalog.pg_class") + " ORDER BY c.oid";
    /** Every partition with its parent and bound; a partition of a refused parent is a table of its own. */
    private static final String PARTITIONS = "SELECT c.oid, n.nspname, c.relname, " + qualified("c.relname")
            + ", i.inhparent, pg_catalog.quote_ident(pn.nspname) || '.' || pg_catalog.quote_ident(p.relname),"
            + " pg_catalog.pg_get_expr(c.relpartbound, c.oid)"
            + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " JOIN pg_catalog.pg_inherits i ON i.inhrelid = c.oid JOIN pg_catalog.pg_class p ON p.oid = i.inhparent"
            + " JOIN pg_catalog.pg_namespace pn ON pn.oid = p.relnamespace"
            + " WHERE c.relispartition AND c.relkind IN ('r', 'p') AND " + USER + " ORDER BY c.oid";
    /**
     * Each plain table that inherits from plain tables (not a partition), with its parents in the order it names
     * them; a table with a parent of another kind (a foreign table) is refused instead.
     */
    private static final String INHERITANCE = "SELECT c.oid, n.nspname, c.relname, " + qualified("c.relname")
            + ", i.inhparent, pg_catalog.quote_ident(pn.nspname) || '.' || pg_catalog.quote_ident(p.relname)"
            + " FROM pg_catalog.pg_inherits i JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace JOIN pg_catalog.pg_class p"
            + " ON p.oid = i.inhparent JOIN pg_catalog.pg_namespace pn ON pn.oid = p.relnamespace"
            + " WHERE c.relkind = 'r' AND NOT c.relispartition AND " + USER + own("c.oid", "pg_catalog.pg_class")
            + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits oi JOIN pg_catalog.pg_class o"
            + " ON o.oid = oi.inhparent WHERE oi.inhrelid = c.oid AND o.relkind <> 'r')"
            + " ORDER BY c.oid, i.inhseqno";
    /**
     * Constraints a table's own record does not hold: those of partitioned tables not inherited from a parent,
     * and exclusion, deferrable, unvalidated and non-inherited ones of plain tables.
     */
    private static final String CONSTRAINTS = "SELECT co.oid, n.nspname, c.relname || '.' || co.conname,"
            + " " + qualified("c.relname") + ", pg_catalog.quote_ident(co.conname),"
            + " pg_catalog.pg_get_constraintdef(co.oid), co.contype, c.relkind"
            + " FROM pg_catalog.pg_constraint co JOIN pg_catalog.pg_class c ON c.oid = co.conrelid"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE " + USER + " AND co.conparentid = 0 AND co.conislocal AND (c.relkind = 'p'"
            + " OR c.relkind = 'r' AND " + PostgresCatalogReader.NATIVE_CONSTRAINT + ")"
            + " ORDER BY co.contype = 'f', co.oid";
    /** Indexes of partitioned tables that no constraint owns and that are not a parent index's partition. */
    private static final String PARTITIONED_INDEXES = "SELECT ic.oid, n.nspname, ic.relname, c.oid,"
            + " pg_catalog.pg_get_indexdef(i.indexrelid), i.indisvalid"
            + " FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid"
            + " JOIN pg_catalog.pg_class c ON c.oid = i.indrelid JOIN pg_catalog.pg_namespace n"
            + " ON n.oid = c.relnamespace WHERE c.relkind = 'p' AND NOT ic.relispartition AND " + USER
            + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint co WHERE co.conindid = i.indexrelid"
            + " AND co.conrelid = i.indrelid AND co.contype IN ('p', 'u', 'x')) ORDER BY ic.oid";
    /** Each index attached to a partitioned table's index, with both names as ALTER INDEX takes them. */
    private static final String INDEX_PARTITIONS = "SELECT i.inhparent, i.inhrelid,"
            + " pg_catalog.pg_get_indexdef(i.inhrelid), pg_catalog.quote_ident(pn.nspname) || '.'"
            + " || pg_catalog.quote_ident(p.relname), pg_catalog.quote_ident(n.nspname) || '.'"
            + " || pg_catalog.quote_ident(c.relname) FROM pg_catalog.pg_inherits i"
            + " JOIN pg_catalog.pg_class p ON p.oid = i.inhparent"
            + " JOIN pg_catalog.pg_namespace pn ON pn.oid = p.relnamespace"
            + " JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE p.relkind = 'I' ORDER BY i.inhrelid";
    /**
     * Triggers a partition has from its parent's whose firing state is its own, the partitions nearer the top
     * first: a state set on a parent reaches its partitions.
     */
    private static final String PARTITION_TRIGGER_STATES = "WITH RECURSIVE chain (oid, root, depth) AS ("
            + "SELECT t.oid, t.oid, 0 FROM pg_catalog.pg_trigger t WHERE t.tgparentid = 0 AND NOT t.tgisinternal"
            + " UNION ALL SELECT t.oid, chain.root, chain.depth + 1 FROM pg_catalog.pg_trigger t"
            + " JOIN chain ON t.tgparentid = chain.oid)"
            + " SELECT chain.root, n.nspname, c.relname || '.' || t.tgname, " + qualified("c.relname")
            + ", pg_catalog.quote_ident(t.tgname), t.tgenabled FROM chain"
            + " JOIN pg_catalog.pg_trigger t ON t.oid = chain.oid"
            + " JOIN pg_catalog.pg_trigger p ON p.oid = t.tgparentid"
            + " JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE chain.depth > 0 AND (t.tgenabled <> p.tgenabled OR t.tgenabled <> 'O') AND " + USER
            + " ORDER BY chain.depth, t.oid";
    private static final String TRIGGERS = "SELECT t.oid, n.nspname, c.relname || '.' || t.tgname, "
            + qualified("c.relname") + ", pg_catalog.quote_ident(t.tgname), pg_catalog.pg_get_triggerdef(t.oid),"
            + " t.tgenabled FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND " + USER + " ORDER BY t.oid";
    private static final String RULES = "SELECT r.oid, n.nspname, c.relname || '.' || r.rulename, "
            + qualified("c.relname") + ", pg_catalog.quote_ident(r.rulename), pg_catalog.pg_get_ruledef(r.oid),"
            + " r.ev_enabled FROM pg_catalog.pg_rewrite r JOIN pg_catalog.pg_class c ON c.oid = r.ev_class"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE r.rulename <> '_RETURN' AND " + USER + " ORDER BY r.oid";
    private static final String POLICIES = "SELECT p.oid, n.nspname, c.relname || '.' || p.polname, "
            + qualified("c.relname") + ", pg_catalog.quote_ident(p.polname), p.polcmd, p.polpermissive,"
            + " 0 = ANY (p.polroles), ARRAY(SELECT r.rolname FROM pg_catalog.pg_roles r"
            + " WHERE r.oid = ANY (p.polroles) ORDER BY r.rolname)::text[],"
            + " pg_catalog.pg_get_expr(p.polqual, p.polrelid), pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid)"
            + " FROM pg_catalog.pg_policy p JOIN pg_catalog.pg_class c ON c.oid = p.polrelid"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE " + USER + " ORDER BY p.oid";
    private static final String ROW_SECURITY = "SELECT c.oid, n.nspname, c.relname, " + qualified("c.relname")
            + ", c.relrowsecurity, c.relforcerowsecurity"
            + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('r', 'p') AND (c.relrowsecurity OR c.relforcerowsecurity) AND " + USER
            + " ORDER BY c.oid";
    /**
     * Comments the snapshot's own records do not hold (those of plain tables, their columns and composite types
     * do), each with its object as COMMENT ON names it; the schema {@code public} is the server's own, but its
     * comment is the database's where it is not the one every new database has.
     */
    private static final String COMMENTS = "SELECT d.classoid, d.objoid, o.type, o.schema, "
            + identity("d.classoid", "d.objoid", "o.identity") + ","
            + " d.description FROM pg_catalog.pg_description d,"
            + " LATERAL pg_catalog.pg_identify_object(d.classoid, d.objoid, d.objsubid) o"
            + " WHERE (d.objoid >= 16384 OR d.classoid = 'pg_catalog.pg_namespace'::regclass"
            + " AND d.objoid = (SELECT p.oid FROM pg_catalog.pg_namespace p WHERE p.nspname = 'public')"
            + " AND d.description <> 'standard public schema') AND o.schema IS DISTINCT FROM 'pg_catalog'"
            + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE d.classoid = 'pg_catalog.pg_class'::regclass"
            + " AND c.oid = d.objoid AND c.relkind = 'r')"
            + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type t JOIN pg_catalog.pg_class c ON c.oid = t.typrelid"
            + " WHERE d.classoid = 'pg_catalog.pg_type'::regclass AND t.oid = d.objoid AND c.relkind = 'c')"
            + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = d.classoid"
            + " AND e.objid = d.objoid AND e.deptype = 'e') ORDER BY d.classoid, d.objoid, d.objsubid";
    /**
     * Owners of what a restore creates anew: relations, routines, types, schemas and collations. Not of a sequence a
     * column owns, which follows its table's owner; a partitioned table and each partition have their own.
     */
    private static final String OWNERS = "SELECT o.classid, o.objid, i.type, "
            + identity("o.classid", "o.objid", "i.identity") + ", r.rolname FROM ("
            + "SELECT 'pg_catalog.pg_class'::regclass::oid, c.oid, c.relowner FROM pg_catalog.pg_class c"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S')"
            + " AND " + USER + own("c.oid", "pg_catalog.pg_class") + " AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1"
            + " FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid"
            + " AND d.deptype IN ('a', 'i') AND d.refclassid = 'pg_catalog.pg_class'::regclass))"
            + " UNION ALL SELECT 'pg_catalog.pg_proc'::regclass::oid, p.oid, p.proowner FROM pg_catalog.pg_proc p"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE " + USER
            + own("p.oid", "pg_catalog.pg_proc")
            + " UNION ALL SELECT 'pg_catalog.pg_type'::regclass::oid, t.oid, t.typowner FROM pg_catalog.pg_type t"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype IN ('e', 'd', 'r', 'c')"
            + " AND (t.typrelid = 0 OR EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.oid = t.typrelid"
            + " AND c.relkind = 'c')) AND " + USER + own("t.oid", "pg_catalog.pg_type")
            + " UNION ALL SELECT 'pg_catalog.pg_namespace'::regclass::oid, n.oid, n.nspowner"
            + " FROM pg_catalog.pg_namespace n WHERE " + USER + " AND n.nspname <> 'public'"
            + own("n.oid", "pg_catalog.pg_namespace")
            + " UNION ALL SELECT 'pg_catalog.pg_collation'::regclass::oid, c.oid, c.collowner"
            + " FROM pg_catalog.pg_collation c JOIN pg_catalog.pg_namespace n ON n.oid = c.collnamespace WHERE "
            + USER + own("c.oid", "pg_catalog.pg_collation")
            + ") o (classid, objid, owner) JOIN pg_catalog.pg_roles r ON r.oid = o.owner,"
            + " LATERAL pg_catalog.pg_identify_object(o.classid, o.objid, 0) i ORDER BY o.classid, o.objid";
    /** Each privilege granted on an object or column, from its ACL. */
    private static final String GRANTS = "SELECT g.classid, g.objid, i.type, "
            + grantIdentity("g.classid", "g.objid", "i.identity") + ", g.col,"
            + " CASE WHEN a.grantee = 0 THEN NULL ELSE (SELECT r.rolname FROM pg_catalog.pg_roles r"
            + " WHERE r.oid = a.grantee) END, a.privilege_type, a.is_grantable FROM ("
            + "SELECT 'pg_catalog.pg_class'::regclass::oid, c.oid, NULL::text, c.relacl FROM pg_catalog.pg_class c"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relacl IS NOT NULL"
            + " AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND " + USER + own("c.oid", "pg_catalog.pg_class")
            + " UNION ALL SELECT 'pg_catalog.pg_class'::regclass::oid, c.oid, pg_catalog.quote_ident(at.attname),"
            + " at.attacl FROM pg_catalog.pg_attribute at JOIN pg_catalog.pg_class c ON c.oid = at.attrelid"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE at.attacl IS NOT NULL"
            + " AND at.attnum > 0 AND NOT at.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm') AND " + USER
            + own("c.oid", "pg_catalog.pg_class")
            + " UNION ALL SELECT 'pg_catalog.pg_proc'::regclass::oid, p.oid, NULL, p.proacl FROM pg_catalog.pg_proc p"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE p.proacl IS NOT NULL AND " + USER
            + own("p.oid", "pg_catalog.pg_proc")
            + " UNION ALL SELECT 'pg_catalog.pg_type'::regclass::oid, t.oid, NULL, t.typacl FROM pg_catalog.pg_type t"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE t.typacl IS NOT NULL AND " + USER
            + own("t.oid", "pg_catalog.pg_type")
            + " UNION ALL SELECT 'pg_catalog.pg_namespace'::regclass::oid, n.oid, NULL, n.nspacl"
            + " FROM pg_catalog.pg_namespace n WHERE n.nspacl IS NOT NULL AND n.nspname <> 'public' AND " + USER
            + own("n.oid", "pg_catalog.pg_namespace")
            + ") g (classid, objid, col, acl), LATERAL pg_catalog.aclexplode(g.acl) a,"
            + " LATERAL pg_catalog.pg_identify_object(g.classid, g.objid, 0) i"
            + " ORDER BY g.classid, g.objid, g.col NULLS FIRST, 6 NULLS FIRST, a.privilege_type";

    /**
     * The schema public as the source has it and as it was created (the server's default for its version, or where
     * the database began as a copy, its template's): its owner, and the owner it was created with where the server
     * recorded that.
     */
    private static final String PUBLIC_SCHEMA = "WITH s AS (SELECT n.nspowner AS owner,"
            + " COALESCE(n.nspacl, pg_catalog.acldefault('n', n.nspowner)) AS acl, ip.initprivs AS init,"
            + " COALESCE((SELECT a.grantor FROM pg_catalog.aclexplode(ip.initprivs) a LIMIT 1), n.nspowner)"
            + " AS first_owner FROM pg_catalog.pg_namespace n LEFT JOIN pg_catalog.pg_init_privs ip"
            + " ON ip.objoid = n.oid AND ip.classoid = 'pg_catalog.pg_namespace'::regclass AND ip.objsubid = 0"
            + " WHERE n.nspname = 'public')";
    /** The owner, where it is not the one the schema was created with. */
    private static final String PUBLIC_SCHEMA_OWNER = PUBLIC_SCHEMA + " SELECT r.rolname FROM s"
            + " JOIN pg_catalog.pg_roles r ON r.oid = s.owner WHERE s.owner <> s.first_owner";
    /**
     * Each privilege granted or revoked since the schema was created, with its grantee (null for PUBLIC), whether
     * it was granted, and with the grant option; the first owner's privileges count as the owner's, as a change of
     * owner passes them on.
     */
    private static final String PUBLIC_SCHEMA_CHANGES = PUBLIC_SCHEMA + ","
            + " now (grantee, privilege, grantable) AS (SELECT a.grantee, a.privilege_type, a.is_grantable"
            + " FROM s, LATERAL pg_catalog.aclexplode(s.acl) a),"
            + " was (grantee, privilege, grantable) AS (SELECT CASE WHEN a.grantee = s.first_owner THEN s.owner"
            + " ELSE a.grantee END, a.privilege_type, a.is_grantable"
            + " FROM s, LATERAL pg_catalog.aclexplode(COALESCE(s.init, pg_catalog.acldefault('n', s.owner))) a),"
            + " changes (grantee, privilege, grantable, granted) AS ("
            + "SELECT grantee, privilege, grantable, true FROM (SELECT * FROM now EXCEPT SELECT * FROM was) g"
            + " UNION ALL SELECT grantee, privilege, grantable, false FROM (SELECT * FROM was EXCEPT SELECT * FROM now) r)"
            + " SELECT CASE WHEN c.grantee = 0 THEN NULL ELSE r.rolname END, c.privilege, c.grantable, c.granted"
            + " FROM changes c LEFT JOIN pg_catalog.pg_roles r ON r.oid = c.grantee"
            + " ORDER BY 1 NULLS FIRST, c.granted, c.privilege";

    private PostgresDefinitionReader() {
    }

    /**
     * @param carried the definitions so far, with the keys of the plain tables the snapshot carries
     * @return every definition, in the order the snapshot keeps them
     */
    static List<NativeDefinition> read(Connection c, PostgresDefinitions carried, List<NotCarried> notCarried)
            throws SQLException {
        extensions(c, carried);
        collations(c, carried);
        ranges(c, carried, notCarried);
        routines(c, carried);
        aggregates(c, carried);
        domains(c, carried);
        tableOptions(c, carried);
        clustered(c, carried);
        sequences(c, carried);
        partitioned(c, carried);
        inheritance(c, carried);
        constraints(c, carried);
        views(c, carried);
        triggers(c, carried);
        partitionTriggerStates(c, carried);
        rules(c, carried);
        policies(c, carried);
        comments(c, carried);
        owners(c, carried);
        grants(c, carried);
        publicSchemaPrivileges(c, carried);
        return carried.definitions();
    }

    /**
     * Each extension in its own schema, which need not be the first of the restoring session's search path (types
     * and functions are named in it), after those it requires; with its comment, which may be the database's own.
     */
    private static void extensions(Connection c, PostgresDefinitions carried) throws SQLException {
        for (Object[] row : Sql.query(c, EXTENSIONS, r -> new Object[] {r.getString(1), r.getString(2),
            r.getString(3), r.getString(4), textArray(r.getArray(5))})) {
            @SuppressWarnings("unchecked")
            List<String> requires = ((List<String>) row[4]).stream().map(e -> EXTENSION + " " + e).toList();
            carried.addAfter(EXTENSION, null, (String) row[0], NativeDefinition.BEFORE_TYPES,
                    List.of("CREATE EXTENSION IF NOT EXISTS " + row[1] + " WITH SCHEMA " + row[2],
                            "COMMENT ON EXTENSION " + row[1] + " IS "
                                    + (row[3] == null ? "NULL" : Sql.literal((String) row[3], false))),
                    requires, List.of());
        }
    }

    private static void collations(Connection c, PostgresDefinitions carried) throws SQLException {
        for (Object[] row : Sql.query(c, COLLATIONS, r -> new Object[] {r.getLong(1), r.getString(2), r.getString(3),
            r.getString(4), r.getString(5), r.getBoolean(6), r.getString(7), r.getString(8), r.getString(9)})) {
            String provider = (String) row[4];
            String options = "i".equals(provider)
                    ? "provider = icu, locale = " + Sql.literal((String) row[8], false)
                    : "provider = libc, lc_collate = " + Sql.literal((String) row[6], false) + ", lc_ctype = "
                            + Sql.literal((String) row[7], false);
            if (!(Boolean) row[5]) {
                options += ", deterministic = false";
            }
            carried.add(carried.collationKey((Long) row[0]), "collation", (String) row[1], (String) row[2],
                    NativeDefinition.BEFORE_TYPES, List.of("CREATE COLLATION " + row[3] + " (" + options + ")"));
        }
    }

    /** A range type with a canonical function needs a shell type first, which this version leaves out. */
    private static void ranges(Connection c, PostgresDefinitions carried, List<NotCarried> notCarried)
            throws SQLException {
        for (Object[] row : Sql.query(c, RANGES, r -> new Object[] {r.getLong(1), r.getString(2), r.getString(3),
            r.getString(4), r.getString(5), r.getString(6), r.getString(7), r.getBoolean(8), r.getBoolean(9),
            r.getString(10), r.getString(11), r.getLong(12)})) {
            String key = carried.typeKey((Long) row[0]);
            if ((Boolean) row[8]) {
                notCarried.add(new NotCarried("range type", (String) row[1], (String) row[2]));
                carried.refused(key, "range type");
                carried.refused(carried.typeKey((Long) row[11]), "range type");
                continue;
            }
            StringBuilder sql = new StringBuilder("CREATE TYPE ").append(row[3]).append(" AS RANGE (subtype = ")
                    .append(row[4]);
            if (!(Boolean) row[7]) {
                sql.append(", subtype_opclass = ").append(row[6]);
            }
            if (row[5] != null) {
                sql.append(", collation = ").append(row[5]);
            }
            if (row[9] != null) {
                sql.append(", subtype_diff = ").append(row[9]);
            }
            sql.append(", multirange_type_name = ").append(row[10]).append(')');
            carried.add(key, "range type", (String) row[1], (String) row[2], NativeDefinition.BEFORE_TABLES,
                    List.of(sql.toString()));
            carried.alias(carried.typeKey((Long) row[11]), key);
        }
    }

    /** The domains the catalog reader leaves to the server's own text ({@link PostgresCatalogReader#NATIVE_DOMAIN}). */
    private static void domains(Connection c, PostgresDefinitions carried) throws SQLException {
        for (Object[] row : Sql.query(c, DOMAINS, r -> new Object[] {r.getLong(1), r.getString(2), r.getString(3),
            r.getString(4), r.getString(5), r.getString(6), r.getBoolean(7), textArray(r.getArray(8))})) {
            @SuppressWarnings("unchecked") List<String> checks = (List<String>) row[7];
            carried.add(carried.typeKey((Long) row[0]), "domain", (String) row[1], (String) row[2],
                    NativeDefinition.BEFORE_TABLES, List.of("CREATE DOMAIN " + row[3] + " AS " + row[4]
                            + (row[5] == null ? "" : " DEFAULT " + row[5]) + ((Boolean) row[6] ? " NOT NULL" : "")
                            + (checks.isEmpty() ? "" : " " + String.join(" ", checks))));
        }
        // A check not yet validated holds for new values only, and the rows load as new values: added with the
        // domain, it would refuse the source's rows that break it. So it comes after the rows, as pg_dump adds it.
        for (Object[] row : Sql.query(c, UNVALIDATED_DOMAIN_CHECKS, r -> new Object[] {r.getLong(1), r.getLong(2),
            r.getString(3), r.getString(4), r.getString(5), r.getString(6), r.getString(7)})) {
            carried.addCompleting(carried.constraintKey((Long) row[0]), carried.typeKey((Long) row[1]),
                    "domain constraint", (String) row[2], (String) row[3], NativeDefinition.AFTER_DATA,
                    List.of("ALTER DOMAIN " + row[4] + " ADD CONSTRAINT " + row[5] + " " + row[6]));
        }
    }

    /** Functions and procedures. */
    private static void routines(Connection c, PostgresDefinitions carried) throws SQLException {
        for (Object[] row : Sql.query(c, ROUTINES, r -> new Object[] {r.getLong(1), r.getString(2), r.getString(3),
            r.getString(4), r.getString(5)})) {
            carried.add(carried.procKey((Long) row[0]), "p".equals(row[3]) ? "procedure" : "function",
                    (String) row[1], (String) row[2], NativeDefinition.BEFORE_TABLES,
                    List.of(((String) row[4]).strip()));
        }
    }

    /**
     * Aggregates, as pg_dump's CREATE AGGREGATE writes them; each comes after the functions and types it uses, and
     * is left out with any of them the snapshot leaves out.
     */
    private static void aggregates(Connection c, PostgresDefinitions carried) throws SQLException {
        for (Object[] row : Sql.query(c, AGGREGATES, r -> {
            String[] details = new String[21];
            for (int i = 0; i < details.length; i++) {
                details[i] = r.getString(5 + i);
            }
            return new Object[] {r.getLong(1), r.getString(2), r.getString(3), r.getString(4), details};
        })) {
            carried.add(carried.procKey((Long) row[0]), "aggregate", (String) row[1], (String) row[2],
                    NativeDefinition.BEFORE_TABLES, List.of("CREATE AGGREGATE " + row[3] + " ("
                            + aggregateOptions((String[]) row[4]) + ")"));
        }
    }

    /**
     * The options of {@link #AGGREGATES}' columns from {@code aggkind} on, in pg_dump's order; a final function's
     * modify option only where it is not the kind's default (READ_ONLY for a plain aggregate, READ_WRITE for an
     * ordered-set one).
     */
    private static String aggregateOptions(String[] a) {
        String kind = a[0];
        String defaultModify = "n".equals(kind) ? "r" : "w";
        List<String> options = new ArrayList<>();
        options.add("SFUNC = " + a[1]);
        options.add("STYPE = " + a[2]);
        if (!"0".equals(a[3])) {
            options.add("SSPACE = " + a[3]);
        }
        if (a[4] != null) {
            options.add("INITCOND = " + Sql.literal(a[4], false));
        }
        if (a[5] != null) {
            options.add("FINALFUNC = " + a[5]);
            finalOptions("", a[6], a[7], defaultModify, options);
        }
        if (a[8] != null) {
            options.add("COMBINEFUNC = " + a[8]);
        }
        if (a[9] != null) {
            options.add("SERIALFUNC = " + a[9]);
        }
        if (a[10] != null) {
            options.add("DESERIALFUNC = " + a[10]);
        }
        if (a[11] != null) {
            options.add("MSFUNC = " + a[11]);
            options.add("MINVFUNC = " + a[12]);
            options.add("MSTYPE = " + a[13]);
        }
        if (!"0".equals(a[14])) {
            options.add("MSSPACE = " + a[14]);
        }
        if (a[15] != null) {
            options.add("MINITCOND = " + Sql.literal(a[15], false));
        }
        if (a[16] != null) {
            options.add("MFINALFUNC = " + a[16]);
            finalOptions("M", a[17], a[18], defaultModify, options);
        }
        if (a[19] != null) {
            options.add("SORTOP = " + a[19]);
        }
        if ("h".equals(kind)) {
            options.add("HYPOTHETICAL");
        }
        switch (a[20]) {
            case "s" -> options.add("PARALLEL = safe");
            case "r" -> options.add("PARALLEL = restricted");
            default -> { }
        }
        return String.join(", ", options);
    }

    private static void finalOptions(String prefix, String extra, String modify, String defaultModify,
            List<String> options) {
        if ("true".equals(extra)) {
            options.add(prefix + "FINALFUNC_EXTRA");
        }
        if (!defaultModify.equals(modify)) {
            options.add(prefix + "FINALFUNC_MODIFY = " + switch (modify) {
                case "r" -> "READ_ONLY";
                case "s" -> "SHAREABLE";
                default -> "READ_WRITE";
            });
        }
    }

    /**
     * Table settings the table's own record leaves at their defaults, set once the tables exist and before their
     * rows load, and a typed table's link to its type (ALTER TABLE ... OF checks the columns match it).
     */
    private static void tableOptions(Connection c, PostgresDefinitions carried) throws SQLException {
        for (Object[] row : Sql.query(c, TABLE_OPTIONS, r -> new Object[] {r.getLong(1), r.getString(2),
            r.getString(3), r.getString(4), r.getBoolean(5), r.getString(6), r.getString(7),
            textArray(r.getArray(8))})) {
            List<String> sql = new ArrayList<>();
            if ((Boolean) row[4]) {
                sql.add("ALTER TABLE " + row[3] + " SET UNLOGGED");
            }
            List<String> parameters = new ArrayList<>();
            if (row[5] != null) {
                parameters.add((String) row[5]);
            }
            if (row[6] != null) {
                parameters.add((String) row[6]);
            }
            if (!parameters.isEmpty()) {
                sql.add("ALTER TABLE ONLY " + row[3] + " SET (" + String.join(", ", parameters) + ")");
            }
            @SuppressWarnings("unchecked") List<String> columns = (List<String>) row[7];
            columns.forEach(column -> sql.add("ALTER TABLE ONLY " + row[3] + " " + column));
            if (!sql.isEmpty()) {
                carried.addAfter("table options", (String) row[1], (String) row[2], NativeDefinition.BEFORE_DATA,
                        sql, List.of(), List.of());
            }
        }
    }

    /**
     * The index a table or materialized view is marked clustered on, which the next plain CLUSTER of it uses: set
     * once its indexes exist, and left out with it.
     */
    private static void clustered(Connection c, PostgresDefinitions carried) throws SQLException {
        for (Object[] row : Sql.query(c, CLUSTERED, r -> new Object[] {r.getLong(1), r.getString(2),
            r.getString(3), r.getString(4), r.getString(5), r.getString(6)})) {
            String kind = "m".equals(row[4]) ? "MATERIALIZED VIEW " : "TABLE ";
            carried.addFollowing(carried.classKey((Long) row[0]), "cluster index", (String) row[1],
                    (String) row[2], List.of("ALTER " + kind + row[3] + " CLUSTER ON " + row[5]), List.of());
        }
    }

    /**
     * Tables created OF a composite type the snapshot carries; ALTER TABLE ... OF links the table created with the
     * type's columns back to it. One of a type the snapshot leaves out is named.
     */
    static void typedTables(Connection c, PostgresDefinitions carried, Set<String> composites,
            List<NotCarried> notCarried) throws SQLException {
        for (Object[] row : Sql.query(c, TYPED_TABLES, r -> new Object[] {r.getLong(1), r.getString(2),
            r.getString(3), r.getString(4), r.getString(5), r.getString(6)})) {
            if (!composites.contains((String) row[4])) {
                notCarried.add(new NotCarried("typed table", (String) row[1], (String) row[2]));
                continue;
            }
            carried.addAfter("typed table", (String) row[1], (String) row[2], NativeDefinition.BEFORE_DATA,
                    List.of("ALTER TABLE " + row[3] + " OF " + row[5]), List.of(), List.of());
        }
    }

    /**
     * The options the table's own record leaves at their defaults (type, bounds, cache, cycle, an identity's
     * ALWAYS), set before the rows load; a serial column, which the record carries as an identity column, becomes
     * a serial column again, with its own sequence.
     */
    private static void sequences(Connection c, PostgresDefinitions carried) throws SQLException {
        for (Object[] row : Sql.query(c, SEQUENCES, r -> new Object[] {r.getLong(1), r.getString(2), r.getString(3),
            r.getString(4), r.getString(5), r.getLong(6), r.getLong(7), r.getLong(8), r.getLong(9), r.getLong(10),
            r.getBoolean(11), r.getString(12), r.getString(13), r.getString(14), r.getString(15), r.getString(16),
            r.getString(17), r.getString(18), r.getString(19), r.getBoolean(20)})) {
            String options = " INCREMENT BY " + row[6] + " MINVALUE " + row[7] + " MAXVALUE " + row[8] + " CACHE "
                    + row[9] + ((Boolean) row[10] ? " CYCLE" : " NO CYCLE");
            String table = (String) row[13];
            String column = (String) row[14];
            String identity = (String) row[15];
            List<String> sql;
            if (!"r".equals(row[12])) {
                if ("i".equals(row[11])) {
                    continue;
                }
                sql = List.of("ALTER SEQUENCE " + row[3] + " AS " + row[4] + options);
            } else if ("i".equals(row[11]) && identity != null && !identity.isEmpty()) {
                sql = List.of("ALTER TABLE " + table + " ALTER COLUMN " + column + " SET GENERATED "
                        + ("a".equals(identity) ? "ALWAYS" : "BY DEFAULT") + " SET INCREMENT BY " + row[6]
                        + " SET MINVALUE " + row[7] + " SET MAXVALUE " + row[8] + " SET CACHE " + row[9]
                        + ((Boolean) row[10] ? " SET CYCLE" : " SET NO CYCLE"));
            } else if ("a".equals(row[11]) && (Boolean) row[19] && (identity == null || identity.isEmpty())) {
                sql = List.of("ALTER TABLE " + table + " ALTER COLUMN " + column + " DROP IDENTITY",
                        "CREATE SEQUENCE " + row[3] + " AS " + row[4] + " START WITH " + row[5] + options,
                        "ALTER SEQUENCE " + row[3] + " OWNED BY " + table + "." + column,
                        "ALTER TABLE " + table + " ALTER COLUMN " + column + " SET DEFAULT " + row[16]);
            } else {
                sql = List.of("ALTER SEQUENCE " + row[3] + " AS " + row[4] + options);
            }
            // An unlogged table's sequences turn unlogged with it (its table options come first); each is put
            // back as the source had it.
            if ("u".equals(row[17]) || "u".equals(row[18])) {
                sql = new ArrayList<>(sql);
                sql.add("ALTER SEQUENCE " + row[3] + ("u".equals(row[17]) ? " SET UNLOGGED" : " SET LOGGED"));
            }
            // Keyed by no catalog entry: the sequence itself exists before the tables, whatever uses it.
            carried.addAfter("sequence", (String) row[1], (String) row[2], NativeDefinition.BEFORE_DATA, sql,
                    List.of(), List.of());
        }
    }

    /**
     * A table that inherits is created and loaded as a table of its own, with every column and check it has, and
     * linked to its parents once every table has its rows, keys and checks (the parents' rows are their own: COPY
     * and the reads with ONLY leave the children's out). Before the constraints that come as the server prints
     * them: a parent's unvalidated check, added after the link, reaches its children as the source's did.
     * PostgreSQL then counts the child's columns and checks as its own as well as inherited, which only a
     * superuser could change.
     */
    private static void inheritance(Connection c, PostgresDefinitions carried) throws SQLException {
        Map<Long, List<Object[]>> byChild = new LinkedHashMap<>();
        for (Object[] row : Sql.query(c, INHERITANCE, r -> new Object[] {r.getLong(1), r.getString(2),
            r.getString(3), r.getString(4), r.getLong(5), r.getString(6)})) {
            byChild.computeIfAbsent((Long) row[0], k -> new ArrayList<>()).add(row);
        }
        for (List<Object[]> links : byChild.values()) {
            Object[] child = links.get(0);
            List<String> sql = new ArrayList<>();
            List<String> parents = new ArrayList<>();
            for (Object[] link : links) {
                sql.add("ALTER TABLE ONLY " + child[3] + " INHERIT " + link[5]);
                parents.add(carried.classKey((Long) link[4]));
            }
            carried.addLink(carried.classKey((Long) child[0]), parents, "inheritance", (String) child[1],
                    (String) child[2], NativeDefinition.AFTER_DATA, sql);
        }
    }

    /**
     * Partitioned tables are created empty before the tables; their partitions load as plain tables and are
     * attached once every table has its rows, then the parents' own keys and indexes are built, which reach
     * every partition.
     */
    private static void partitioned(Connection c, PostgresDefinitions carried) throws SQLException {
        for (Object[] row : Sql.query(c, PARTITIONED, r -> new Object[] {r.getLong(1), r.getString(2),
            r.getString(3), r.getString(4), r.getString(5), r.getString(6)})) {
            carried.add(carried.classKey((Long) row[0]), "partitioned table", (String) row[1], (String) row[2],
                    NativeDefinition.BEFORE_TABLES, List.of("CREATE TABLE " + row[3] + " ("
                            + (row[5] == null ? "" : row[5]) + ") PARTITION BY " + row[4]));
        }
        for (Object[] row : Sql.query(c, PARTITIONS, r -> new Object[] {r.getLong(1), r.getString(2),
            r.getString(3), r.getString(4), r.getLong(5), r.getString(6), r.getString(7)})) {
            String parent = carried.idOf(carried.classKey((Long) row[4]));
            if (parent == null) {
                continue;
            }
            carried.addAfter("partition", (String) row[1], (String) row[2], NativeDefinition.AFTER_DATA,
                    List.of("ALTER TABLE " + row[5] + " ATTACH PARTITION " + row[3] + " " + row[6]),
                    List.of(parent), List.of());
        }
        Map<Long, List<String[]>> attached = new LinkedHashMap<>();
        for (Object[] row : Sql.query(c, INDEX_PARTITIONS, r -> new Object[] {r.getLong(1), new String[] {
            String.valueOf(r.getLong(2)), r.getString(3), r.getString(4), r.getString(5)}})) {
            attached.computeIfAbsent((Long) row[0], k -> new ArrayList<>()).add((String[]) row[1]);
        }
        for (Object[] row : Sql.query(c, PARTITIONED_INDEXES, r -> new Object[] {r.getLong(1), r.getString(2),
            r.getString(3), r.getLong(4), r.getString(5), r.getBoolean(6)})) {
            List<String> sql = new ArrayList<>();
            if ((Boolean) row[5]) {
                // The server prints ON ONLY, which pg_dump follows with an attach per partition; without it the
                // index is built on every partition at once.
                sql.add(((String) row[4]).replaceFirst(" ON ONLY ", " ON "));
            } else {
                // Not valid: some partitions have no index attached. It is built on the parent alone, and the
                // partitions' indexes that were attached are created and attached again.
                sql.add((String) row[4]);
                attachIndexes((Long) row[0], attached, sql);
            }
            // Keyed by its catalog entry, so it follows its table and is left out with an operator class it uses.
            carried.add(carried.classKey((Long) row[0]), "index", (String) row[1], (String) row[2],
                    NativeDefinition.AFTER_DATA, sql);
        }
    }

    private static void attachIndexes(long parent, Map<Long, List<String[]>> attached, List<String> sql) {
        for (String[] child : attached.getOrDefault(parent, List.of())) {
            sql.add(child[1]);
            sql.add("ALTER INDEX " + child[2] + " ATTACH PARTITION " + child[3]);
            attachIndexes(Long.parseLong(child[0]), attached, sql);
        }
    }

    private static void constraints(Connection c, PostgresDefinitions carried) throws SQLException {
        for (Object[] row : Sql.query(c, CONSTRAINTS, r -> new Object[] {r.getLong(1), r.getString(2),
            r.getString(3), r.getString(4), r.getString(5), r.getString(6), r.getString(7)})) {
            String phase = "f".equals(row[6]) ? NativeDefinition.AFTER_KEYS : NativeDefinition.AFTER_DATA;
            carried.add(carried.constraintKey((Long) row[0]), "constraint", (String) row[1], (String) row[2], phase,
                    List.of("ALTER TABLE " + row[3] + " ADD CONSTRAINT " + row[4] + " " + row[5]));
        }
    }

    /** Views, and materialized views created empty, indexed, then filled where the source's were. */
    private static void views(Connection c, PostgresDefinitions carried) throws SQLException {
        for (Object[] row : Sql.query(c, VIEWS, r -> new Object[] {r.getLong(1), r.getString(2), r.getString(3),
            r.getString(4), r.getString(5), r.getString(6), r.getString(7), r.getBoolean(8),
            textArray(r.getArray(9)), textArray(r.getArray(10))})) {
            String query = stripSemicolon((String) row[5]);
            String options = row[6] == null || ((String) row[6]).isEmpty() ? "" : " WITH (" + row[6] + ")";
            List<String> sql = new ArrayList<>();
            if ("v".equals(row[4])) {
                sql.add("CREATE VIEW " + row[3] + options + " AS " + query);
                carried.add(carried.classKey((Long) row[0]), "view", (String) row[1], (String) row[2],
                        NativeDefinition.AFTER_KEYS, sql);
                continue;
            }
            sql.add("CREATE MATERIALIZED VIEW " + row[3] + options + " AS " + query + " WITH NO DATA");
            @SuppressWarnings("unchecked") List<String> columns = (List<String>) row[9];
            columns.forEach(column -> sql.add("ALTER MATERIALIZED VIEW " + row[3] + " " + column));
            @SuppressWarnings("unchecked") List<String> indexes = (List<String>) row[8];
            sql.addAll(indexes);
            if ((Boolean) row[7]) {
                sql.add("REFRESH MATERIALIZED VIEW " + row[3]);
            }
            carried.add(carried.classKey((Long) row[0]), "materialized view", (String) row[1], (String) row[2],
                    NativeDefinition.AFTER_KEYS, sql);
        }
    }

    private static void triggers(Connection c, PostgresDefinitions carried) throws SQLException {
        for (Object[] row : Sql.query(c, TRIGGERS, r -> new Object[] {r.getLong(1), r.getString(2), r.getString(3),
            r.getString(4), r.getString(5), r.getString(6), r.getString(7)})) {
            List<String> sql = new ArrayList<>(List.of((String) row[5]));
            firing((String) row[6], "TRIGGER", (String) row[3], (String) row[4]).ifPresent(sql::add);
            carried.add(carried.triggerKey((Long) row[0]), "trigger", (String) row[1], (String) row[2],
                    NativeDefinition.AFTER_KEYS, sql);
        }
    }

    /** The firing state of a partition's trigger cloned from its parent's, where it is the partition's own. */
    private static void partitionTriggerStates(Connection c, PostgresDefinitions carried) throws SQLException {
        for (Object[] row : Sql.query(c, PARTITION_TRIGGER_STATES, r -> new Object[] {r.getLong(1), r.getString(2),
            r.getString(3), r.getString(4), r.getString(5), r.getString(6)})) {
            String root = carried.idOf(carried.triggerKey((Long) row[0]));
            if (root == null) {
                continue;
            }
            String sql = firing((String) row[5], "TRIGGER", (String) row[3], (String) row[4])
                    .orElse("ALTER TABLE " + row[3] + " ENABLE TRIGGER " + row[4]);
            carried.addAfter("trigger state", (String) row[1], (String) row[2], NativeDefinition.AFTER_KEYS,
                    List.of(sql), List.of(root), List.of());
        }
    }

    private static void rules(Connection c, PostgresDefinitions carried) throws SQLException {
        for (Object[] row : Sql.query(c, RULES, r -> new Object[] {r.getLong(1), r.getString(2), r.getString(3),
            r.getString(4), r.getString(5), r.getString(6), r.getString(7)})) {
            List<String> sql = new ArrayList<>(List.of(stripSemicolon((String) row[5])));
            firing((String) row[6], "RULE", (String) row[3], (String) row[4]).ifPresent(sql::add);
            carried.add(carried.ruleKey((Long) row[0]), "rule", (String) row[1], (String) row[2],
                    NativeDefinition.AFTER_KEYS, sql);
        }
    }

    /**
     * The statement that puts a trigger or rule back in the firing state pg_trigger.tgenabled or
     * pg_rewrite.ev_enabled gives it (both use the same codes), or none where it fires as created ("O").
     */
    private static Optional<String> firing(String code, String kind, String table, String name) {
        String state = switch (code) {
            case "D" -> "DISABLE ";
            case "R" -> "ENABLE REPLICA ";
            case "A" -> "ENABLE ALWAYS ";
            default -> null;
        };
        return Optional.ofNullable(state).map(s -> "ALTER TABLE " + table + " " + s + kind + " " + name);
    }

    /** Policies, which need the roles they name, and each table's row-level security switches. */
    private static void policies(Connection c, PostgresDefinitions carried) throws SQLException {
        for (Object[] row : Sql.query(c, POLICIES, r -> new Object[] {r.getLong(1), r.getString(2), r.getString(3),
            r.getString(4), r.getString(5), r.getString(6), r.getBoolean(7), r.getBoolean(8),
            textArray(r.getArray(9)), r.getString(10), r.getString(11)})) {
            @SuppressWarnings("unchecked") List<String> roles = (List<String>) row[8];
            List<String> to = new ArrayList<>();
            if ((Boolean) row[7]) {
                to.add("PUBLIC");
            }
            roles.forEach(role -> to.add(Sql.doubleQuote(role)));
            String command = switch ((String) row[5]) {
                case "r" -> "SELECT";
                case "a" -> "INSERT";
                case "w" -> "UPDATE";
                case "d" -> "DELETE";
                default -> "ALL";
            };
            String sql = "CREATE POLICY " + row[4] + " ON " + row[3] + " AS "
                    + ((Boolean) row[6] ? "PERMISSIVE" : "RESTRICTIVE") + " FOR " + command + " TO "
                    + String.join(", ", to) + (row[9] == null ? "" : " USING (" + row[9] + ")")
                    + (row[10] == null ? "" : " WITH CHECK (" + row[10] + ")");
            carried.add(carried.policyKey((Long) row[0]), "policy", (String) row[1], (String) row[2],
                    NativeDefinition.AFTER_KEYS, List.of(sql), roles);
        }
        for (Object[] row : Sql.query(c, ROW_SECURITY, r -> new Object[] {r.getLong(1), r.getString(2),
            r.getString(3), r.getString(4), r.getBoolean(5), r.getBoolean(6)})) {
            List<String> sql = new ArrayList<>();
            if ((Boolean) row[4]) {
                sql.add("ALTER TABLE " + row[3] + " ENABLE ROW LEVEL SECURITY");
            }
            if ((Boolean) row[5]) {
                sql.add("ALTER TABLE " + row[3] + " FORCE ROW LEVEL SECURITY");
            }
            carried.addFollowing(carried.classKey((Long) row[0]), "row level security", (String) row[1],
                    (String) row[2], sql, List.of());
        }
    }

    private static void comments(Connection c, PostgresDefinitions carried) throws SQLException {
        for (Object[] row : Sql.query(c, COMMENTS, r -> new Object[] {r.getLong(1), r.getLong(2), r.getString(3),
            r.getString(4), r.getString(5), r.getString(6)})) {
            String target = commentTarget((String) row[2], (String) row[4]);
            if (target == null) {
                continue;
            }
            carried.addFollowing(row[0] + ":" + row[1], "comment", (String) row[3], row[2] + " " + row[4],
                    List.of("COMMENT ON " + target + " IS " + Sql.literal((String) row[5], false)), List.of());
        }
    }

    /**
     * What COMMENT ON names, from pg_identify_object's type and identity; null for a kind whose object the
     * snapshot does not carry (large objects, which it refuses; subscriptions, which belong to the server's
     * replication set-up rather than the application's schema).
     */
    static String commentTarget(String type, String identity) {
        return switch (type) {
            case "table", "view", "materialized view", "sequence", "index", "foreign table", "function",
                    "procedure", "aggregate", "type", "domain", "schema", "collation" ->
                type.toUpperCase(java.util.Locale.ROOT) + " " + identity;
            case "table column", "view column", "materialized view column", "composite type column",
                    "foreign table column" -> "COLUMN " + identity;
            case "table constraint", "trigger", "rule", "policy" ->
                (type.equals("table constraint") ? "CONSTRAINT" : type.toUpperCase(java.util.Locale.ROOT)) + " "
                        + onTable(identity, "");
            case "domain constraint" -> "CONSTRAINT " + onTable(identity, "DOMAIN ");
            default -> null;
        };
    }

    /** {@code name on schema.table} as {@code name ON schema.table}. */
    private static String onTable(String identity, String what) {
        int on = identity.lastIndexOf(" on ");
        return identity.substring(0, on) + " ON " + what + identity.substring(on + " on ".length());
    }

    /**
     * Owners, set where the restoring login may take the owner's part (a superuser, or a member of the role);
     * elsewhere what it restores stays its own, as {@code pg_restore --no-owner} leaves it.
     */
    private static void owners(Connection c, PostgresDefinitions carried) throws SQLException {
        for (Object[] row : Sql.query(c, OWNERS, r -> new Object[] {r.getLong(1), r.getLong(2), r.getString(3),
            r.getString(4), r.getString(5)})) {
            String alter = "ALTER " + ("composite type".equals(row[2]) ? "TYPE"
                    : ((String) row[2]).toUpperCase(java.util.Locale.ROOT)) + " " + row[3] + " OWNER TO "
                    + Sql.doubleQuote((String) row[4]);
            carried.addFollowing(row[0] + ":" + row[1], "owner", null, row[2] + " " + row[3],
                    List.of(ownerWhereMember((String) row[4], alter)), List.of((String) row[4]));
        }
    }

    /** {@code alter} (an ALTER ... OWNER TO), run only where the restoring login may act as the owner. */
    private static String ownerWhereMember(String owner, String alter) {
        return "DO $owner$BEGIN IF pg_catalog.pg_has_role(" + Sql.literal(owner, false) + ", 'MEMBER') THEN EXECUTE "
                + Sql.literal(alter, false) + "; END IF; END$owner$";
    }

    /**
     * Privileges as the source's ACLs hold them: the defaults PUBLIC has are revoked where the ACL was set, then
     * each grantee's privileges granted, with the grant option where it had it.
     */
    private static void grants(Connection c, PostgresDefinitions carried) throws SQLException {
        Map<String, List<String>> byGrant = new LinkedHashMap<>();
        Map<String, String[]> grantOf = new LinkedHashMap<>();
        Map<String, String[]> objects = new LinkedHashMap<>();
        try (var s = c.createStatement(); ResultSet r = s.executeQuery(GRANTS)) {
            while (r.next()) {
                String key = r.getLong(1) + ":" + r.getLong(2);
                String type = grantType(r.getString(3));
                String object = type + " " + r.getString(4);
                objects.putIfAbsent(key, new String[] {object, r.getString(3) + " " + r.getString(4)});
                String grantee = r.getString(6);
                String column = r.getString(5);
                String grant = key + "\u0000" + column + "\u0000" + grantee + "\u0000" + r.getBoolean(8);
                byGrant.computeIfAbsent(grant, k -> new ArrayList<>()).add(r.getString(7)
                        + (column == null ? "" : " (" + column + ")"));
                grantOf.putIfAbsent(grant, new String[] {key, object, grantee, String.valueOf(r.getBoolean(8)),
                    column});
            }
        }
        for (Map.Entry<String, String[]> object : objects.entrySet()) {
            carried.addFollowing(object.getKey(), "privileges", null, object.getValue()[1],
                    List.of("REVOKE ALL ON " + object.getValue()[0] + " FROM PUBLIC"), List.of());
        }
        for (Map.Entry<String, List<String>> grant : byGrant.entrySet()) {
            String[] what = grantOf.get(grant.getKey());
            String grantee = what[2] == null ? "PUBLIC" : Sql.doubleQuote(what[2]);
            // A column's grant is named with its column: a table's column grants to one role are one each.
            carried.addFollowing(what[0], "grant", null, objects.get(what[0])[1]
                    + (what[4] == null ? "" : " column " + what[4]) + " to " + grantee,
                    List.of("GRANT " + String.join(", ", grant.getValue()) + " ON " + what[1] + " TO " + grantee
                            + (Boolean.parseBoolean(what[3]) ? " WITH GRANT OPTION" : "")),
                    what[2] == null ? List.of() : List.of(what[2]));
        }
    }

    /**
     * The schema public exists in every new database, with the owner and privileges of the target server's version,
     * so only what the source changed moves, as pg_dump does: its owner, and the privileges granted or revoked since
     * (every role may create in it, as in a database begun before PostgreSQL 15; or no role but its owner may use
     * it). Revoked first, then granted, each grantee's changes on their own, left out where the target lacks the
     * role.
     */
    private static void publicSchemaPrivileges(Connection c, PostgresDefinitions carried) throws SQLException {
        // Its owner first: a change of owner passes the privileges on, as it did in the source.
        for (String owner : Sql.strings(c, PUBLIC_SCHEMA_OWNER)) {
            carried.addAfter("owner", null, "schema public", NativeDefinition.AFTER_KEYS, List.of(ownerWhereMember(
                    owner, "ALTER SCHEMA public OWNER TO " + Sql.doubleQuote(owner))), List.of(), List.of(owner));
        }
        // By role name, null for PUBLIC: what is revoked, granted, and granted with the grant option.
        Map<String, List<List<String>>> changes = new LinkedHashMap<>();
        for (Object[] row : Sql.query(c, PUBLIC_SCHEMA_CHANGES, r -> new Object[] {r.getString(1), r.getString(2),
            r.getBoolean(3), r.getBoolean(4)})) {
            List<List<String>> of = changes.computeIfAbsent((String) row[0],
                    k -> List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
            of.get(!(Boolean) row[3] ? 0 : (Boolean) row[2] ? 2 : 1).add((String) row[1]);
        }
        for (Map.Entry<String, List<List<String>>> each : changes.entrySet()) {
            String role = each.getKey();
            String grantee = role == null ? "PUBLIC" : Sql.doubleQuote(role);
            List<String> sql = new ArrayList<>();
            String[][] forms = {{"REVOKE ", " ON SCHEMA public FROM " + grantee},
                {"GRANT ", " ON SCHEMA public TO " + grantee},
                {"GRANT ", " ON SCHEMA public TO " + grantee + " WITH GRANT OPTION"}};
            for (int i = 0; i < forms.length; i++) {
                if (!each.getValue().get(i).isEmpty()) {
                    sql.add(forms[i][0] + String.join(", ", each.getValue().get(i)) + forms[i][1]);
                }
            }
            carried.addAfter("privileges", null, "schema public for " + grantee, NativeDefinition.AFTER_KEYS, sql,
                    List.of(), role == null ? List.of() : List.of(role));
        }
    }

    /** The object type GRANT names; views and materialized views are granted on as tables. */
    private static String grantType(String type) {
        return switch (type) {
            case "sequence" -> "SEQUENCE";
            case "function", "aggregate" -> "FUNCTION";
            case "procedure" -> "PROCEDURE";
            case "schema" -> "SCHEMA";
            case "type", "composite type" -> "TYPE";
            case "domain" -> "DOMAIN";
            default -> "TABLE";
        };
    }

    private static List<String> textArray(java.sql.Array array) throws SQLException {
        return array == null ? List.of() : java.util.Arrays.asList((String[]) array.getArray());
    }

    private static String stripSemicolon(String query) {
        String text = query.strip();
        return text.endsWith(";") ? text.substring(0, text.length() - 1).strip() : text;
    }
}
