package io.jenkins.plugins.dbrunbooks.engine.method.mariadb;

import io.jenkins.plugins.dbrunbooks.engine.method.Coverage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * mariadb-dump writes FLOAT (single precision) values with 6 significant digits, so a restored FLOAT can differ
 * from the one backed up (3.1415927 comes back as 3.14159). Its backups say so when the database has such columns.
 */
final class FloatColumns {
    // Tables only: a view's FLOAT column holds no data of its own. The tables are a subquery, not a join:
    // information_schema joined on the columns' table names took 0.4 s on a thousand tables, the subquery 0.02 s.
    private static final String QUERY = "SELECT c.TABLE_NAME, c.COLUMN_NAME FROM information_schema.COLUMNS c"
            + " WHERE c.TABLE_SCHEMA = ? AND c.DATA_TYPE = 'float' AND c.TABLE_NAME IN"
            + " (SELECT t.TABLE_NAME FROM information_schema.TABLES t"
            + " WHERE t.TABLE_SCHEMA = ? AND t.TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED'))"
            + " ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION";

    private FloatColumns() {
    }

    /** What a native backup of {@code database} carries, read on a connection of the caller's. */
    static Coverage coverage(Connection connection, String database) throws SQLException {
        List<String> columns = read(connection, database);
        if (columns.isEmpty()) {
            return Coverage.FULL;
        }
        return new Coverage(List.of(), List.of("mariadb-dump keeps 6 significant digits of FLOAT values: columns "
                + String.join(", ", columns) + " may differ after a restore; method jdbc keeps them exact"));
    }

    private static List<String> read(Connection connection, String database) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(QUERY)) {
            s.setString(1, database);
            s.setString(2, database);
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.add("'" + rs.getString(1) + "." + rs.getString(2) + "'");
                }
            }
            return columns;
        }
    }
}
