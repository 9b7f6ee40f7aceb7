package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model;

import java.io.Serializable;

/** An object the snapshot leaves out, named in the manifest and the output so nothing is dropped silently. */
public record NotCarried(String kind, String schema, String name) implements Serializable {
    /**
     * Values a column holds that the snapshot cannot load back (MariaDB's ENUM error value), named by the column:
     * no partial backup can leave out a value and still restore its row, so a backup refuses them whatever the
     * database accepts.
     */
    public static final String ENUM_ERROR_VALUE = "ENUM error value '' in column";

    /** Whether this is values in rows rather than an object, which no partial backup can leave out. */
    public boolean values() {
        return ENUM_ERROR_VALUE.equals(kind);
    }

    public String describe() {
        return kind + " " + (schema == null || schema.isEmpty() ? name : schema + "." + name);
    }
}
