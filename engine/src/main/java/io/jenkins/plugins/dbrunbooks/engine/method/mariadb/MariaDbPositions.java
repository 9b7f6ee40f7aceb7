package io.jenkins.plugins.dbrunbooks.engine.method.mariadb;

import io.jenkins.plugins.dbrunbooks.engine.artifact.ServerPosition;
import io.jenkins.plugins.dbrunbooks.engine.artifact.ServerPosition.RowCounters;
import io.jenkins.plugins.dbrunbooks.engine.method.ServerPositions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * MariaDB's position: the binary log file and offset (those of the session's consistent snapshot, inside one) and
 * GTID position where the binary log is on; the rows changed per table where user statistics are on
 * ({@code userstat}), and always the server's rows written, updated and deleted in tables that are not temporary
 * ({@code Handler_write}, {@code Handler_update}, {@code Handler_delete}), which count every database. Status
 * counters start again when the server starts, which is when they count from.
 */
public final class MariaDbPositions implements ServerPositions {
    private static final String SETTINGS = "SELECT @@log_bin, @@gtid_binlog_pos, @@userstat";
    // Inside START TRANSACTION WITH CONSISTENT SNAPSHOT these are the snapshot's; outside it, the current ones.
    private static final String BINLOG = "SHOW STATUS LIKE 'binlog_snapshot_%'";
    private static final String SERVER = "SHOW GLOBAL STATUS WHERE Variable_name IN"
            + " ('Handler_write', 'Handler_update', 'Handler_delete', 'Uptime')";
    private static final String TABLES = "SELECT TABLE_NAME, ROWS_CHANGED FROM information_schema.TABLE_STATISTICS"
            + " WHERE TABLE_SCHEMA = DATABASE()";

    @Override
    public ServerPosition read(Connection c, String moment) throws SQLException {
        List<String> notes = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            boolean logBin;
            String gtid;
            boolean userstat;
            try (ResultSet rs = s.executeQuery(SETTINGS)) {
                rs.next();
                logBin = rs.getBoolean(1);
                gtid = rs.getString(2);
                userstat = rs.getBoolean(3);
            }
            String logPosition = null;
            if (logBin) {
                logPosition = binlogPosition(s);
            } else {
                notes.add("the binary log is off (log_bin), so no log position was recorded");
            }
            Map<String, Long> status = new HashMap<>();
            try (ResultSet rs = s.executeQuery(SERVER)) {
                while (rs.next()) {
                    status.put(rs.getString(1), rs.getLong(2));
                }
            }
            Instant now = Instant.now();
            Instant started = now.minusSeconds(status.getOrDefault("Uptime", 0L));
            RowCounters server = RowCounters.of(status.getOrDefault("Handler_write", 0L),
                    status.getOrDefault("Handler_update", 0L), status.getOrDefault("Handler_delete", 0L), null);
            Map<String, RowCounters> tables = new HashMap<>();
            if (userstat) {
                try (ResultSet rs = s.executeQuery(TABLES)) {
                    while (rs.next()) {
                        tables.put(rs.getString(1), RowCounters.changedOnly(rs.getLong(2)));
                    }
                }
            } else {
                notes.add("user statistics are off (userstat), so rows are counted for the whole server");
            }
            return new ServerPosition(now, moment, logBin ? "binlog" : null, logPosition,
                    gtid == null || gtid.isEmpty() ? null : gtid, null, null,
                    userstat ? ServerPosition.COUNTERS_TABLE : ServerPosition.COUNTERS_SERVER, started, tables,
                    server, notes);
        }
    }

    private static String binlogPosition(Statement s) throws SQLException {
        String file = null;
        String offset = null;
        try (ResultSet rs = s.executeQuery(BINLOG)) {
            while (rs.next()) {
                if (rs.getString(1).equalsIgnoreCase("Binlog_snapshot_file")) {
                    file = rs.getString(2);
                } else if (rs.getString(1).equalsIgnoreCase("Binlog_snapshot_position")) {
                    offset = rs.getString(2);
                }
            }
        }
        return file == null || file.isEmpty() || offset == null ? null : file + ":" + offset;
    }

    /**
     * Within one file, the difference of the offsets; across files, their sizes as the server lists them, which
     * needs the BINLOG MONITOR privilege. Null when a file is gone or the list cannot be read.
     */
    @Override
    public Long logBytesBetween(Connection c, ServerPosition then, ServerPosition now) {
        if (then.logPosition() == null || now.logPosition() == null) {
            return null;
        }
        String[] from = split(then.logPosition());
        String[] to = split(now.logPosition());
        if (from[0].equals(to[0])) {
            return Long.parseLong(to[1]) - Long.parseLong(from[1]);
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW BINARY LOGS")) {
            long bytes = 0;
            boolean counting = false;
            while (rs.next()) {
                String file = rs.getString(1);
                if (file.equals(from[0])) {
                    counting = true;
                    bytes += rs.getLong(2) - Long.parseLong(from[1]);
                } else if (file.equals(to[0])) {
                    return counting ? bytes + Long.parseLong(to[1]) : null;
                } else if (counting) {
                    bytes += rs.getLong(2);
                }
            }
            return null;
        } catch (SQLException e) {
            return null;
        }
    }

    private static String[] split(String position) {
        int colon = position.lastIndexOf(':');
        return new String[] {position.substring(0, colon), position.substring(colon + 1)};
    }
}
