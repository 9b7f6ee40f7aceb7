package io.jenkins.plugins.dbrunbooks.engine.method.postgres;

import io.jenkins.plugins.dbrunbooks.engine.artifact.ServerPosition;
import io.jenkins.plugins.dbrunbooks.engine.artifact.ServerPosition.RowCounters;
import io.jenkins.plugins.dbrunbooks.engine.method.ServerPositions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL's position: the WAL position (the last one received on a standby), the database's commits and each
 * table's inserted, updated and deleted rows from the cumulative statistics, and when they were last reset. The
 * statistics are per database, so another database's writes are not counted; a session publishes its counts
 * when its transaction ends, at most once a second, and one that goes idle within that second up to ten seconds
 * later.
 */
public final class PostgresPositions implements ServerPositions {
    private static final String DATABASE = "SELECT d.oid::text, s.xact_commit, s.stats_reset,"
            + " CASE WHEN pg_catalog.pg_is_in_recovery()"
            + " THEN COALESCE(pg_catalog.pg_last_wal_receive_lsn(), pg_catalog.pg_last_wal_replay_lsn())::text"
            + " ELSE pg_catalog.pg_current_wal_lsn()::text END"
            + " FROM pg_catalog.pg_database d JOIN pg_catalog.pg_stat_database s ON s.datid = d.oid"
            + " WHERE d.datname = pg_catalog.current_database()";
    private static final String TABLES = "SELECT schemaname, relname, relid::text, n_tup_ins, n_tup_upd, n_tup_del"
            + " FROM pg_catalog.pg_stat_user_tables";

    @Override
    public ServerPosition read(Connection c, String moment) throws SQLException {
        try (Statement s = c.createStatement()) {
            String databaseId;
            long commits;
            Instant statsReset;
            String lsn;
            try (ResultSet rs = s.executeQuery(DATABASE)) {
                rs.next();
                databaseId = rs.getString(1);
                commits = rs.getLong(2);
                Timestamp reset = rs.getTimestamp(3);
                statsReset = reset == null ? null : reset.toInstant();
                lsn = rs.getString(4);
            }
            Map<String, RowCounters> tables = new HashMap<>();
            try (ResultSet rs = s.executeQuery(TABLES)) {
                while (rs.next()) {
                    tables.put(rs.getString(1) + "." + rs.getString(2),
                            RowCounters.of(rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getString(3)));
                }
            }
            return new ServerPosition(Instant.now(), moment, lsn == null ? null : "wal", lsn, null, databaseId,
                    commits, ServerPosition.COUNTERS_TABLE, statsReset, tables, null, List.of());
        }
    }

    @Override
    public Long logBytesBetween(Connection c, ServerPosition then, ServerPosition now) {
        if (then.logPosition() == null || now.logPosition() == null) {
            return null;
        }
        return lsn(now.logPosition()) - lsn(then.logPosition());
    }

    /** A WAL position {@code X/Y} (two hexadecimal halves) as a byte offset, as pg_wal_lsn_diff counts it. */
    static long lsn(String text) {
        int slash = text.indexOf('/');
        return (Long.parseLong(text.substring(0, slash), 16) << 32) | Long.parseLong(text.substring(slash + 1), 16);
    }
}
