package io.jenkins.plugins.dbrunbooks.engine.fingerprint;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.stream.Collectors;

/**
 * MariaDB and MySQL: a row's canonical text is the MD5 of each column's value as the server converts it to a
 * string ({@code -} for NULL), joined by commas, with the session in UTC so TIMESTAMP columns read the same
 * anywhere. Each column is hashed on its own so text, binary and numeric columns never mix character sets.
 * {@code CHECKSUM TABLE} is not used: it depends on the storage engine and row format, so a restored copy of the
 * same rows may differ.
 */
public final class MariaDbFingerprinter implements Fingerprinter {
    public static final String SCHEME = "mariadb-columns-md5-sum64";

    private static final String TABLES = "SELECT TABLE_NAME, DATA_LENGTH FROM information_schema.TABLES"
            + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED')"
            + " ORDER BY TABLE_NAME";
    /** Every table's columns in one query: one a table costs a round trip and a catalog read each. */
    private static final String COLUMNS = "SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS"
            + " WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION";

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public DataFingerprints take(Connection connection) throws SQLException {
        return take(List.of(connection));
    }

    /**
     * The same fingerprints read on several connections at once, each summing its share of the tables, largest
     * first: the connections must all be in one snapshot of the same moment (MariaDB cannot share one, but
     * snapshots started under one global read lock see the same commits). The server sums one table per connection
     * at a time, so on a database of several large tables this takes about as many times less as connections.
     */
    public DataFingerprints take(List<Connection> connections) throws SQLException {
        return take(connections, null);
    }

    @Override
    public DataFingerprints take(List<Connection> connections, Collection<String> only)
            throws SQLException {
        Map<String, Long> tables;
        Map<String, List<String>> columnsOf;
        try (Statement s = connections.get(0).createStatement()) {
            tables = tables(s);
            columnsOf = columns(s);
        }
        Map<String, TableFingerprint> ordered = LargestFirst.fingerprints(connections,
                new ArrayList<>(tables.keySet()), only, table -> table, tables::get,
                (c, queue, result) -> sum(c, queue, columnsOf, result));
        return new DataFingerprints(SCHEME, ordered);
    }

    private static void sum(Connection connection, Queue<String> tables, Map<String, List<String>> columnsOf,
            Map<String, TableFingerprint> result) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET @dbrunbooks_time_zone = @@session.time_zone, time_zone = '+00:00'");
            try {
                for (String table; (table = tables.poll()) != null; ) {
                    List<String> columns = columnsOf.getOrDefault(table, List.of());
                    String row = columns.isEmpty() ? "''" : "CONCAT_WS(','" + columns.stream()
                            .map(c -> ", IFNULL(MD5(" + quote(c) + "), '-')").collect(Collectors.joining()) + ")";
                    String sql = "SELECT COUNT(*), CAST(SUM(CAST(CONV(SUBSTRING(MD5(" + row + "), 1, 16), 16, 10)"
                            + " AS UNSIGNED)) AS CHAR) FROM " + quote(table);
                    try (ResultSet rs = s.executeQuery(sql)) {
                        rs.next();
                        result.put(table, new TableFingerprint(rs.getLong(1), RowSum.fromServer(rs.getString(2))));
                    }
                }
            } finally {
                s.execute("SET time_zone = @dbrunbooks_time_zone");
            }
        }
    }

    /** The tables in name order, with their size as the server estimates it. */
    private static Map<String, Long> tables(Statement s) throws SQLException {
        Map<String, Long> tables = new LinkedHashMap<>();
        try (ResultSet rs = s.executeQuery(TABLES)) {
            while (rs.next()) {
                tables.put(rs.getString(1), rs.getLong(2));
            }
        }
        return tables;
    }

    private static Map<String, List<String>> columns(Statement s) throws SQLException {
        Map<String, List<String>> columns = new HashMap<>();
        try (ResultSet rs = s.executeQuery(COLUMNS)) {
            while (rs.next()) {
                columns.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        return columns;
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
