package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Catalog queries with bound parameters, and the quoting each engine's SQL needs. */
final class Sql {
    private Sql() {
    }

    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    static <T> List<T> query(Connection connection, String sql, RowMapper<T> mapper, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<T> result = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    result.add(mapper.map(row));
                }
            }
            return result;
        }
    }

    static List<String> strings(Connection connection, String sql, Object... parameters) throws SQLException {
        return query(connection, sql, row -> row.getString(1), parameters);
    }

    /** PostgreSQL and H2 (and standard SQL) quoting. */
    static String doubleQuote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    static String backtick(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /**
     * A string literal; MariaDB also needs its backslashes doubled, since it reads them as escapes by default, and
     * takes a zero character as {@code \0}.
     */
    static String literal(String value, boolean backslashEscapes) {
        String text = backslashEscapes ? value.replace("\\", "\\\\").replace("\0", "\\0") : value;
        return "'" + text.replace("'", "''") + "'";
    }
}
