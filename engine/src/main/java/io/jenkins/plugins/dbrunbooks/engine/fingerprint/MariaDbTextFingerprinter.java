package io.jenkins.plugins.dbrunbooks.engine.fingerprint;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;

/**
 * MariaDB and MySQL, read the way a dump reads: every table's rows from a plain streaming {@code SELECT} in the
 * text protocol, each row hashed on the client from its values as the server sends them (see
 * {@link FieldRowHash}), the hashes summed modulo 2^64. This scheme replaced {@link MariaDbFingerprinter}'s, which
 * had the server take the MD5 of every value and row, several times the cost of the dump itself.
 *
 * <p>Values are the server's text, which is what a dump writes and a restore reads back: strings converted to
 * utf8mb4, binary strings, BIT and geometry values as their bytes, every other type as {@code CAST(col AS CHAR)}
 * (numbers, dates and times as the server writes them; FLOAT with the 6 significant digits mariadb-dump keeps),
 * under a session in UTC (TIMESTAMP) and with no {@code sql_mode} (CHAR values without their padding). Generated
 * columns, the system-versioning row start and end among them, are left out: a restore computes them again, and a
 * restored system-versioned table starts its rows' history anew. Invisible columns are read.
 */
public final class MariaDbTextFingerprinter implements Fingerprinter {
    public static final String SCHEME = "mariadb-text-xxh64-sum64";

    private static final String TABLES = "SELECT TABLE_NAME, DATA_LENGTH FROM information_schema.TABLES"
            + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED')"
            + " ORDER BY TABLE_NAME";
    /** Columns that are not generated: MariaDB leaves their expression NULL, MySQL empty. */
    private static final String COLUMNS = "SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE FROM information_schema.COLUMNS"
            + " WHERE TABLE_SCHEMA = DATABASE() AND COALESCE(GENERATION_EXPRESSION, '') = ''"
            + " ORDER BY TABLE_NAME, ORDINAL_POSITION";
    /** Types whose values the server sends as bytes or as text in the column's own character set. */
    static final Set<String> AS_STORED = Set.of("char", "varchar", "tinytext", "text", "mediumtext",
            "longtext", "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob", "enum", "set", "bit",
            "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring", "multipolygon",
            "geometrycollection");
    /** The session settings the values' text depends on, kept in user variables and put back after. */
    private static final String FIXED = "SET @dbrunbooks_time_zone = @@session.time_zone,"
            + " @dbrunbooks_sql_mode = @@session.sql_mode,"
            + " @dbrunbooks_results = @@session.character_set_results,"
            + " time_zone = '+00:00', sql_mode = '', character_set_results = utf8mb4";
    private static final String RESTORED = "SET time_zone = @dbrunbooks_time_zone,"
            + " sql_mode = @dbrunbooks_sql_mode, character_set_results = @dbrunbooks_results";
    /** Rows the driver reads at a time: the result is streamed, never held whole. */
    private static final int FETCH_SIZE = 1000;

    /** One table to read: its name, the statement that reads it, how many values a row has, its size estimate. */
    private record Table(String name, String select, int columns, long size) {
    }

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public DataFingerprints take(Connection connection) throws SQLException {
        return take(List.of(connection), null);
    }

    /**
     * Reads on every connection at once, the largest table first. The connections must see one moment: MariaDB
     * cannot share a snapshot, but snapshots started under one global read lock see the same commits.
     */
    @Override
    public DataFingerprints take(List<Connection> connections, Collection<String> only) throws SQLException {
        Map<String, TableFingerprint> ordered = LargestFirst.fingerprints(connections, tables(connections.get(0)),
                only, Table::name, Table::size, MariaDbTextFingerprinter::read);
        return new DataFingerprints(SCHEME, ordered);
    }

    private static void read(Connection c, Queue<Table> tables, Map<String, TableFingerprint> result)
            throws SQLException {
        try (Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            s.execute(FIXED);
            try {
                s.setFetchSize(FETCH_SIZE);
                FieldRowHash row = new FieldRowHash();
                for (Table table = tables.poll(); table != null; table = tables.poll()) {
                    result.put(table.name(), sum(s, table, row));
                }
            } finally {
                s.execute(RESTORED);
            }
        }
    }

    private static TableFingerprint sum(Statement s, Table table, FieldRowHash row) throws SQLException {
        long rows = 0;
        long sum = 0;
        try (ResultSet rs = s.executeQuery(table.select())) {
            int columns = table.columns();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getBytes(i));
                }
                sum += row.finishRow();
                rows++;
            }
        }
        return new TableFingerprint(rows, RowSum.hex(sum));
    }

    private static List<Table> tables(Connection c) throws SQLException {
        Map<String, List<String>> values = new HashMap<>();
        List<Table> tables = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery(COLUMNS)) {
                while (rs.next()) {
                    String column = quote(rs.getString(2));
                    values.computeIfAbsent(rs.getString(1), t -> new ArrayList<>())
                            .add(AS_STORED.contains(rs.getString(3)) ? column : "CAST(" + column + " AS CHAR)");
                }
            }
            try (ResultSet rs = s.executeQuery(TABLES)) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    List<String> list = values.getOrDefault(name, List.of());
                    // A table of generated columns only still has its rows counted, each hashed from no values.
                    String select = "SELECT " + (list.isEmpty() ? "0" : String.join(", ", list)) + " FROM "
                            + quote(name);
                    tables.add(new Table(name, select, list.size(), rs.getLong(2)));
                }
            }
        }
        return tables;
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
