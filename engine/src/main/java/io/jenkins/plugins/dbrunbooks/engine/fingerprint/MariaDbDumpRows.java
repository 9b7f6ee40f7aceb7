package io.jenkins.plugins.dbrunbooks.engine.fingerprint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link MariaDbTextFingerprinter}'s fingerprints taken from the rows of a dump as they stream, so that the server
 * reads and converts every row once instead of twice. It reads what {@code mariadb-dump --hex-blob
 * --default-character-set=utf8mb4} writes (in UTC, its default): each table's rows in {@code INSERT} statements
 * between {@code LOCK TABLES} and {@code UNLOCK TABLES}, every value on one line. A string literal is unescaped
 * and a hex literal decoded back into the bytes the server sends for the value in the text protocol, and a number
 * is that text already, so each row hashes as the fingerprinter's {@code SELECT} would hash it; generated columns
 * are left out as there.
 *
 * <p>Only tables whose every column is of a type checked to be written that way are taken (see {@link #TYPES});
 * a table the dump does not show whole in the expected form gets no fingerprint here, and the caller reads it
 * with a {@code SELECT} instead.
 */
public final class MariaDbDumpRows {
    /**
     * Types whose dump literal decodes to the fingerprinter's value: text in utf8mb4 and binary strings as bytes,
     * BIT and geometry as hex of their bytes, the others as the server's text, which is what
     * {@code CAST(col AS CHAR)} gives.
     */
    static final Set<String> TYPES = Set.of("tinyint", "smallint", "mediumint", "int", "bigint", "decimal",
            "float", "double", "char", "varchar", "tinytext", "text", "mediumtext", "longtext", "binary",
            "varbinary", "tinyblob", "blob", "mediumblob", "longblob", "enum", "set", "bit", "date", "datetime",
            "timestamp", "time", "year", "uuid", "inet4", "inet6", "geometry", "point", "linestring", "polygon",
            "multipoint", "multilinestring", "multipolygon", "geometrycollection");
    // The tables are a subquery, not a join: information_schema joined on the columns' table names took 0.4 s on a
    // thousand tables, the subquery 0.02 s.
    private static final String COLUMNS = "SELECT c.TABLE_NAME, c.COLUMN_NAME, c.DATA_TYPE,"
            + " COALESCE(c.GENERATION_EXPRESSION, '') <> '', c.EXTRA LIKE '%INVISIBLE%'"
            + " FROM information_schema.COLUMNS c WHERE c.TABLE_SCHEMA = DATABASE() AND c.TABLE_NAME IN"
            + " (SELECT t.TABLE_NAME FROM information_schema.TABLES t"
            + " WHERE t.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE')"
            + " ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION";
    /**
     * Where the dump's values would not read back as the fingerprinter's: modes that change how strings are escaped
     * or CHAR values sent, and MySQL, whose dump of the same types was not checked.
     */
    private static final String MODES = "SELECT VERSION() NOT LIKE '%MariaDB%'"
            + " OR @@global.sql_mode LIKE '%NO_BACKSLASH_ESCAPES%'"
            + " OR @@global.sql_mode LIKE '%PAD_CHAR_TO_FULL_LENGTH%'";
    private static final String TABLES = "SELECT TABLE_NAME FROM information_schema.TABLES"
            + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED')";
    private static final byte[] LOCK = "LOCK TABLES `".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LOCK_END = "` WRITE;".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UNLOCK = "UNLOCK TABLES;".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INSERT = "INSERT INTO ".getBytes(StandardCharsets.US_ASCII);
    private static final int LONGEST_LINE_KEPT = 4096;
    private static final int BUFFER = 1 << 16;
    private static final byte[] HEX = new byte[256];
    /** The bytes a number's text is made of. */
    private static final boolean[] NUMBER = new boolean[256];

    static {
        for (int c : "0123456789-+.eE".getBytes(StandardCharsets.US_ASCII)) {
            NUMBER[c] = true;
        }
        Arrays.fill(HEX, (byte) -1);
        for (int i = 0; i < 16; i++) {
            HEX["0123456789abcdef".charAt(i)] = (byte) i;
            HEX["0123456789ABCDEF".charAt(i)] = (byte) i;
        }
    }

    /** A table's columns in order: their names, which are hashed (not generated) and which a plain INSERT lists. */
    private record Layout(List<String> names, boolean[] hashed, boolean[] visible) {
    }

    /** The dump's form was not the one expected, so the table it was read for gets no fingerprint here. */
    private static final class Unexpected extends Exception {
        private static final long serialVersionUID = 1L;

        Unexpected(String what) {
            super(what, null, false, false);
        }
    }

    private final Map<String, Layout> layouts;
    private final List<String> others;
    private final Map<String, TableFingerprint> fingerprints = new ConcurrentHashMap<>();
    /** Room for a row and for half a buffer of hex digits after it, decoded in place. */
    private final FieldRowHash row = new FieldRowHash(2 * BUFFER);
    private byte[] value = new byte[1024];
    private int valueLength;
    private InputStream in;
    /** Read into its first {@link #BUFFER} bytes: the rest lets {@link DumpScan} read 8 bytes anywhere before. */
    private final byte[] buffer = new byte[BUFFER + 8];
    private int position;
    private int limit;

    private MariaDbDumpRows(Map<String, Layout> layouts, List<String> tables) {
        this.layouts = layouts;
        this.others = tables.stream().filter(t -> !layouts.containsKey(t)).toList();
    }

    /** The tables of the connection's database whose rows can be hashed from its dump (none in odd modes). */
    public static MariaDbDumpRows plan(Connection c) throws SQLException {
        Map<String, List<Object[]>> columns = new LinkedHashMap<>();
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery(TABLES)) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            try (ResultSet rs = s.executeQuery(MODES)) {
                if (rs.next() && rs.getBoolean(1)) {
                    return new MariaDbDumpRows(Map.of(), tables);
                }
            }
            try (ResultSet rs = s.executeQuery(COLUMNS)) {
                while (rs.next()) {
                    columns.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(new Object[] {
                        rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getBoolean(5)});
                }
            }
        }
        Map<String, Layout> layouts = new HashMap<>();
        columns.forEach((table, list) -> {
            List<String> names = new ArrayList<>();
            boolean[] hashed = new boolean[list.size()];
            boolean[] visible = new boolean[list.size()];
            boolean known = true;
            for (int i = 0; i < list.size(); i++) {
                Object[] column = list.get(i);
                names.add((String) column[0]);
                hashed[i] = !(Boolean) column[2];
                visible[i] = !(Boolean) column[3];
                known &= !hashed[i] || TYPES.contains((String) column[1]);
            }
            if (known) {
                layouts.put(table, new Layout(names, hashed, visible));
            }
        });
        return new MariaDbDumpRows(layouts, tables);
    }

    /** The tables this reader means to take from the dump. */
    public Set<String> planned() {
        return Set.copyOf(layouts.keySet());
    }

    /** The tables left to a {@code SELECT}: system-versioned ones, and those with a column of another type. */
    public List<String> others() {
        return others;
    }

    /** The fingerprints of the planned tables the dump showed whole, once {@link #read} has returned. */
    public Map<String, TableFingerprint> fingerprints() {
        return Map.copyOf(fingerprints);
    }

    /**
     * Reads the dump to its end. A table whose rows are not in the expected form is skipped, never the stream:
     * the rest of it is still read, so a writer feeding it is never left waiting.
     */
    public void read(InputStream dump) throws IOException {
        this.in = dump;
        String table = null;
        Layout layout = null;
        long rows = 0;
        long sum = 0;
        while (true) {
            if (table != null && layout != null && peek() == 'I' && prefix(INSERT) == INSERT.length) {
                try {
                    long[] counted = insert(table, layout);
                    rows += counted[0];
                    sum += counted[1];
                } catch (Unexpected e) {
                    layout = null;
                    row.finishRow();
                    skipLine();
                }
                continue;
            }
            if (table != null && peek() != 'U') {
                // A line of the table's data section that is neither one of its INSERTs nor its end.
                skipLine();
                if (peek() < 0) {
                    return;
                }
                continue;
            }
            byte[] line = line();
            if (line == null) {
                return;
            }
            if (table == null) {
                table = lockedTable(line);
                layout = table == null ? null : layouts.get(table);
                rows = 0;
                sum = 0;
            } else if (Arrays.equals(line, UNLOCK)) {
                if (layout != null) {
                    fingerprints.put(table, new TableFingerprint(rows, RowSum.hex(sum)));
                }
                table = null;
                layout = null;
            }
        }
    }

    private static String lockedTable(byte[] line) {
        if (line.length < LOCK.length + LOCK_END.length
                || !Arrays.equals(line, 0, LOCK.length, LOCK, 0, LOCK.length)
                || !Arrays.equals(line, line.length - LOCK_END.length, line.length, LOCK_END, 0, LOCK_END.length)) {
            return null;
        }
        String quoted = new String(line, LOCK.length, line.length - LOCK.length - LOCK_END.length,
                StandardCharsets.UTF_8);
        return quoted.replace("``", "`");
    }

    /** One INSERT, after its first words: its rows' count and the sum of their hashes. */
    private long[] insert(String table, Layout layout) throws IOException, Unexpected {
        if (!table.equals(identifier())) {
            throw new Unexpected("rows of another table");
        }
        expect(' ');
        int[] columns = columns(layout);
        long rows = 0;
        long sum = 0;
        while (true) {
            skipSpace();
            expect('(');
            int i = 0;
            while (true) {
                if (i >= columns.length) {
                    throw new Unexpected("more values than columns");
                }
                int mark = row.length();
                value();
                if (!layout.hashed()[columns[i]]) {
                    row.length(mark);
                }
                i++;
                int c = next();
                if (c == ')') {
                    break;
                }
                if (c != ',') {
                    throw new Unexpected("no comma between values");
                }
            }
            if (i != columns.length) {
                throw new Unexpected("fewer values than columns");
            }
            sum += row.finishRow();
            rows++;
            skipSpace();
            int c = next();
            if (c == ';') {
                skipLine();
                return new long[] {rows, sum};
            }
            if (c != ',') {
                throw new Unexpected("no comma between rows");
            }
        }
    }

    /** The column of each value: the visible ones in order, or those the statement names. */
    private int[] columns(Layout layout) throws IOException, Unexpected {
        int c = next();
        if (c == 'V') {
            expect("ALUES");
            int[] columns = new int[layout.names().size()];
            int n = 0;
            for (int i = 0; i < columns.length; i++) {
                if (layout.visible()[i]) {
                    columns[n++] = i;
                }
            }
            return Arrays.copyOf(columns, n);
        }
        if (c != '(') {
            throw new Unexpected("neither VALUES nor a column list");
        }
        List<Integer> columns = new ArrayList<>();
        while (true) {
            int index = layout.names().indexOf(identifier());
            if (index < 0) {
                throw new Unexpected("a column not known");
            }
            columns.add(index);
            c = next();
            if (c == ')') {
                break;
            }
            if (c != ',') {
                throw new Unexpected("no comma between columns");
            }
            expect(' ');
        }
        expect(" VALUES");
        return columns.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Adds one value to the row. */
    private void value() throws IOException, Unexpected {
        int c = next();
        if (c == '\'') {
            row.startValue();
            string();
        } else if (c == 'N') {
            expect("ULL");
            row.addNull();
            return;
        } else if (c == '0' && peek() == 'x') {
            next();
            row.startValue();
            hex();
        } else if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.') {
            row.startValue();
            row.append(c);
            number();
        } else {
            throw new Unexpected("a value of unknown form");
        }
        row.endValue();
    }

    /** The rest of a number: its bytes are already the server's text. */
    private void number() throws IOException {
        while (position < limit || fill()) {
            byte[] b = buffer;
            int start = position;
            int i = start;
            int end = limit;
            while (i < end && NUMBER[b[i] & 0xff]) {
                i++;
            }
            row.append(b, start, i - start);
            position = i;
            if (i < end) {
                return;
            }
        }
    }

    /** A string literal after its opening quote, unescaped as the server reads it. */
    private void string() throws IOException, Unexpected {
        while (true) {
            if (position == limit && !fill()) {
                throw new Unexpected("the dump ended in a string");
            }
            byte[] b = buffer;
            int end = limit;
            int i = position;
            // Within the buffer, a quote or escape and the byte after it are read where they lie.
            int j = DumpScan.quoteOrBackslash(b, i, end);
            while (j + 1 < end) {
                row.append(b, i, j - i);
                if (b[j] == '\'') {
                    if (b[j + 1] != '\'') {
                        position = j + 1;
                        return;
                    }
                    row.append('\'');
                } else {
                    escape(b[j + 1] & 0xff);
                }
                i = j + 2;
                j = DumpScan.quoteOrBackslash(b, i, end);
            }
            row.append(b, i, j - i);
            position = j;
            if (j == end) {
                continue;
            }
            // The buffer's last byte is a quote or a backslash: what it means is in the next one.
            position++;
            if (b[j] == '\'') {
                if (peek() != '\'') {
                    return;
                }
                row.append(next());
                continue;
            }
            escape(next());
        }
    }

    private void escape(int e) throws Unexpected {
        switch (e) {
            case -1 -> throw new Unexpected("the dump ended in a string");
            case '0' -> row.append(0);
            case 'b' -> row.append('\b');
            case 'n' -> row.append('\n');
            case 'r' -> row.append('\r');
            case 't' -> row.append('\t');
            case 'Z' -> row.append(26);
            case '%', '_' -> {
                row.append('\\');
                row.append(e);
            }
            default -> row.append(e);
        }
    }

    /** The digits of a hex literal after its {@code 0x}, decoded two at a time straight into the row. */
    private void hex() throws IOException, Unexpected {
        while (position < limit || fill()) {
            byte[] b = buffer;
            int i = position;
            int end = limit;
            byte[] v = row.room((end - i) / 2 + 1);
            int n = row.length();
            for (; i + 16 <= end && DumpScan.hex16(b, i, v, n); i += 16) {
                n += 8;
            }
            for (; i + 1 < end; i += 2) {
                int high = HEX[b[i] & 0xff];
                int low = HEX[b[i + 1] & 0xff];
                if ((high | low) < 0) {
                    break;
                }
                v[n++] = (byte) (high << 4 | low);
            }
            row.length(n);
            position = i;
            if (i == end) {
                continue;
            }
            int high = HEX[b[i] & 0xff];
            if (high < 0) {
                return;
            }
            // A digit without its pair in this buffer, or before a byte that is not one.
            position++;
            int low = peek() < 0 ? -1 : HEX[peek()];
            if (low < 0) {
                throw new Unexpected("an odd number of hex digits");
            }
            next();
            row.append(high << 4 | low);
        }
    }

    /** A quoted identifier, its doubled quotes made single. */
    private String identifier() throws IOException, Unexpected {
        expect('`');
        valueLength = 0;
        while (true) {
            int c = next();
            if (c < 0 || c == '\n') {
                throw new Unexpected("an identifier without its end");
            }
            if (c == '`') {
                if (peek() != '`') {
                    return new String(value, 0, valueLength, StandardCharsets.UTF_8);
                }
                next();
            }
            append(c);
        }
    }

    private void append(int b) {
        if (valueLength == value.length) {
            value = Arrays.copyOf(value, value.length * 2);
        }
        value[valueLength++] = (byte) b;
    }

    private void expect(int c) throws IOException, Unexpected {
        if (next() != c) {
            throw new Unexpected("not '" + (char) c + "'");
        }
    }

    private void expect(String text) throws IOException, Unexpected {
        for (int i = 0; i < text.length(); i++) {
            expect(text.charAt(i));
        }
    }

    private void skipSpace() throws IOException {
        for (int c = peek(); c == ' ' || c == '\n'; c = peek()) {
            next();
        }
    }

    /** How many bytes of {@code text} the stream goes on with, taking them. */
    private int prefix(byte[] text) throws IOException {
        int n = 0;
        while (n < text.length && peek() == text[n]) {
            next();
            n++;
        }
        return n;
    }

    /** The rest of the line (its start, if long), without its end; null at the end of the dump. */
    private byte[] line() throws IOException {
        if (peek() < 0) {
            return null;
        }
        valueLength = 0;
        for (int c = next(); c >= 0 && c != '\n'; c = next()) {
            if (valueLength < LONGEST_LINE_KEPT) {
                append(c);
            }
        }
        return Arrays.copyOf(value, valueLength);
    }

    private void skipLine() throws IOException {
        while (true) {
            if (position == limit && !fill()) {
                return;
            }
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    position = i + 1;
                    return;
                }
            }
            position = limit;
        }
    }

    private int peek() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position] & 0xff;
    }

    private int next() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++] & 0xff;
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, BUFFER);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }
}
