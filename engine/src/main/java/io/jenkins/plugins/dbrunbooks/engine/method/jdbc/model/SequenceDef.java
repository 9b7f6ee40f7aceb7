package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model;

import java.io.Serializable;

/**
 * A sequence and its value at the snapshot; {@code called} is false when nextval would return {@code value}.
 *
 * @param ownedByTable the table of the column that owns the sequence (dropped with it), or null
 * @param ownedOnly whether the owning column takes its values from elsewhere: a PostgreSQL serial column's sequence
 *     left behind when the column became an identity column, or one its default does not call. Such a sequence is
 *     created on its own, under its name, and owned by the column again; otherwise a sequence owned by an identity
 *     (or serial) column is that column's own and comes back with it. Absent (false) in snapshots from before it
 *     was recorded.
 */
public record SequenceDef(String schema, String name, long start, long increment, long value, boolean called,
        String ownedByTable, String ownedByColumn, boolean ownedOnly) implements Serializable {

    /** A sequence that is free or generates its owning column's values. */
    public SequenceDef(String schema, String name, long start, long increment, long value, boolean called,
            String ownedByTable, String ownedByColumn) {
        this(schema, name, start, increment, value, called, ownedByTable, ownedByColumn, false);
    }
}
