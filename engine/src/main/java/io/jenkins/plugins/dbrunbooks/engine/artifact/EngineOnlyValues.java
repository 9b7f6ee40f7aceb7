package io.jenkins.plugins.dbrunbooks.engine.artifact;

import java.io.Serializable;
import java.util.List;

/**
 * A column of a backup that holds values only the backup's engine stores, found as its rows were read: MariaDB's
 * dates with a zero month or day, TIME values outside one day, and BOOLEAN (TINYINT(1)) values other than 0 and 1;
 * PostgreSQL's infinite dates and timestamps, and numeric NaN and infinities. No other engine takes such a row, so a
 * restore into one is refused before the target is touched. The same record names, per engine, a column whose
 * values only some other engines lack (PostgreSQL's real and double precision NaN and infinities, which H2 holds
 * and MariaDB does not): see {@link #notHeldOnlyBy}.
 *
 * @param table the table, as {@code rowCounts} names it
 * @param column the column
 * @param kind what the values are: one of the constants here, or a kind a newer version records, read as it is
 */
public record EngineOnlyValues(String table, String column, String kind) implements Serializable {
    public static final String ZERO_PART_DATE = "zero-part-date";
    public static final String TIME_OUTSIDE_DAY = "time-outside-day";
    public static final String BOOLEAN_NOT_0_OR_1 = "boolean-not-0-or-1";
    public static final String INFINITE_DATE = "infinite-date";
    public static final String NUMERIC_NAN_OR_INFINITY = "numeric-nan-or-infinity";
    public static final String FLOAT_NAN_OR_INFINITY = "float-nan-or-infinity";
    /** A PostgreSQL numeric with more digits than MariaDB's DECIMAL of its column keeps (65, 30 after the point). */
    public static final String NUMERIC_BEYOND_DECIMAL = "numeric-beyond-decimal";

    /**
     * The engines that cannot hold values of this kind where some other engine can, or an empty list where no
     * engine but the backup's own holds them. A backup records the first kind per engine, beside
     * {@code engineOnlyValues}, so that a reader that knows neither restores as it always did where it could.
     */
    public static List<String> notHeldOnlyBy(String kind) {
        return FLOAT_NAN_OR_INFINITY.equals(kind) || NUMERIC_BEYOND_DECIMAL.equals(kind) ? List.of("mariadb")
                : List.of();
    }

    /** For messages: {@code column due of orders holds dates with a zero month or day}. */
    public String describe() {
        return "column " + column + " of " + table + " holds " + switch (kind == null ? "" : kind) {
            case ZERO_PART_DATE -> "dates with a zero month or day";
            case TIME_OUTSIDE_DAY -> "TIME values outside one day";
            case BOOLEAN_NOT_0_OR_1 -> "BOOLEAN (TINYINT(1)) values other than 0 and 1";
            case INFINITE_DATE -> "dates or timestamps of infinity or -infinity";
            case NUMERIC_NAN_OR_INFINITY -> "numeric values NaN, Infinity or -Infinity";
            case FLOAT_NAN_OR_INFINITY -> "real or double precision values NaN, Infinity or -Infinity";
            case NUMERIC_BEYOND_DECIMAL -> "numeric values with more digits than a DECIMAL keeps (65, 30 after"
                    + " the point)";
            default -> "values only its engine stores (" + kind + ")";
        };
    }
}
