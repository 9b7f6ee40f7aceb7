package io.jenkins.plugins.dbrunbooks.engine.artifact;

import java.io.Serializable;

/**
 * A column of a backup that holds values only the backup's engine stores, found as its rows were read: MariaDB's
 * dates with a zero month or day, TIME values outside one day, and BOOLEAN (TINYINT(1)) values other than 0 and 1.
 * No other engine takes such a row, so a restore into one is refused before the target is touched.
 *
 * @param table the table, as {@code rowCounts} names it
 * @param column the column
 * @param kind what the values are: one of the constants here, or a kind a newer version records, read as it is
 */
public record EngineOnlyValues(String table, String column, String kind) implements Serializable {
    public static final String ZERO_PART_DATE = "zero-part-date";
    public static final String TIME_OUTSIDE_DAY = "time-outside-day";
    public static final String BOOLEAN_NOT_0_OR_1 = "boolean-not-0-or-1";

    /** For messages: {@code column due of orders holds dates with a zero month or day}. */
    public String describe() {
        return "column " + column + " of " + table + " holds " + switch (kind == null ? "" : kind) {
            case ZERO_PART_DATE -> "dates with a zero month or day";
            case TIME_OUTSIDE_DAY -> "TIME values outside one day";
            case BOOLEAN_NOT_0_OR_1 -> "BOOLEAN (TINYINT(1)) values other than 0 and 1";
            default -> "values only its engine stores (" + kind + ")";
        };
    }
}
