package io.jenkins.plugins.dbrunbooks.engine.fingerprint;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * H2: the rows are read here rather than summed by the server, which has no unsigned 64-bit arithmetic; H2 runs
 * in this process or beside it, so reading them costs no network. A row's canonical text is each column's value
 * as the driver gives it as a string, each prefixed by its length ({@code -1} for NULL) so no two rows share it.
 */
public final class H2Fingerprinter implements Fingerprinter {
    public static final String SCHEME = "h2-columns-md5-sum64";

    private static final String TABLES = "SELECT TABLE_SCHEMA, TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
            + " WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_SCHEMA <> 'INFORMATION_SCHEMA' ORDER BY 1, 2";

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public DataFingerprints take(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            List<String[]> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(TABLES)) {
                while (rs.next()) {
                    tables.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            Map<String, TableFingerprint> result = new LinkedHashMap<>();
            for (String[] table : tables) {
                result.put(table[0] + "." + table[1], table(s, table[0], table[1]));
            }
            return new DataFingerprints(SCHEME, result);
        }
    }

    private static TableFingerprint table(Statement s, String schema, String name) throws SQLException {
        RowSum sum = new RowSum();
        long rows = 0;
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + quote(schema) + "." + quote(name))) {
            int columns = rs.getMetaData().getColumnCount();
            StringBuilder row = new StringBuilder();
            while (rs.next()) {
                row.setLength(0);
                for (int i = 1; i <= columns; i++) {
                    String value = rs.getString(i);
                    row.append(value == null ? -1 : value.length()).append(':').append(value == null ? "" : value);
                }
                sum.add(row.toString());
                rows++;
            }
        }
        return new TableFingerprint(rows, sum.checksum());
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
