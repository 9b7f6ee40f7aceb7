package io.jenkins.plugins.dbrunbooks.engine.method;

import io.jenkins.plugins.dbrunbooks.engine.undo.Undo;
import java.util.List;

/**
 * Database-level work on the server of a target: what restores into a new database, scratch copies and
 * swap restores need. Names reaching these methods were validated by {@code Names.requireDatabaseName}.
 */
public interface DatabaseAdmin {

    /** The configured database's own name on its server. */
    String currentDatabaseName();

    /** The JDBC URL of database {@code name} on the same server, with the same options. */
    String jdbcUrlFor(String name);

    boolean exists(String name);

    /**
     * Whether the server is still creating database {@code name} for a session: a run killed while its
     * {@code CREATE DATABASE} ran leaves the statement to finish on the server, and the database appears after.
     */
    default boolean beingCreated(String name) {
        return false;
    }

    /** Creates an empty database, owned like {@code likeDatabase} where the server has owners. */
    void create(String name, String likeDatabase);

    /**
     * Gives database {@code name}, once loaded, what {@code likeDatabase} has beside its contents and owner where
     * the server keeps such things on the database itself (PostgreSQL's privileges on the database, connection
     * limit, comment and settings for it), so that a restored database put in its place, or beside it, is used as
     * it was. Nothing where {@code likeDatabase} does not exist, and by default.
     */
    default void adopt(String name, String likeDatabase) {
    }

    /**
     * Sessions other than this product's admin connection on database {@code name}, which replacing it ends;
     * empty where the server cannot tell.
     */
    default List<Session> sessions(String name) {
        return List.of();
    }

    /**
     * Marks that a backup of the configured database runs, until the returned undo is reverted, where the server
     * cannot otherwise show which sessions are this product's own, so that {@link #sessions} can tell. Nothing by
     * default.
     */
    default Undo markBackup() {
        return () -> { };
    }

    /** Drops a database; connections to it are ended first. Dropping a missing database does nothing. */
    void drop(String name);

    /**
     * Drops every object a {@code jdbc} snapshot brings back (tables, views, sequences, schemas, types), keeping
     * the database itself, its owner, privileges and users, and what no snapshot carries (routines, events), so a
     * snapshot loads into it as into a new one. Only for engines without swap restore, which replace a database
     * in place.
     */
    default void empty(String name) {
        throw new UnsupportedOperationException("This database cannot be emptied in place");
    }

    /**
     * Puts {@code replacement} in the place of {@code target}: the old target is renamed to {@code retired}
     * (and dropped by the caller once the swap is done). Only for methods with swap restore.
     */
    default void swap(String target, String replacement, String retired) {
        throw new UnsupportedOperationException("This database cannot swap databases");
    }
}
