package io.jenkins.plugins.dbrunbooks.engine.artifact;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the server stood when a backup read its data, so that what was written since can be measured later
 * without the payload: the log position, the commit and row counters the engine offers, and since when they count.
 * Every field but {@code readAt}, {@code moment} and {@code counters} is null where the engine does not offer it.
 *
 * @param moment {@link #MOMENT_SNAPSHOT} when read in the backup's own snapshot, {@link #MOMENT_BEFORE} when read
 *     on another connection just before the backup began (the method's tool takes a snapshot of its own)
 * @param log {@code wal} or {@code binlog}; null where the server writes no such log
 * @param logPosition PostgreSQL's WAL position ({@code 0/16B6C50}); MariaDB's binary log {@code file:offset}
 * @param gtid MariaDB's binary log GTID position
 * @param databaseId what tells this database apart from one of the same name created later (PostgreSQL: its oid)
 * @param commits transactions committed in the database since its statistics began
 * @param counters {@link #COUNTERS_TABLE}, {@link #COUNTERS_SERVER} or {@link #COUNTERS_NONE}
 * @param statsReset since when the counters count: PostgreSQL's statistics reset, MariaDB's server start
 * @param tables each table's counters by {@code schema.table}, where counted per table
 * @param server the whole server's row counters, where the engine counts them
 * @param notes what the reader should know: a log that is off, counters that are missing
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServerPosition(Instant readAt, String moment, String log, String logPosition, String gtid,
        String databaseId, Long commits, String counters, Instant statsReset, Map<String, RowCounters> tables,
        RowCounters server, List<String> notes) implements Serializable {

    public static final String MOMENT_SNAPSHOT = "backup snapshot";
    public static final String MOMENT_BEFORE = "just before the backup";
    public static final String COUNTERS_TABLE = "table";
    public static final String COUNTERS_SERVER = "server";
    public static final String COUNTERS_NONE = "none";

    public ServerPosition {
        // Sorted, so manifests list tables in a stable order.
        tables = tables == null ? Map.of() : new TreeMap<>(tables);
        notes = notes == null ? List.of() : List.copyOf(notes);
        counters = counters == null ? COUNTERS_NONE : counters;
    }

    /** The same position read at another moment. */
    public ServerPosition at(String otherMoment) {
        return new ServerPosition(readAt, otherMoment, log, logPosition, gtid, databaseId, commits, counters,
                statsReset, tables, server, notes);
    }

    /**
     * Rows written to one table, or to the whole server, as the server counts them: rows of transactions rolled
     * back included. {@code inserted}, {@code updated} and {@code deleted} are null where only the total is counted
     * (MariaDB's per-table statistics).
     *
     * @param identity what tells the table apart from one of the same name created later (PostgreSQL: its oid)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RowCounters(Long inserted, Long updated, Long deleted, long changed, String identity)
            implements Serializable {

        public static RowCounters of(long inserted, long updated, long deleted, String identity) {
            return new RowCounters(inserted, updated, deleted, inserted + updated + deleted, identity);
        }

        public static RowCounters changedOnly(long changed) {
            return new RowCounters(null, null, null, changed, null);
        }

        /** Whether the counts are each kind of write, not only their total. */
        public boolean byKind() {
            return inserted != null && updated != null && deleted != null;
        }
    }
}
