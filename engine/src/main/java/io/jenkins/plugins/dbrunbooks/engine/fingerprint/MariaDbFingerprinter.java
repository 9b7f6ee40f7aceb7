package io.jenkins.plugins.dbrunbooks.engine.fingerprint;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    private static final String TABLES = "SELECT TABLE_NAME FROM information_schema.TABLES"
            + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED')"
            + " ORDER BY TABLE_NAME";
    private static final String COLUMNS = "SELECT COLUMN_NAME FROM information_schema.COLUMNS"
            + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION";

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public DataFingerprints take(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET @dbrunbooks_time_zone = @@session.time_zone, time_zone = '+00:00'");
            try {
                Map<String, TableFingerprint> result = new LinkedHashMap<>();
                for (String table : tables(s)) {
                    List<String> columns = columns(connection, table);
                    String row = columns.isEmpty() ? "''" : "CONCAT_WS(','" + columns.stream()
                            .map(c -> ", IFNULL(MD5(" + quote(c) + "), '-')").collect(Collectors.joining()) + ")";
                    String sql = "SELECT COUNT(*), CAST(SUM(CAST(CONV(SUBSTRING(MD5(" + row + "), 1, 16), 16, 10)"
                            + " AS UNSIGNED)) AS CHAR) FROM " + quote(table);
                    try (ResultSet rs = s.executeQuery(sql)) {
                        rs.next();
                        result.put(table, new TableFingerprint(rs.getLong(1), RowSum.fromServer(rs.getString(2))));
                    }
                }
                return new DataFingerprints(SCHEME, result);
            } finally {
                s.execute("SET time_zone = @dbrunbooks_time_zone");
            }
        }
    }

    private static List<String> tables(Statement s) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(TABLES)) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    private static List<String> columns(Connection connection, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(COLUMNS)) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
