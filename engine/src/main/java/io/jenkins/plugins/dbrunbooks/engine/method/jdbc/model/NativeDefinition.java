package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model;

import java.io.Serializable;
import java.util.List;

/**
 * An object carried as the source server's own definition (a routine, trigger, rule, policy, materialized view,
 * grant...): replayed verbatim into the same engine, in its phase and after what it depends on; another engine
 * cannot translate it, so a restore there leaves it out and names it.
 *
 * @param engine the engine whose SQL {@code sql} is; only a restore into that engine replays it
 * @param kind what it is, in words ({@code function}, {@code trigger}, {@code grant}...), for messages
 * @param schema the schema it belongs to, or null where it has none
 * @param name its name within the schema, unique with the kind ({@code table.trigger}, {@code f(integer)})
 * @param phase when it is replayed: {@link #BEFORE_TYPES}, {@link #BEFORE_TABLES}, {@link #BEFORE_DATA},
 *     {@link #AFTER_DATA} or {@link #AFTER_KEYS}
 * @param sql the statements, in order, without trailing semicolons
 * @param dependsOn the {@link #id()}s of other definitions replayed before this one; ids no definition has are
 *     ignored (what they name is not a definition, e.g. a table), except {@link #role} ids: a definition that
 *     needs a role (an owner, a grant) the target lacks is skipped, and the restore says so
 */
public record NativeDefinition(String engine, String kind, String schema, String name, String phase,
        List<String> sql, List<String> dependsOn) implements Serializable {
    /** Right after schemas and extensions, before the snapshot's own types and sequences: collations. */
    public static final String BEFORE_TYPES = "before-types";
    /** Routines, types that need them: after the snapshot's types and sequences, before any table. */
    public static final String BEFORE_TABLES = "before-tables";
    /** Once every table exists, before any row is loaded. */
    public static final String BEFORE_DATA = "before-data";
    /** Once every table has its rows, keys, checks and indexes, before foreign keys. */
    public static final String AFTER_DATA = "after-data";
    /** Last, after foreign keys and sequence positions: views, triggers, rules, policies, grants, owners. */
    public static final String AFTER_KEYS = "after-keys";
    /** The phases in replay order. */
    public static final List<String> PHASES = List.of(BEFORE_TYPES, BEFORE_TABLES, BEFORE_DATA, AFTER_DATA,
            AFTER_KEYS);
    private static final String ROLE = "role ";
    /**
     * Kinds that only restate for the same engine what a restore into another gives anyway (an owner: the
     * restoring login owns what it creates; a sequence's cache and bounds; an extension, whose types, functions
     * and operators are named where a column, default or index uses them): another engine leaves them out
     * without naming them, where it names, and so refuses by default, every other definition.
     */
    public static final java.util.Set<String> SAME_ENGINE_DETAILS = java.util.Set.of("owner", "privileges",
            "sequence", "extension", NativeDefinition.TABLE_COLLATION);
    /**
     * A MariaDB table's default collation where it is not its database's: only the columns added later take it, and
     * the columns carry their own, so another engine needs nothing of it.
     */
    public static final String TABLE_COLLATION = "table collation";

    public NativeDefinition {
        if (!PHASES.contains(phase)) {
            throw new IllegalArgumentException("Unknown phase '" + phase + "' of " + kind + " " + name);
        }
        sql = List.copyOf(sql);
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    }

    /** The id in {@code dependsOn} of a role (PostgreSQL) or account (MariaDB) the definition needs. */
    public static String role(String name) {
        return ROLE + name;
    }

    /** The roles this definition needs on the target. */
    public List<String> roles() {
        return dependsOn.stream().filter(d -> d.startsWith(ROLE)).map(d -> d.substring(ROLE.length())).toList();
    }

    /** {@code kind schema.name}: how others name it in {@code dependsOn}, and how messages name it. */
    public String id() {
        return kind + " " + (schema == null || schema.isEmpty() ? name : schema + "." + name);
    }
}
