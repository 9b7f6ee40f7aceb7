package io.jenkins.plugins.dbrunbooks.engine.fingerprint;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@link MariaDbTextFingerprinter}'s fingerprints summed from the rows a backup's {@code SELECT} reads, in the same
 * snapshot, so the server reads every row once instead of twice. Each value the fingerprinter hashes is taken from
 * what the backup already reads where that is the same text: the column itself where both read it as it is, its
 * {@code CAST(col AS CHAR)}, or the text protocol's text of a number, which is that cast's text (zerofill and
 * fixed decimals included); a spatial value read as {@code HEX(col)} is decoded back into its bytes. Any other
 * value (a FLOAT, which the backup reads at full precision) is read once more as the fingerprinter reads it, as an
 * expression added to the backup's {@code SELECT}. Where the value the backup read carries that text (the bytes of
 * a string, an integer's digits), the hash takes it from the value instead of asking the driver for it again.
 *
 * <p>The text depends on the session, which the fingerprinter fixes and the backup does not change: this applies
 * only on MariaDB where every reading connection sends results in utf8mb4 and does not pad CHAR values, and a table
 * with a TIMESTAMP column only where the session is in UTC. Elsewhere {@link #table} says no, and the caller reads
 * the table's fingerprint with the fingerprinter's own {@code SELECT}.
 */
public final class MariaDbSelectRows {
    /**
     * The fingerprinter's columns: not generated, in order. The tables are a subquery, not a join: information_schema
     * joined on the columns' table names took 0.4 s on a thousand tables, the subquery 0.02 s.
     */
    private static final String COLUMNS = "SELECT c.TABLE_NAME, c.COLUMN_NAME, c.DATA_TYPE"
            + " FROM information_schema.COLUMNS c WHERE c.TABLE_SCHEMA = DATABASE() AND c.TABLE_NAME IN"
            + " (SELECT t.TABLE_NAME FROM information_schema.TABLES t"
            + " WHERE t.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE')"
            + " AND COALESCE(c.GENERATION_EXPRESSION, '') = ''"
            + " ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION";
    private static final String SESSION = "SELECT VERSION() LIKE '%MariaDB%', @@session.character_set_results,"
            + " @@session.sql_mode, @@session.time_zone, @@system_time_zone";
    /** Session time zones that are UTC at every instant. */
    private static final Set<String> UTC = Set.of("+00:00", "-00:00", "UTC", "Etc/UTC");
    /** Types whose text in the text protocol was checked to be their {@code CAST(col AS CHAR)}. */
    private static final Set<String> CAST_TEXT = Set.of("tinyint", "smallint", "mediumint", "int", "bigint",
            "decimal", "double", "year", "uuid", "inet4", "inet6");
    private static final Set<String> GEOMETRY = Set.of("geometry", "point", "linestring", "polygon", "multipoint",
            "multilinestring", "multipolygon", "geometrycollection");

    /** Where one hashed value comes from: the result, or the value the backup read. */
    private enum Source { BYTES, TEXT, HEX, VALUE_BYTES, VALUE_DIGITS }

    /** How the value a backup reads for a column carries the text the fingerprinter hashes. */
    public enum Carried {
        /**
         * The column's bytes as the result sends them: a {@code byte[]}, or a {@link SelectRowHash.TextValue}
         * (other values, such as a date with a zero part, are read again).
         */
        BYTES,
        /** A whole number whose decimal digits are the column's text (no zerofill). */
        DIGITS
    }

    private record Column(String name, String type) {
    }

    private final boolean usable;
    private final boolean utc;
    private final Map<String, List<Column>> columns;

    private MariaDbSelectRows(boolean usable, boolean utc, Map<String, List<Column>> columns) {
        this.usable = usable;
        this.utc = utc;
        this.columns = columns;
    }

    /** What the connections' sessions allow, and the fingerprinter's columns of every table. */
    public static MariaDbSelectRows plan(List<Connection> connections) throws SQLException {
        boolean usable = true;
        boolean utc = true;
        for (Connection c : connections) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SESSION)) {
                rs.next();
                usable &= rs.getBoolean(1) && "utf8mb4".equalsIgnoreCase(rs.getString(2))
                        && !rs.getString(3).toUpperCase(Locale.ROOT).contains("PAD_CHAR_TO_FULL_LENGTH");
                String zone = rs.getString(4);
                utc &= UTC.contains(zone) || "SYSTEM".equalsIgnoreCase(zone) && "UTC".equals(rs.getString(5));
            }
        }
        Map<String, List<Column>> columns = new HashMap<>();
        if (usable) {
            try (Statement s = connections.get(0).createStatement(); ResultSet rs = s.executeQuery(COLUMNS)) {
                while (rs.next()) {
                    columns.computeIfAbsent(rs.getString(1), t -> new ArrayList<>())
                            .add(new Column(rs.getString(2), rs.getString(3).toLowerCase(Locale.ROOT)));
                }
            }
        }
        return new MariaDbSelectRows(usable, utc, columns);
    }

    /**
     * How table {@code name}'s rows hash, given what the backup selects for each of its columns, in order (quoted
     * name to expression); null where its fingerprint must be read with the fingerprinter's {@code SELECT}.
     *
     * @param selected per column name, the expression the backup's {@code SELECT} reads it with
     * @param carried per column name, how the value the backup reads carries its text, where it does
     */
    public SelectRowHash table(String name, Map<String, String> selected, Map<String, Carried> carried) {
        List<Column> hashed = columns.get(name);
        if (!usable || hashed == null) {
            // A system-versioned table, or one of generated columns only: the fingerprinter's SELECT reads it.
            return null;
        }
        List<String> names = new ArrayList<>(selected.keySet());
        List<String> extra = new ArrayList<>();
        int[] index = new int[hashed.size()];
        Source[] from = new Source[hashed.size()];
        for (int k = 0; k < hashed.size(); k++) {
            Column column = hashed.get(k);
            if (column.type().equals("timestamp") && !utc) {
                return null;
            }
            String quoted = quote(column.name());
            boolean asStored = MariaDbTextFingerprinter.AS_STORED.contains(column.type());
            String cast = "CAST(" + quoted + " AS CHAR)";
            String wanted = asStored ? quoted : cast;
            String read = selected.get(column.name());
            int at = names.indexOf(column.name()) + 1;
            Carried value = carried.get(column.name());
            if (read != null && read.equals(wanted)) {
                from[k] = value == Carried.BYTES ? Source.VALUE_BYTES : Source.BYTES;
                index[k] = at;
            } else if (read != null && read.equals(quoted) && CAST_TEXT.contains(column.type())) {
                from[k] = value == Carried.DIGITS ? Source.VALUE_DIGITS : Source.TEXT;
                index[k] = at;
            } else if (read != null && asStored && GEOMETRY.contains(column.type())
                    && read.equals("HEX(" + quoted + ")")) {
                from[k] = Source.HEX;
                index[k] = at;
            } else {
                extra.add(wanted);
                from[k] = Source.BYTES;
                index[k] = selected.size() + extra.size();
            }
        }
        return new Table(List.copyOf(extra), index, from);
    }

    private record Table(List<String> extraColumns, int[] index, Source[] from) implements SelectRowHash {
        @Override
        public Hasher hasher() {
            FieldRowHash row = new FieldRowHash();
            return (rs, values) -> {
                for (int k = 0; k < index.length; k++) {
                    switch (from[k]) {
                        case BYTES -> row.add(rs.getBytes(index[k]));
                        case TEXT -> row.add(rs.getString(index[k]));
                        case HEX -> {
                            String hex = rs.getString(index[k]);
                            row.add(hex == null ? null : java.util.HexFormat.of().parseHex(hex));
                        }
                        case VALUE_BYTES -> {
                            Object value = values[index[k] - 1];
                            row.add(value instanceof byte[] bytes ? bytes : value instanceof SelectRowHash.TextValue text
                                    ? text.text() : rs.getBytes(index[k]));
                        }
                        case VALUE_DIGITS -> {
                            Object number = values[index[k] - 1];
                            if (number == null) {
                                row.addNull();
                            } else {
                                row.addDigits(((Number) number).longValue());
                            }
                        }
                        default -> throw new IllegalStateException(from[k].name());
                    }
                }
                return row.finishRow();
            };
        }
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
