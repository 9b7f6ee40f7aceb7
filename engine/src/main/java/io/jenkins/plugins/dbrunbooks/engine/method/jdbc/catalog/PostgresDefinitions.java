package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog;

import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.NativeDefinition;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.NotCarried;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The objects of a PostgreSQL database a same-engine restore needs as the server itself prints them: routines,
 * range types, collations, partitioned tables, views, materialized views, triggers, rules, policies and row-level
 * security, exclusion and deferrable constraints, table settings (UNLOGGED, storage parameters, column storage),
 * typed tables, comments, owners and grants. Each is a {@link NativeDefinition}
 * keyed by its catalog entry ({@code classid:objid}), so pg_depend orders them: a view after the function it calls,
 * a function taking a table's row type after the tables. One that depends on an object the snapshot leaves out is
 * left out too, and named.
 */
final class PostgresDefinitions {
    static final String ENGINE = PostgresCatalogReader.ENGINE;
    /** Catalog keys of the catalogs definitions come from, as pg_depend names them. */
    private static final String CLASS_IDS = "SELECT 'pg_catalog.pg_class'::regclass::oid,"
            + " 'pg_catalog.pg_proc'::regclass::oid, 'pg_catalog.pg_type'::regclass::oid,"
            + " 'pg_catalog.pg_collation'::regclass::oid, 'pg_catalog.pg_constraint'::regclass::oid,"
            + " 'pg_catalog.pg_trigger'::regclass::oid, 'pg_catalog.pg_rewrite'::regclass::oid,"
            + " 'pg_catalog.pg_policy'::regclass::oid";
    /**
     * Every normal or automatic dependency between user objects: a view's (through its _RETURN rule) as the
     * view's own, a domain constraint's as its domain's, and one on an array type or a table's row type as one on the element type or the table.
     */
    private static final String DEPENDENCIES = "SELECT CASE WHEN r.oid IS NOT NULL THEN 'pg_catalog.pg_class'::regclass::oid"
            + " WHEN dc.oid IS NOT NULL THEN 'pg_catalog.pg_type'::regclass::oid ELSE d.classid END,"
            + " COALESCE(r.ev_class, dc.contypid, d.objid),"
            + " CASE WHEN rt.typrelid <> 0 AND rc.relkind <> 'c' THEN 'pg_catalog.pg_class'::regclass::oid"
            + " ELSE d.refclassid END,"
            + " CASE WHEN rt.typrelid <> 0 AND rc.relkind <> 'c' THEN rt.typrelid ELSE COALESCE(et.oid, d.refobjid)"
            + " END FROM pg_catalog.pg_depend d"
            + " LEFT JOIN pg_catalog.pg_rewrite r ON d.classid = 'pg_catalog.pg_rewrite'::regclass"
            + " AND r.oid = d.objid AND r.rulename = '_RETURN'"
            + " LEFT JOIN pg_catalog.pg_constraint dc ON d.classid = 'pg_catalog.pg_constraint'::regclass"
            + " AND dc.oid = d.objid AND dc.contypid <> 0"
            + " LEFT JOIN pg_catalog.pg_type at ON d.refclassid = 'pg_catalog.pg_type'::regclass"
            + " AND at.oid = d.refobjid AND at.typcategory = 'A' AND at.typelem <> 0"
            + " LEFT JOIN pg_catalog.pg_type et ON et.oid = at.typelem"
            + " LEFT JOIN pg_catalog.pg_type rt ON d.refclassid = 'pg_catalog.pg_type'::regclass"
            + " AND rt.oid = COALESCE(et.oid, d.refobjid)"
            + " LEFT JOIN pg_catalog.pg_class rc ON rc.oid = rt.typrelid"
            + " WHERE d.deptype IN ('n', 'a') AND d.objid >= 16384 AND d.refobjid >= 16384";

    private final Connection connection;
    private final List<NotCarried> notCarried;
    private final Map<String, Entry> byKey = new LinkedHashMap<>();
    private final List<Entry> entries = new ArrayList<>();
    /** Catalog keys of objects the snapshot leaves out: what depends on them is left out too. */
    private final Map<String, String> refused = new HashMap<>();
    /** Catalog keys of the tables the snapshot carries as tables. */
    private final Set<String> tables = new LinkedHashSet<>();
    private long pgClass;
    private long pgProc;
    private long pgType;
    private long pgCollation;
    private long pgConstraint;
    private long pgTrigger;
    private long pgRewrite;
    private long pgPolicy;

    /** One definition while it is read, before its dependencies are known. */
    private static final class Entry {
        final String key;
        final String kind;
        final String schema;
        final String name;
        String phase;
        final List<String> sql;
        final Set<String> extraDependencies = new LinkedHashSet<>();
        /** For an owner, grant or comment: the catalog key of the object it is about. */
        String subjectKey;
        /** Other objects it is about, left out with any of them (an inheriting table's parents). */
        List<String> linkedKeys = List.of();

        Entry(String key, String kind, String schema, String name, String phase, List<String> sql) {
            this.key = key;
            this.kind = kind;
            this.schema = schema;
            this.name = name;
            this.phase = phase;
            this.sql = new ArrayList<>(sql);
        }

        String id() {
            return kind + " " + (schema == null ? name : schema + "." + name);
        }
    }

    PostgresDefinitions(Connection connection, List<NotCarried> notCarried) throws SQLException {
        this.connection = connection;
        this.notCarried = notCarried;
        Sql.query(connection, CLASS_IDS, row -> {
            pgClass = row.getLong(1);
            pgProc = row.getLong(2);
            pgType = row.getLong(3);
            pgCollation = row.getLong(4);
            pgConstraint = row.getLong(5);
            pgTrigger = row.getLong(6);
            pgRewrite = row.getLong(7);
            pgPolicy = row.getLong(8);
            return null;
        });
    }

    String classKey(long oid) {
        return pgClass + ":" + oid;
    }

    String procKey(long oid) {
        return pgProc + ":" + oid;
    }

    String typeKey(long oid) {
        return pgType + ":" + oid;
    }

    String collationKey(long oid) {
        return pgCollation + ":" + oid;
    }

    String constraintKey(long oid) {
        return pgConstraint + ":" + oid;
    }

    String triggerKey(long oid) {
        return pgTrigger + ":" + oid;
    }

    String ruleKey(long oid) {
        return pgRewrite + ":" + oid;
    }

    String policyKey(long oid) {
        return pgPolicy + ":" + oid;
    }

    /** A table the snapshot carries with its rows: a function taking its row type waits until it exists. */
    void table(long oid) {
        tables.add(classKey(oid));
    }

    /** An object the snapshot leaves out, already named in {@code notCarried}. */
    void refused(String key, String description) {
        refused.put(key, description);
    }

    void add(String key, String kind, String schema, String name, String phase, List<String> sql) {
        add(key, kind, schema, name, phase, sql, List.of());
    }

    /** Adds the definition of the object {@code key}, needing {@code roles} on the target. */
    void add(String key, String kind, String schema, String name, String phase, List<String> sql,
            List<String> roles) {
        Entry entry = new Entry(key, kind, schema, name, phase, sql);
        roles.forEach(r -> entry.extraDependencies.add(NativeDefinition.role(r)));
        if (key != null) {
            byKey.putIfAbsent(key, entry);
        }
        entries.add(entry);
    }

    /** Another catalog key for the definition of {@code key} (a range type's multirange type). */
    void alias(String alias, String key) {
        Entry entry = byKey.get(key);
        if (entry != null) {
            byKey.put(alias, entry);
        }
    }

    /**
     * Adds what follows an object (its owner, a grant, a comment), left out with it when the object is, after
     * its definition where it has one.
     */
    void addFollowing(String subjectKey, String kind, String schema, String name, List<String> sql,
            List<String> roles) {
        Entry entry = new Entry(null, kind, schema, name, NativeDefinition.AFTER_KEYS, sql);
        entry.subjectKey = subjectKey;
        roles.forEach(r -> entry.extraDependencies.add(NativeDefinition.role(r)));
        entries.add(entry);
    }

    /**
     * Adds the definition of the object {@code key} that completes the object {@code subjectKey} in a later phase (a
     * domain's check not yet validated, after the rows): after that object's definition, and left out with it.
     */
    void addCompleting(String key, String subjectKey, String kind, String schema, String name, String phase,
            List<String> sql) {
        Entry entry = new Entry(key, kind, schema, name, phase, sql);
        entry.subjectKey = subjectKey;
        byKey.putIfAbsent(key, entry);
        entries.add(entry);
    }

    /**
     * Adds what links the object {@code subjectKey} to others ({@code linkedKeys}) in {@code phase}: left out with
     * any of them, after their definitions where they have one.
     */
    void addLink(String subjectKey, List<String> linkedKeys, String kind, String schema, String name, String phase,
            List<String> sql) {
        Entry entry = new Entry(null, kind, schema, name, phase, sql);
        entry.subjectKey = subjectKey;
        entry.linkedKeys = List.copyOf(linkedKeys);
        entries.add(entry);
    }

    /** Adds a definition with its own name, after the given ids and needing the given roles. */
    void addAfter(String kind, String schema, String name, String phase, List<String> sql, List<String> after,
            List<String> roles) {
        Entry entry = new Entry(null, kind, schema, name, phase, sql);
        entry.extraDependencies.addAll(after);
        roles.forEach(r -> entry.extraDependencies.add(NativeDefinition.role(r)));
        entries.add(entry);
    }

    String idOf(String key) {
        Entry entry = byKey.get(key);
        return entry == null ? null : entry.id();
    }

    /**
     * The definitions with what they depend on; those that depend on a refused object are left out and named, a
     * routine that needs a table waits until the tables exist.
     */
    List<NativeDefinition> definitions() throws SQLException {
        Map<String, Set<String>> dependsOn = new HashMap<>();
        for (String[] edge : Sql.query(connection, DEPENDENCIES, row -> new String[] {
            row.getLong(1) + ":" + row.getLong(2), row.getLong(3) + ":" + row.getLong(4)})) {
            if (!edge[0].equals(edge[1])) {
                dependsOn.computeIfAbsent(edge[0], k -> new LinkedHashSet<>()).add(edge[1]);
            }
        }
        Set<String> dropped = new LinkedHashSet<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Entry entry : entries) {
                if (entry.key == null || dropped.contains(entry.key)) {
                    continue;
                }
                for (String target : dependsOn.getOrDefault(entry.key, Set.of())) {
                    if (refused.containsKey(target) || dropped.contains(target)) {
                        dropped.add(entry.key);
                        refused.put(entry.key, entry.id());
                        notCarried.add(new NotCarried(refusedKind(entry.kind), entry.schema, entry.name));
                        changed = true;
                        break;
                    }
                }
            }
        }
        Set<String> droppedIds = new LinkedHashSet<>();
        entries.stream().filter(e -> e.key != null && dropped.contains(e.key)).forEach(e -> droppedIds.add(e.id()));
        List<NativeDefinition> definitions = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.key != null && dropped.contains(entry.key)
                    || entry.subjectKey != null && refused.containsKey(entry.subjectKey)
                    || entry.linkedKeys.stream().anyMatch(refused::containsKey)
                    || entry.extraDependencies.stream().anyMatch(droppedIds::contains)) {
                continue;
            }
            if (entry.subjectKey != null && byKey.containsKey(entry.subjectKey)) {
                entry.extraDependencies.add(byKey.get(entry.subjectKey).id());
            }
            entry.linkedKeys.stream().filter(byKey::containsKey)
                    .forEach(k -> entry.extraDependencies.add(byKey.get(k).id()));
            Set<String> ids = new LinkedHashSet<>();
            String phase = entry.phase;
            for (String target : entry.key == null ? Set.<String>of() : dependsOn.getOrDefault(entry.key, Set.of())) {
                Entry other = byKey.get(target);
                if (other != null) {
                    ids.add(other.id());
                } else if (tables.contains(target) && NativeDefinition.BEFORE_TABLES.equals(phase)) {
                    phase = NativeDefinition.BEFORE_DATA;
                }
            }
            ids.addAll(entry.extraDependencies);
            ids.remove(entry.id());
            definitions.add(new NativeDefinition(ENGINE, entry.kind, entry.schema, entry.name, phase, entry.sql,
                    List.copyOf(ids)));
        }
        return definitions;
    }

    /** Refused routines are named as routines, whether functions or procedures, as they always were. */
    private static String refusedKind(String kind) {
        return "function".equals(kind) || "procedure".equals(kind) ? "routine" : kind;
    }
}
