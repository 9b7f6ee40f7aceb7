package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format;

import java.util.List;
import java.util.Set;

/**
 * How one table's data is encoded in a version 2 snapshot.
 *
 * @param code {@link #ROWS} or {@link #PG_COPY}
 * @param pgTypes for {@link #PG_COPY}, per column the PostgreSQL binary form of its values (see docs/format.md);
 *     empty for {@link #ROWS}
 */
public record TableEncoding(int code, List<String> pgTypes) {
    /** The row encoding of version 1, which every engine reads and writes. */
    public static final int ROWS = 0;
    /** PostgreSQL's binary COPY format, as {@code COPY ... TO STDOUT (FORMAT binary)} writes it. */
    public static final int PG_COPY = 1;

    /** The binary forms a {@link #PG_COPY} table may have; an array is {@code _} and one of these. */
    public static final Set<String> PG_TYPES = Set.of("bool", "int2", "int4", "int8", "float4", "float8",
            "numeric", "text", "json", "jsonb", "bytea", "date", "time", "timestamp", "timestamptz", "interval",
            "uuid");

    public TableEncoding {
        pgTypes = pgTypes == null ? List.of() : List.copyOf(pgTypes);
        if (code != ROWS && code != PG_COPY) {
            throw new IllegalArgumentException("Unknown table encoding " + code);
        }
        if (code == ROWS && !pgTypes.isEmpty()) {
            throw new IllegalArgumentException("Only the PostgreSQL COPY encoding names column types");
        }
        for (String type : pgTypes) {
            if (!known(type)) {
                throw new IllegalArgumentException("Not a binary form the format knows: " + type);
            }
        }
    }

    public static TableEncoding rows() {
        return new TableEncoding(ROWS, List.of());
    }

    public static TableEncoding pgCopy(List<String> pgTypes) {
        return new TableEncoding(PG_COPY, pgTypes);
    }

    public boolean isPgCopy() {
        return code == PG_COPY;
    }

    public static boolean known(String pgType) {
        return PG_TYPES.contains(pgType.startsWith("_") ? pgType.substring(1) : pgType);
    }
}
