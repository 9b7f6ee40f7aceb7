package io.jenkins.plugins.dbrunbooks.engine.changes;

import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.progress.Bytes;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What was written to a backup's source database since the backup read it: what restoring that backup over the
 * database would throw away. Counts are null where the server does not offer them.
 *
 * @param certainty {@link #EXACT} (this database's rows, per table), {@link #SERVER_WIDE} (every database of the
 *     server counted together, so an upper bound), or {@code unknown: <why>}
 * @param rowsWritten rows inserted, updated and deleted together; with a {@code server-wide} certainty, those of
 *     the whole server
 * @param logBytes bytes of WAL or binary log written since, by the whole server
 * @param tables the tables written to since, where counted per table
 */
public record ChangesSince(String backupId, String environment, String database, Instant backupAt, Instant readAt,
        String certainty, Long commits, Long inserted, Long updated, Long deleted, Long rowsWritten, String log,
        Long logBytes, List<TableChanges> tables, List<String> notes) implements Serializable {

    public static final String EXACT = "exact";
    public static final String SERVER_WIDE = "server-wide";
    static final String UNKNOWN = "unknown: ";

    public ChangesSince {
        // Plain lists: the result travels from agents and into Pipeline scripts.
        tables = tables == null ? new ArrayList<>() : new ArrayList<>(tables);
        notes = notes == null ? new ArrayList<>() : new ArrayList<>(notes);
    }

    /** Changes that cannot be measured, and why. */
    static ChangesSince unknown(String backupId, String environment, String database, Instant backupAt,
            Instant readAt, String why, List<String> notes) {
        return new ChangesSince(backupId, environment, database, backupAt, readAt, UNKNOWN + why, null, null, null,
                null, null, null, null, List.of(), notes);
    }

    /** Changes that could not be read from the database, and why. */
    public static ChangesSince notRead(Manifest backup, String why) {
        return unknown(backup.id(), backup.environment(), backup.database(), backup.startedAt(), Instant.now(),
                "the database could not be read: " + why, List.of());
    }

    /** Rows written to one table since the backup; {@code note} says when the table itself changed. */
    public record TableChanges(String table, Long inserted, Long updated, Long deleted, long rowsWritten,
            String note) implements Serializable {
    }

    /** Whether the counts can be relied on: exact for the database, or an upper bound for the whole server. */
    public boolean measured() {
        return EXACT.equals(certainty) || SERVER_WIDE.equals(certainty);
    }

    /** Whether nothing was written since the backup, as far as can be told: restoring it would lose nothing. */
    public boolean nothingWritten() {
        return measured() && rowsWritten != null && rowsWritten == 0 && tables.stream().allMatch(t -> t.note() == null);
    }

    public Duration since() {
        return Duration.between(backupAt, readAt);
    }

    /** One line, such as {@code 12 rows written in 2 tables in 3 min since backup X (exact)}. */
    public String summary() {
        String age = " in the " + human(since()) + " since backup " + backupId;
        if (!measured()) {
            return "Writes" + age + ": " + certainty;
        }
        if (nothingWritten()) {
            return "No writes" + age + " (" + certainty + ")";
        }
        String where = EXACT.equals(certainty) ? " in " + tables.size() + (tables.size() == 1 ? " table" : " tables")
                : " on the whole server";
        return rows(rowsWritten) + " written" + where + age + " (" + certainty + ")";
    }

    /** The summary, then a line for each kind of write, each table and each note. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add(summary());
        if (inserted != null) {
            lines.add("  inserted " + inserted + ", updated " + updated + ", deleted " + deleted
                    + (commits == null ? "" : "; " + commits + " transactions committed")
                    + (logBytes == null ? "" : "; " + Bytes.human(logBytes) + " of " + log + " written by the server"));
        } else if (logBytes != null) {
            lines.add("  " + Bytes.human(logBytes) + " of " + log + " written by the server");
        }
        for (TableChanges table : tables) {
            lines.add("  " + table.table() + ": " + (table.inserted() == null ? rows(table.rowsWritten()) + " written"
                    : "inserted " + table.inserted() + ", updated " + table.updated() + ", deleted "
                            + table.deleted()) + (table.note() == null ? "" : " (" + table.note() + ")"));
        }
        notes.forEach(note -> lines.add("  note: " + note));
        return lines;
    }

    private static String rows(long count) {
        return count + (count == 1 ? " row" : " rows");
    }

    static String human(Duration duration) {
        long seconds = Math.max(0, duration.getSeconds());
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 2 * 3600) {
            return seconds / 60 + " min";
        }
        if (seconds < 2 * 86400) {
            return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, seconds % 3600 / 60);
        }
        return seconds / 86400 + " days";
    }
}
