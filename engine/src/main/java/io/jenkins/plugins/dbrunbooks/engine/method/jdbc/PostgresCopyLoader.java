package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format.SnapshotReader;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format.SpooledValue;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ColumnDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.PortableType;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Loads a table's rows into PostgreSQL with {@code COPY ... FROM STDIN} in text format, streaming through a
 * bounded buffer: large values go from their spool files straight into the copy. Only the PostgreSQL method uses
 * this class, so other engines never need the PostgreSQL driver.
 */
final class PostgresCopyLoader implements SnapshotRestore.TableLoader {
    private static final int BUFFER = 1 << 16;
    private static final int BINARY_BUFFER = 1 << 18;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    @Override
    public long load(Connection c, String table, List<String> columnNames, List<ColumnDef> columns,
            List<JdbcValues.ColumnBinding> targets, SnapshotReader reader, boolean whole) throws SQLException,
            IOException {
        // A generated column takes no value: COPY names only the others, and the row's value of it is skipped.
        String copy = "COPY " + table + columnList(columnNames.stream().filter(Objects::nonNull).toList())
                + " FROM STDIN";
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(copy);
        List<SpooledValue> spooled = new ArrayList<>();
        boolean done = false;
        long rows = 0;
        try {
            CopyWriter out = new CopyWriter(in);
            Object[] row;
            while ((row = reader.nextRow()) != null) {
                boolean first = true;
                for (int i = 0; i < row.length; i++) {
                    Object value = row[i];
                    if (columnNames.get(i) == null) {
                        if (value instanceof SpooledValue large) {
                            spooled.add(large);
                        }
                        continue;
                    }
                    if (!first) {
                        out.put('\t');
                    }
                    first = false;
                    if (value == null) {
                        out.put('\\');
                        out.put('N');
                    } else if (value instanceof SpooledValue large) {
                        spooled.add(large);
                        large(out, large);
                    } else {
                        JdbcValues.refuseMariaDbOnly(table, columnNames.get(i), value, "PostgreSQL");
                        value(out, columns.get(i).type(), targets.get(i), value);
                    }
                }
                out.put('\n');
                rows++;
                if (!spooled.isEmpty()) {
                    spooled.forEach(SpooledValue::close);
                    spooled.clear();
                }
            }
            out.flush();
            in.endCopy();
            done = true;
        } catch (SQLException e) {
            throw new SQLException(e.getMessage() + " [in: COPY of " + table + "]", e.getSQLState(), e);
        } finally {
            spooled.forEach(SpooledValue::close);
            if (!done && in.isActive()) {
                try {
                    in.cancelCopy();
                } catch (SQLException e) {
                    // The first failure is the one reported.
                }
            }
        }
        return rows;
    }

    /**
     * Loads data in PostgreSQL's binary COPY format as it is, with {@code COPY ... FROM STDIN (FORMAT binary)}, in
     * the transaction the caller commits; the server checks the format as it reads it.
     *
     * @param whole whether this is all of the table's data; else other connections load its other parts at once
     * @return the rows loaded
     */
    static long loadBinary(Connection c, String table, List<String> columnNames, InputStream data, boolean whole)
            throws SQLException, IOException {
        byte[] buffer = new byte[BINARY_BUFFER];
        int n = data.readNBytes(buffer, 0, buffer.length);
        // Emptied in this transaction, the new table takes its rows frozen: the index builds and the first reads
        // after the restore need not visit every page again to mark its rows visible. A part cannot: the emptying
        // would wait for, or wipe, the parts loading beside it. Nor is it worth it for data that fits in the first
        // buffer: the emptying gives the table new files, which on many small tables cost more than the marking.
        boolean freeze = whole && n == buffer.length;
        if (freeze) {
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("TRUNCATE ONLY " + table);
            }
        }
        String copy = "COPY " + table + columnList(columnNames) + " FROM STDIN (FORMAT binary"
                + (freeze ? ", FREEZE)" : ")");
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(copy);
        boolean done = false;
        try {
            while (n > 0) {
                in.writeToCopy(buffer, 0, n);
                n = data.readNBytes(buffer, 0, buffer.length);
            }
            long rows = in.endCopy();
            done = true;
            return rows;
        } catch (SQLException e) {
            throw new SQLException(e.getMessage() + " [in: binary COPY of " + table + "]", e.getSQLState(), e);
        } finally {
            if (!done && in.isActive()) {
                try {
                    in.cancelCopy();
                } catch (SQLException e) {
                    // The first failure is the one reported.
                }
            }
        }
    }

    private static void large(CopyWriter out, SpooledValue value) throws IOException, SQLException {
        if (value.text()) {
            try (Reader r = value.openReader()) {
                char[] chunk = new char[8192];
                int n;
                while ((n = r.read(chunk)) > 0) {
                    for (int k = 0; k < n; k++) {
                        out.escaped(chunk[k]);
                    }
                }
            }
        } else {
            out.put('\\');
            out.put('\\');
            out.put('x');
            try (InputStream s = value.openStream()) {
                byte[] chunk = new byte[8192];
                int n;
                while ((n = s.read(chunk)) > 0) {
                    for (int k = 0; k < n; k++) {
                        out.put(HEX[(chunk[k] >> 4) & 0xF]);
                        out.put(HEX[chunk[k] & 0xF]);
                    }
                }
            }
        }
    }

    private static void value(CopyWriter out, PortableType type, JdbcValues.ColumnBinding target, Object value)
            throws SQLException {
        switch (type.kind()) {
            case BINARY, VARBINARY, BLOB -> {
                byte[] bytes = (byte[]) value;
                out.put('\\');
                out.put('\\');
                out.put('x');
                for (byte b : bytes) {
                    out.put(HEX[(b >> 4) & 0xF]);
                    out.put(HEX[b & 0xF]);
                }
            }
            case ARRAY -> out.escaped(array(type.element(), (List<?>) value));
            default -> out.escaped(text(type, target, value));
        }
    }

    /** The value as PostgreSQL reads it from text, before the copy's escaping. */
    private static String text(PortableType type, JdbcValues.ColumnBinding target, Object value) {
        return switch (type.kind()) {
            case BOOLEAN -> (Boolean) value ? "t" : "f";
            case DECIMAL -> value instanceof Double special
                    ? special.isNaN() ? "NaN" : special > 0 ? "Infinity" : "-Infinity"
                    : ((BigDecimal) value).toPlainString();
            case DATE -> date((LocalDate) value);
            case TIME -> time((LocalTime) value);
            case TIMESTAMP -> timestamp((LocalDateTime) value);
            case TIMESTAMP_TZ -> {
                OffsetDateTime time = (OffsetDateTime) value;
                if (time.equals(OffsetDateTime.MAX)) {
                    yield "infinity";
                } else if (time.equals(OffsetDateTime.MIN)) {
                    yield "-infinity";
                } else if (target == null || target.sqlType() == Types.TIMESTAMP_WITH_TIMEZONE
                        || target.named("tz", "time zone")) {
                    yield timestampTz(time);
                } else {
                    // A column without a zone keeps the moment in UTC.
                    yield timestamp(time.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
                }
            }
            case BINARY, VARBINARY, BLOB -> {
                byte[] bytes = (byte[]) value;
                StringBuilder hex = new StringBuilder(2 + bytes.length * 2).append("\\x");
                for (byte b : bytes) {
                    hex.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
                }
                yield hex.toString();
            }
            case UUID -> ((UUID) value).toString();
            default -> value.toString();
        };
    }

    /** An array literal, every element quoted so no element text can be mistaken for syntax. */
    private static String array(PortableType element, List<?> values) {
        StringBuilder literal = new StringBuilder().append('{');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            Object v = values.get(i);
            if (v == null) {
                literal.append("NULL");
                continue;
            }
            String text = text(element, null, v);
            literal.append('"');
            for (int k = 0; k < text.length(); k++) {
                char ch = text.charAt(k);
                if (ch == '"' || ch == '\\') {
                    literal.append('\\');
                }
                literal.append(ch);
            }
            literal.append('"');
        }
        return literal.append('}').toString();
    }

    private static String date(LocalDate date) {
        if (date.equals(LocalDate.MAX)) {
            return "infinity";
        } else if (date.equals(LocalDate.MIN)) {
            return "-infinity";
        }
        StringBuilder s = new StringBuilder(16);
        appendDate(s, date);
        return era(s, date.getYear()).toString();
    }

    private static String timestamp(LocalDateTime time) {
        if (time.equals(LocalDateTime.MAX)) {
            return "infinity";
        } else if (time.equals(LocalDateTime.MIN)) {
            return "-infinity";
        }
        StringBuilder s = new StringBuilder(32);
        appendDate(s, time.toLocalDate());
        s.append(' ').append(time(time.toLocalTime()));
        return era(s, time.getYear()).toString();
    }

    private static String timestampTz(OffsetDateTime time) {
        StringBuilder s = new StringBuilder(40);
        appendDate(s, time.toLocalDate());
        s.append(' ').append(time(time.toLocalTime()));
        int seconds = time.getOffset().getTotalSeconds();
        s.append(seconds < 0 ? '-' : '+');
        seconds = Math.abs(seconds);
        two(s, seconds / 3600).append(':');
        two(s, seconds / 60 % 60);
        if (seconds % 60 != 0) {
            two(s.append(':'), seconds % 60);
        }
        return era(s, time.getYear()).toString();
    }

    private static String time(LocalTime time) {
        // PostgreSQL's 24:00:00 comes back as the last moment of the day.
        return time.equals(LocalTime.MAX) ? "24:00:00" : time.toString();
    }

    /** Year (without sign; BC years are marked after), month and day. */
    private static void appendDate(StringBuilder s, LocalDate date) {
        int year = date.getYear() <= 0 ? 1 - date.getYear() : date.getYear();
        String y = Integer.toString(year);
        for (int i = y.length(); i < 4; i++) {
            s.append('0');
        }
        s.append(y).append('-');
        two(s, date.getMonthValue()).append('-');
        two(s, date.getDayOfMonth());
    }

    private static StringBuilder era(StringBuilder s, int year) {
        return year <= 0 ? s.append(" BC") : s;
    }

    private static StringBuilder two(StringBuilder s, int n) {
        return s.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
    }

    /** Encodes characters as UTF-8 into the copy through one fixed buffer. */
    private static final class CopyWriter {
        private final CopyIn in;
        private final byte[] buffer = new byte[BUFFER];
        private int used;
        private char highSurrogate;

        CopyWriter(CopyIn in) {
            this.in = in;
        }

        void escaped(String text) throws SQLException {
            for (int i = 0, n = text.length(); i < n; i++) {
                escaped(text.charAt(i));
            }
        }

        void escaped(char ch) throws SQLException {
            switch (ch) {
                case '\\' -> {
                    put('\\');
                    put('\\');
                }
                case '\t' -> {
                    put('\\');
                    put('t');
                }
                case '\n' -> {
                    put('\\');
                    put('n');
                }
                case '\r' -> {
                    put('\\');
                    put('r');
                }
                default -> put(ch);
            }
        }

        void put(char ch) throws SQLException {
            if (used + 4 > buffer.length) {
                flush();
            }
            if (ch < 0x80) {
                buffer[used++] = (byte) ch;
            } else if (ch < 0x800) {
                buffer[used++] = (byte) (0xC0 | (ch >> 6));
                buffer[used++] = (byte) (0x80 | (ch & 0x3F));
            } else if (Character.isHighSurrogate(ch)) {
                highSurrogate = ch;
            } else if (Character.isLowSurrogate(ch) && highSurrogate != 0) {
                int cp = Character.toCodePoint(highSurrogate, ch);
                highSurrogate = 0;
                buffer[used++] = (byte) (0xF0 | (cp >> 18));
                buffer[used++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buffer[used++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buffer[used++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                buffer[used++] = (byte) (0xE0 | (ch >> 12));
                buffer[used++] = (byte) (0x80 | ((ch >> 6) & 0x3F));
                buffer[used++] = (byte) (0x80 | (ch & 0x3F));
            }
        }

        void flush() throws SQLException {
            if (used > 0) {
                in.writeToCopy(buffer, 0, used);
                used = 0;
            }
        }
    }

    /** The column list of a COPY; none for a table without columns, whose rows COPY still counts. */
    private static String columnList(List<String> names) {
        return names.isEmpty() ? "" : " (" + String.join(", ", names) + ")";
    }
}
