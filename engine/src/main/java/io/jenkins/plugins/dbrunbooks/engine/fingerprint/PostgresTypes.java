package io.jenkins.plugins.dbrunbooks.engine.fingerprint;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * A database's types ({@code pg_type}), to tell which values binary {@code COPY} writes with nothing in them that
 * a restored copy would not share: PostgreSQL writes an array's element type oid into each array, and the oids of
 * types made in a database differ in a copy of it.
 */
public final class PostgresTypes {
    private static final String TYPES = "SELECT t.oid, t.typname, t.typnamespace = 'pg_catalog'::regnamespace,"
            + " t.typtype, t.typbasetype, t.typelem, t.typcategory FROM pg_catalog.pg_type t";
    /** Domains over domains are followed this deep at most. */
    private static final int DOMAIN_DEPTH = 32;

    private record Type(String name, boolean builtIn, String kind, long base, long element, String category) {
        boolean isArray() {
            return "A".equals(category) && element != 0;
        }

        boolean isBuiltInBase() {
            return builtIn && "b".equals(kind);
        }
    }

    /**
     * How values of a type are written in binary: as an enum's label, or as values of the built-in base type
     * {@code type}, one by one or in an array.
     */
    public record BinaryForm(String type, boolean isEnum, boolean isArray) {
    }

    private final Map<Long, Type> types;

    private PostgresTypes(Map<Long, Type> types) {
        this.types = types;
    }

    public static PostgresTypes read(Connection c) throws SQLException {
        Map<Long, Type> types = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(TYPES)) {
            while (rs.next()) {
                types.put(rs.getLong(1), new Type(rs.getString(2), rs.getBoolean(3), rs.getString(4), rs.getLong(5),
                        rs.getLong(6), rs.getString(7)));
            }
        }
        return new PostgresTypes(types);
    }

    /**
     * The binary form of the type's values, through its domains, where it holds no oid: an enum, a built-in base
     * type, or an array of a built-in base type. Null for any other type (composites, ranges, types of extensions,
     * arrays of those).
     */
    public BinaryForm binaryForm(long oid) {
        Type type = types.get(oid);
        for (int depth = 0; type != null && "d".equals(type.kind()) && depth < DOMAIN_DEPTH; depth++) {
            type = types.get(type.base());
        }
        if (type == null) {
            return null;
        }
        if ("e".equals(type.kind())) {
            return new BinaryForm(type.name(), true, false);
        }
        if (!type.isBuiltInBase()) {
            return null;
        }
        if (type.isArray()) {
            Type element = types.get(type.element());
            return element == null || !element.isBuiltInBase() || element.isArray() ? null
                    : new BinaryForm(element.name(), false, true);
        }
        return new BinaryForm(type.name(), false, false);
    }
}
