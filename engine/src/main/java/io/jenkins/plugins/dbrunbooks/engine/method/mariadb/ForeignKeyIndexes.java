package io.jenkins.plugins.dbrunbooks.engine.method.mariadb;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * InnoDB checks a foreign key through an index of the referencing table whose first columns are the key's, whole:
 * not a FULLTEXT or SPATIAL index, a long unique key ({@code USING HASH}) or a column prefix. MariaDB makes one with
 * the key, but drops it as redundant when a FULLTEXT index on the same columns is added, and lets it be dropped with
 * {@code foreign_key_checks} off, which leaves a key that no index serves: the table refuses every delete or update of
 * a parent row, even of one nothing refers to. The server does not create such a table again: with the FULLTEXT
 * index it refuses it ("Foreign key constraint is incorrectly formed"), without any it makes the index. So a restore
 * gives each such key the index MariaDB makes for one: plain, on the key's columns, named after the constraint
 * ({@code _2}, {@code _3}... where an index has that name, which would fail the server's own).
 */
public final class ForeignKeyIndexes {
    private static final int LONGEST_NAME = 64;

    /**
     * An index of the table.
     *
     * @param columns its leading columns through which it can serve a foreign key; none for a FULLTEXT, SPATIAL or
     *     long unique index
     */
    public record Index(String name, List<String> columns) {
        public Index {
            columns = List.copyOf(columns);
        }
    }

    /** A foreign key: its constraint's name and its columns. */
    public record Key(String name, List<String> columns) {
        public Key {
            columns = List.copyOf(columns);
        }
    }

    /**
     * A key's parts as MariaDB writes them.
     *
     * @param whole the columns before the first with a prefix length, which cannot serve a foreign key
     * @param end the position after the closing parenthesis
     */
    public record Parts(List<String> whole, int end) {
    }

    private ForeignKeyIndexes() {
    }

    /** The indexes to add so that every key has one, in the order to add them; none where each has one. */
    public static List<Index> missing(List<Index> indexes, List<Key> keys) {
        List<Index> serving = new ArrayList<>(indexes);
        Set<String> names = new HashSet<>();
        indexes.forEach(i -> names.add(i.name().toLowerCase(Locale.ROOT)));
        // The widest key first, so that a key on the leading columns of another shares its index; then by name,
        // so that the order a catalog or a dump lists the keys in does not matter.
        List<Key> ordered = new ArrayList<>(keys);
        ordered.sort(Comparator.comparingInt((Key k) -> -k.columns().size()).thenComparing(Key::name));
        List<Index> added = new ArrayList<>();
        for (Key key : ordered) {
            if (key.columns().isEmpty() || serving.stream().anyMatch(i -> leads(i.columns(), key.columns()))) {
                continue;
            }
            Index index = new Index(freeName(key.name(), names), key.columns());
            names.add(index.name().toLowerCase(Locale.ROOT));
            added.add(index);
            serving.add(index);
        }
        return added;
    }

    /** MariaDB's column names are not case sensitive. */
    private static boolean leads(List<String> index, List<String> key) {
        if (index.size() < key.size()) {
            return false;
        }
        for (int i = 0; i < key.size(); i++) {
            if (!index.get(i).equalsIgnoreCase(key.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static String freeName(String name, Set<String> taken) {
        String free = name;
        for (int n = 2; taken.contains(free.toLowerCase(Locale.ROOT)); n++) {
            String suffix = "_" + n;
            free = name.substring(0, Math.min(name.length(), LONGEST_NAME - suffix.length())) + suffix;
        }
        return free;
    }

    /**
     * The parts of a key as MariaDB writes them, {@code (`a`,`b`(10) DESC)}, from the opening parenthesis at
     * {@code from}; null where the text there is not such a list.
     */
    public static Parts parts(String text, int from) {
        if (from < 0 || from >= text.length() || text.charAt(from) != '(') {
            return null;
        }
        List<String> whole = new ArrayList<>();
        boolean prefixed = false;
        int i = from + 1;
        while (true) {
            if (i >= text.length() || text.charAt(i) != '`') {
                return null;
            }
            StringBuilder name = new StringBuilder();
            for (i++; ; i++) {
                if (i >= text.length()) {
                    return null;
                }
                if (text.charAt(i) == '`') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '`') {
                        i++;
                    } else {
                        i++;
                        break;
                    }
                }
                name.append(text.charAt(i));
            }
            if (i < text.length() && text.charAt(i) == '(') {
                int close = text.indexOf(')', i);
                if (close < 0) {
                    return null;
                }
                prefixed = true;
                i = close + 1;
            }
            if (text.startsWith(" DESC", i)) {
                i += " DESC".length();
            } else if (text.startsWith(" ASC", i)) {
                i += " ASC".length();
            }
            if (!prefixed) {
                whole.add(name.toString());
            }
            if (text.startsWith(")", i)) {
                return new Parts(whole, i + 1);
            }
            if (!text.startsWith(",", i)) {
                return null;
            }
            i++;
            while (i < text.length() && text.charAt(i) == ' ') {
                i++;
            }
        }
    }
}
