package io.jenkins.plugins.dbrunbooks.engine.method.mariadb;

import io.jenkins.plugins.dbrunbooks.engine.method.mariadb.ForeignKeyIndexes.Index;
import io.jenkins.plugins.dbrunbooks.engine.method.mariadb.ForeignKeyIndexes.Key;
import io.jenkins.plugins.dbrunbooks.engine.method.mariadb.ForeignKeyIndexes.Parts;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The lines of one CREATE TABLE of a {@code mariadb-dump} script, as they pass: its indexes and foreign keys are
 * noted, and its closing line is preceded by the indexes its foreign keys lack ({@link ForeignKeyIndexes}). Each
 * comes on a line that starts with the comma, since the line before ends the table's last definition.
 */
final class DumpedTableKeys {
    private static final String NAME = "(`(?:[^`]|``)*`)";
    // SHOW CREATE TABLE writes PRIMARY KEY, UNIQUE KEY, KEY, FULLTEXT KEY, SPATIAL KEY.
    private static final Pattern INDEX = Pattern.compile("^  (?:([A-Z]+) )?KEY (?:" + NAME + " )?");
    private static final Pattern FOREIGN_KEY = Pattern.compile("^  CONSTRAINT " + NAME + " FOREIGN KEY ");

    private final String table;
    private final List<Index> indexes = new ArrayList<>();
    private final List<Key> keys = new ArrayList<>();

    DumpedTableKeys(String table) {
        this.table = table;
    }

    /** Notes a line of the table's definitions, which starts with two spaces. */
    void line(String line) {
        Matcher key = FOREIGN_KEY.matcher(line);
        if (key.find()) {
            Parts parts = ForeignKeyIndexes.parts(line, key.end());
            if (parts != null) {
                keys.add(new Key(unquote(key.group(1)), parts.whole()));
            }
            return;
        }
        Matcher index = INDEX.matcher(line);
        if (!index.find()) {
            return;
        }
        String kind = index.group(1);
        String name = index.group(2) == null ? "PRIMARY" : unquote(index.group(2));
        Parts parts = ForeignKeyIndexes.parts(line, index.end());
        // A long unique key is an index of a hidden hash column.
        boolean serves = parts != null && (kind == null || kind.equals("PRIMARY") || kind.equals("UNIQUE"))
                && !line.startsWith(" USING HASH", parts.end());
        indexes.add(new Index(name, serves ? parts.whole() : List.of()));
    }

    /**
     * The lines that go before the table's closing line, each ending with a line feed; empty where every foreign
     * key has an index.
     *
     * @param added told each index added, to be named in the restore's output
     */
    String beforeClosing(List<String> added) {
        StringBuilder lines = new StringBuilder();
        for (Index index : ForeignKeyIndexes.missing(indexes, keys)) {
            lines.append("  ,KEY ").append(MariaDbAdmin.quote(index.name())).append(" (")
                    .append(index.columns().stream().map(MariaDbAdmin::quote).collect(Collectors.joining(",")))
                    .append(")\n");
            added.add("'" + table + "'.'" + index.name() + "' on (" + String.join(", ", index.columns()) + ")");
        }
        return lines.toString();
    }

    private static String unquote(String quoted) {
        return quoted.substring(1, quoted.length() - 1).replace("``", "`");
    }
}
