package io.jenkins.plugins.dbrunbooks.engine.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads query results as text, to compare a source database with its restored copy. */
public final class Queries {
    private Queries() {
    }

    /** Every column of every row of {@code sql}, as the driver's text, in order. */
    public static List<String> rows(String url, String user, String sql) {
        List<String> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            int width = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= width; i++) {
                    values.add(rs.getString(i));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
        return values;
    }
}
