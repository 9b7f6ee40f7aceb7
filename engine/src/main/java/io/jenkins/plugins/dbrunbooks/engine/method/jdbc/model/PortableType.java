package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model;

import java.io.Serializable;

/**
 * A column type as the snapshot format carries it: a kind every engine understands, with its size, plus the
 * source's own type name so a restore into the same engine can use it unchanged.
 *
 * @param length characters or bytes for CHAR/VARCHAR/BINARY; 0 when unbounded
 * @param precision digits for DECIMAL, fractional seconds for TIME/TIMESTAMP; 0 when unspecified
 * @param scale digits after the point for DECIMAL
 * @param element the element type of an ARRAY, else null
 * @param nativeType the source engine's own spelling, e.g. {@code character varying(20)} or {@code inventory.mood}
 */
public record PortableType(Kind kind, int length, int precision, int scale, PortableType element, String nativeType)
        implements Serializable {

    /** Kinds in the format; their names are part of the format and never change. */
    public enum Kind {
        BOOLEAN, SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, DOUBLE,
        CHAR, VARCHAR, TEXT, BINARY, VARBINARY, BLOB,
        DATE, TIME, TIMESTAMP, TIMESTAMP_TZ, INTERVAL,
        UUID, JSON, ARRAY, ENUM,
        /** A type only the source engine knows (geometry, ranges...): carried as text, restored into the same engine only. */
        OTHER
    }

    public static PortableType of(Kind kind, String nativeType) {
        return new PortableType(kind, 0, 0, 0, null, nativeType);
    }
}
