package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two limits MariaDB puts on a table's row, which PostgreSQL, storing each value as long as it is, does not
 * have: a table of 70 {@code varchar(255)} columns, or of 200 {@code varchar(20)}, is ordinary there and refused
 * here at CREATE TABLE ("Row size too large").
 * <ul>
 * <li>The server's: every column but TEXT and BLOB (counted as their pointers) at its longest, a utf8mb4
 * VARCHAR(n) as 4n bytes and its length, at most 65,535 bytes in all.
 * <li>InnoDB's, under {@code innodb_strict_mode}: half a page (8,126 bytes in 16 KiB pages) for the row as it
 * could be stored in its page, a column that may go to a page of its own (longer than 255 bytes) counted as the
 * pointer to it. Off, the table is created, and only a row that does not fit is refused as it loads.
 * </ul>
 * Both are estimated here from the types written, a little above MariaDB's own count, so that a table it would
 * refuse is never taken for one it takes.
 */
final class MariaDbRowSize {
    /** The server's limit, less room for what the estimate may leave out. */
    static final int SERVER_LIMIT = 65535 - 256;
    /** InnoDB's limit in 16 KiB pages, less the same room. */
    static final int INNODB_LIMIT = 8126 - 256;
    /** What InnoDB keeps in the row of a column it may store elsewhere. */
    private static final int POINTER = 40;
    private static final int UTF8MB4_BYTES = 4;
    private static final Pattern TYPE = Pattern.compile("([A-Z]+)(?:\\((\\d+)(?:,(\\d+))?\\))?.*", Pattern.DOTALL);

    private MariaDbRowSize() {
    }

    /**
     * The VARCHAR columns, not in {@code keyed}, that become TEXT so the row fits the server's limit, the longest
     * first, with their lengths in characters; none where it fits, or cannot be made to.
     *
     * @param types per column, in order, the type it is written as
     */
    static Map<String, Integer> varcharsAsText(List<String> names, List<String> types, Set<String> keyed) {
        long bytes = 0;
        List<Integer> movable = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            bytes += serverBytes(types.get(i));
            if (types.get(i) != null && !keyed.contains(names.get(i)) && varcharLength(types.get(i)) > 0) {
                movable.add(i);
            }
        }
        bytes += (types.size() + 7) / 8 + 1;
        Map<String, Integer> asText = new LinkedHashMap<>();
        if (bytes <= SERVER_LIMIT) {
            return asText;
        }
        movable.sort(Comparator.comparingInt((Integer i) -> varcharLength(types.get(i))).reversed());
        for (int i : movable) {
            if (bytes <= SERVER_LIMIT) {
                break;
            }
            bytes -= serverBytes(types.get(i)) - serverBytes("TEXT");
            asText.put(names.get(i), varcharLength(types.get(i)));
        }
        return bytes <= SERVER_LIMIT ? asText : Map.of();
    }

    /** Whether InnoDB in strict mode would refuse a table of these types at CREATE TABLE. */
    static boolean overInnoDbLimit(List<String> types) {
        long bytes = 5 + 13 + (types.size() + 7) / 8;
        for (String type : types) {
            bytes += innoDbBytes(type);
        }
        return bytes > INNODB_LIMIT;
    }

    /** A utf8mb4 VARCHAR's length in characters; 0 for another type. */
    static int varcharLength(String type) {
        Matcher m = match(type);
        return m != null && m.group(1).equals("VARCHAR") && m.group(2) != null ? Integer.parseInt(m.group(2)) : 0;
    }

    private static long serverBytes(String type) {
        Matcher m = match(type);
        if (m == null) {
            return 16;
        }
        long n = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
        return switch (m.group(1)) {
            case "VARCHAR" -> UTF8MB4_BYTES * n + (UTF8MB4_BYTES * n > 255 ? 2 : 1);
            case "CHAR" -> UTF8MB4_BYTES * n;
            case "VARBINARY" -> n + (n > 255 ? 2 : 1);
            case "BINARY" -> n;
            default -> fixedBytes(m);
        };
    }

    private static long innoDbBytes(String type) {
        Matcher m = match(type);
        if (m == null) {
            return POINTER;
        }
        long n = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
        return switch (m.group(1)) {
            // utf8mb4 CHAR is stored with a length too, as VARCHAR is.
            case "VARCHAR", "CHAR" -> UTF8MB4_BYTES * n > 255 ? POINTER + 2 : UTF8MB4_BYTES * n + 1;
            case "VARBINARY" -> n > 255 ? POINTER + 2 : n + 1;
            case "BINARY" -> n;
            default -> outOfRow(m) ? POINTER + 2 : fixedBytes(m);
        };
    }

    /** TEXT, BLOB and JSON, which the server counts apart and InnoDB may keep out of the row. */
    private static boolean outOfRow(Matcher m) {
        String name = m.group(1);
        return name.endsWith("TEXT") || name.endsWith("BLOB") || name.equals("JSON");
    }

    /** Types of one size (numbers, dates and times), and what the server counts of TEXT, BLOB and JSON. */
    private static long fixedBytes(Matcher m) {
        return switch (m.group(1)) {
            case "BOOLEAN", "TINYINT" -> 1;
            case "SMALLINT", "ENUM" -> 2;
            case "DATE" -> 3;
            case "INT", "FLOAT" -> 4;
            case "TIME" -> 6;
            case "BIGINT", "DOUBLE", "DATETIME", "TIMESTAMP" -> 8;
            case "DECIMAL" -> m.group(2) == null ? 8 : (Long.parseLong(m.group(2)) / 9 + 2) * 4;
            default -> 12;
        };
    }

    private static Matcher match(String type) {
        if (type == null) {
            return null;
        }
        Matcher m = TYPE.matcher(type.toUpperCase(Locale.ROOT));
        return m.matches() ? m : null;
    }
}
