package io.jenkins.plugins.dbrunbooks.engine.method.mariadb;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.SqlQuotes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * MariaDB checks the columns a trigger names of its table's OLD and NEW rows when the trigger is created, not when a
 * column is dropped: a trigger naming a dropped column stays, but its CREATE TRIGGER fails on restore, in
 * mariadb-dump's script as in a jdbc snapshot. Both methods refuse such a database before anything is written,
 * naming each trigger and column.
 */
public final class TriggerColumns {
    private static final String TRIGGERS = "SELECT EVENT_OBJECT_TABLE, TRIGGER_NAME, ACTION_STATEMENT, SQL_MODE"
            + " FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ? ORDER BY EVENT_OBJECT_TABLE, TRIGGER_NAME";
    // The table named by a constant, so that information_schema opens that table alone.
    private static final String COLUMNS = "SELECT COLUMN_NAME FROM information_schema.COLUMNS"
            + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?";

    private TriggerColumns() {
    }

    /** A name as the server reads it (without its quotes), a dot, or anything else. */
    private record Token(boolean name, String text) {
        static final Token DOT = new Token(false, ".");
        static final Token OTHER = new Token(false, "");

        boolean is(String word) {
            return name && text.equalsIgnoreCase(word);
        }
    }

    /** A column of the OLD or NEW row named in a trigger's body. */
    record Reference(String row, String column) {
        @Override
        public String toString() {
            return row + "." + column;
        }
    }

    /**
     * Refuses {@code database} if one of its triggers names a column its table no longer has; read on a connection
     * of the caller's, in its snapshot.
     */
    public static void require(Connection connection, String database) throws SQLException {
        List<String[]> triggers = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(TRIGGERS)) {
            s.setString(1, database);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    triggers.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
                }
            }
        }
        List<String> found = new ArrayList<>();
        List<String> drops = new ArrayList<>();
        Map<String, List<String>> columns = new HashMap<>();
        for (String[] trigger : triggers) {
            String table = trigger[0];
            List<String> missing = new ArrayList<>();
            for (Reference reference : references(trigger[2], trigger[3])) {
                List<String> existing = columns.get(table);
                if (existing == null) {
                    existing = columns(connection, database, table);
                    columns.put(table, existing);
                }
                if (existing.stream().noneMatch(reference.column()::equalsIgnoreCase)) {
                    missing.add(reference.toString());
                }
            }
            if (!missing.isEmpty()) {
                found.add("trigger " + trigger[1] + " on table " + table + " names " + String.join(", ", missing)
                        + ", which " + table + " no longer has");
                drops.add("DROP TRIGGER " + MariaDbAdmin.quote(trigger[1]) + ";");
            }
        }
        if (!found.isEmpty()) {
            throw new RunbookException(ErrorKind.NOT_CARRIED, "A backup of '" + database + "' could not be restored: "
                    + String.join("; ", found) + ", and MariaDB checks those columns when it creates a trigger;"
                    + " nothing was written", "Drop each trigger named (" + String.join(" ", drops) + ") or create"
                            + " it again without the columns its table no longer has: it fails on this database too"
                            + " once it reaches them.");
        }
    }

    private static List<String> columns(Connection connection, String database, String table) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(COLUMNS)) {
            s.setString(1, database);
            s.setString(2, table);
            List<String> names = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        }
    }

    /**
     * The OLD and NEW columns a trigger's body names, each once, in the order it names them. The body is read as the
     * server reads it under the trigger's sql_mode: string literals and comments hold no names (an executable
     * comment's text does), a name may be in backticks (or double quotes under ANSI_QUOTES), and {@code @old.x} is
     * a user variable.
     */
    static List<Reference> references(String body, String sqlMode) {
        String mode = sqlMode == null ? "" : sqlMode.toUpperCase(Locale.ROOT);
        List<Token> tokens = tokens(body, mode.contains("ANSI_QUOTES"), !mode.contains("NO_BACKSLASH_ESCAPES"));
        Set<Reference> references = new LinkedHashSet<>();
        for (int i = 0; i + 2 < tokens.size(); i++) {
            Token row = tokens.get(i);
            // After a dot, OLD would be a column of a table of that name.
            if ((row.is("old") || row.is("new")) && (i == 0 || !tokens.get(i - 1).equals(Token.DOT))
                    && tokens.get(i + 1).equals(Token.DOT) && tokens.get(i + 2).name()) {
                references.add(new Reference(row.text().toUpperCase(Locale.ROOT), tokens.get(i + 2).text()));
            }
        }
        return List.copyOf(references);
    }

    private static List<Token> tokens(String text, boolean ansiQuotes, boolean backslashEscapes) {
        List<Token> tokens = new ArrayList<>();
        boolean executable = false;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#' || text.startsWith("--", i) && (i + 2 == n || text.charAt(i + 2) <= ' ')) {
                int end = text.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (text.startsWith("/*!", i) || text.startsWith("/*M!", i)) {
                // Executable comment: its text is run, after the optional version.
                i = text.indexOf('!', i) + 1;
                while (i < n && Character.isDigit(text.charAt(i))) {
                    i++;
                }
                executable = true;
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (executable && text.startsWith("*/", i)) {
                executable = false;
                i += 2;
            } else if (c == '\'' || c == '"' && !ansiQuotes) {
                i = SqlQuotes.skip(text, i, backslashEscapes, null);
                tokens.add(Token.OTHER);
            } else if (c == '`' || c == '"') {
                StringBuilder name = new StringBuilder();
                i = SqlQuotes.skip(text, i, false, name);
                tokens.add(new Token(true, name.toString()));
            } else if (c == '@') {
                // A user or system variable: its name may hold dots, or be quoted.
                i++;
                if (i < n && text.charAt(i) == '@') {
                    i++;
                }
                if (i < n && (text.charAt(i) == '\'' || text.charAt(i) == '"' || text.charAt(i) == '`')) {
                    i = SqlQuotes.skip(text, i, backslashEscapes, null);
                } else {
                    while (i < n && (nameChar(text.charAt(i)) || text.charAt(i) == '.')) {
                        i++;
                    }
                }
                tokens.add(Token.OTHER);
            } else if (nameChar(c)) {
                int start = i;
                while (i < n && nameChar(text.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(true, text.substring(start, i)));
            } else {
                tokens.add(c == '.' ? Token.DOT : Token.OTHER);
                i++;
            }
        }
        return tokens;
    }

    private static boolean nameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c >= 0x80;
    }
}
