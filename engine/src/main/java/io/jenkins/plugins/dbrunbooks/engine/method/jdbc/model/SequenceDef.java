package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model;

import java.io.Serializable;

/** A sequence and its value at the snapshot; {@code called} is false when nextval would return {@code value}. */
public record SequenceDef(String schema, String name, long start, long increment, long value, boolean called,
        String ownedByTable, String ownedByColumn) implements Serializable {
}
