package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog;

import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ColumnDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.NotCarried;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.PortableType.Kind;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.TableDef;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * MariaDB stores {@code ''} (index 0) in an ENUM column when a value that is not one of its labels went in without
 * strict mode. No load stores it back without changing the session to non-strict mode, which would let every other
 * bad value through as well, so a jdbc snapshot cannot carry it: the columns holding it are found before anything is
 * written. Finding them reads the table, once per ENUM column that has no {@code ''} label of its own.
 */
final class EnumErrorValues {
    private EnumErrorValues() {
    }

    static List<NotCarried> find(Connection connection, List<TableDef> tables) throws SQLException {
        List<NotCarried> found = new ArrayList<>();
        for (TableDef table : tables) {
            for (ColumnDef column : table.columns()) {
                if (column.type().kind() == Kind.ENUM && !labels(column.type().nativeType()).contains("")
                        && !Sql.strings(connection, "SELECT 1 FROM " + Sql.backtick(table.name()) + " WHERE "
                                + Sql.backtick(column.name()) + " = 0 LIMIT 1").isEmpty()) {
                    found.add(new NotCarried(NotCarried.ENUM_ERROR_VALUE, null, table.name() + "."
                            + column.name()));
                }
            }
        }
        return found;
    }

    /** The labels of {@code enum('a','it''s')}, as the server writes the column type. */
    static List<String> labels(String columnType) {
        return labels(columnType, "enum(");
    }

    /** The labels of {@code enum('a','it''s')} or {@code set(...)}, after {@code opening}, the type's name and "(". */
    static List<String> labels(String columnType, String opening) {
        List<String> labels = new ArrayList<>();
        int at = columnType.toLowerCase(Locale.ROOT).indexOf(opening);
        if (at < 0) {
            return labels;
        }
        int i = at + opening.length();
        while (i < columnType.length() && columnType.charAt(i) == '\'') {
            StringBuilder label = new StringBuilder();
            i++;
            while (i < columnType.length()) {
                char c = columnType.charAt(i);
                if (c == '\\' && i + 1 < columnType.length()) {
                    label.append(columnType.charAt(i + 1));
                    i += 2;
                } else if (c == '\'' && i + 1 < columnType.length() && columnType.charAt(i + 1) == '\'') {
                    label.append('\'');
                    i += 2;
                } else if (c == '\'') {
                    i++;
                    break;
                } else {
                    label.append(c);
                    i++;
                }
            }
            labels.add(label.toString());
            if (i < columnType.length() && columnType.charAt(i) == ',') {
                i++;
            }
        }
        return labels;
    }
}
