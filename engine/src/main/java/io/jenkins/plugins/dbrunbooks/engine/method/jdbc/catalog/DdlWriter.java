package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog;

import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ColumnDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.NativeDefinition;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SchemaSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.TableDef;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Writes the statements that rebuild a snapshot's schema in one target engine, in the order a fast restore
 * needs: bare tables first, rows, then keys, checks and indexes, then foreign keys, then sequences and views.
 * Statements come without a trailing semicolon.
 */
public interface DdlWriter {

    /** Why the snapshot cannot be restored into this engine (types it cannot carry), before any data moves. */
    Optional<String> incompatibility(SchemaSnapshot snapshot);

    /** Schemas, enum types, domains and extensions. */
    List<String> beforeTables(SchemaSnapshot snapshot);

    /**
     * Statements every connection of a restore runs before anything else, loading and building alike; none by
     * default.
     */
    default List<String> session(SchemaSnapshot snapshot) {
        return List.of();
    }

    /**
     * Statements the restore runs last, on its main connection once every other connection has committed, so that
     * everything it committed is on disk when it reports success; none by default.
     */
    default List<String> durable() {
        return List.of();
    }

    /** The table with its columns, types, NOT NULL and defaults, and no key, check or index. */
    String createTable(SchemaSnapshot snapshot, TableDef table);

    /** Primary key, unique constraints, checks and indexes of one table, built once its rows are in. */
    List<String> afterData(SchemaSnapshot snapshot, TableDef table);

    /** Foreign keys of one table, added once every table has its rows and keys. */
    List<String> foreignKeys(SchemaSnapshot snapshot, TableDef table);

    /** Sequences at their snapshot values, identity columns continuing after their highest value, and views. */
    List<String> afterAll(SchemaSnapshot snapshot);

    /**
     * The source server's own definitions ({@link NativeDefinition}) replayed in {@code phase}, each after what it
     * depends on; none when the snapshot comes from another engine, whose definitions {@link #notes} names.
     * The restore runs {@link NativeDefinition#BEFORE_TABLES} after {@link #beforeTables},
     * {@link NativeDefinition#BEFORE_DATA} once the tables exist, {@link NativeDefinition#AFTER_DATA} once every
     * table has its rows, keys and indexes, and {@link NativeDefinition#AFTER_KEYS} after {@link #afterAll};
     * {@link #beforeTables} includes {@link NativeDefinition#BEFORE_TYPES} right after schemas and extensions.
     *
     * @param absentRoles roles the target lacks: definitions that need one are left out (the caller says so)
     */
    List<String> definitions(SchemaSnapshot snapshot, String phase, Set<String> absentRoles);

    /**
     * What a restore into this engine leaves out of the snapshot (defaults, checks, indexes and views that do not
     * carry across engines), so the restore can say so; empty for a restore into the same engine.
     */
    default List<String> notes(SchemaSnapshot snapshot) {
        return List.of();
    }

    /**
     * Whether this engine computes the column's values itself (a generated column created as one), so a restore
     * leaves the snapshot's values of it out of the load.
     */
    default boolean computes(SchemaSnapshot snapshot, ColumnDef column) {
        return false;
    }

    /** The table's name as this engine's SQL writes it, schema-qualified and quoted. */
    String tableName(TableDef table);

    /** A column name as this engine's SQL writes it, quoted. */
    String columnName(String column);
}
