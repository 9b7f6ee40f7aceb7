package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import io.jenkins.plugins.dbrunbooks.engine.artifact.EngineOnlyValues;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.MariaDbSelectRows;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format.DateText;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format.DecimalText;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format.MariaDbTime;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format.SpooledValue;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format.ZeroPartDate;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.PortableType;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.PortableType.Kind;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Moves values between JDBC and the format's Java types, by the column's portable kind. */
final class JdbcValues {
    private JdbcValues() {
    }

    /** The value of column {@code i}, or null; TEXT and BLOB come as streams the writer copies through. */
    static Object read(ResultSet rs, int i, PortableType type) throws SQLException {
        return reader(type).read(rs, i);
    }

    /**
     * The reader of a kind's values (see {@link #read}), chosen once per column: each is a method of its own, so
     * the compiled code of one kind is not thrown away when another kind's first value comes.
     */
    static SnapshotDialect.ValueReader reader(PortableType type) {
        return switch (type.kind()) {
            case BOOLEAN -> (rs, i) -> {
                boolean value = rs.getBoolean(i);
                return rs.wasNull() ? null : value;
            };
            case SMALLINT -> (rs, i) -> {
                short value = rs.getShort(i);
                return rs.wasNull() ? null : value;
            };
            case INTEGER -> (rs, i) -> {
                int value = rs.getInt(i);
                return rs.wasNull() ? null : value;
            };
            case BIGINT -> (rs, i) -> {
                long value = rs.getLong(i);
                return rs.wasNull() ? null : value;
            };
            case DECIMAL -> (rs, i) -> orNull(rs, decimal(rs, i));
            case REAL -> (rs, i) -> {
                float value = rs.getFloat(i);
                return rs.wasNull() ? null : value;
            };
            case DOUBLE -> (rs, i) -> {
                double value = rs.getDouble(i);
                return rs.wasNull() ? null : value;
            };
            case TEXT -> (rs, i) -> orNull(rs, rs.getCharacterStream(i));
            case BLOB -> (rs, i) -> orNull(rs, rs.getBinaryStream(i));
            case BINARY, VARBINARY -> (rs, i) -> orNull(rs, rs.getBytes(i));
            case DATE -> (rs, i) -> orNull(rs, rs.getObject(i, LocalDate.class));
            case TIME -> (rs, i) -> orNull(rs, rs.getObject(i, LocalTime.class));
            case TIMESTAMP -> (rs, i) -> orNull(rs, rs.getObject(i, LocalDateTime.class));
            case TIMESTAMP_TZ -> (rs, i) -> orNull(rs, rs.getObject(i, OffsetDateTime.class));
            case UUID -> (rs, i) -> {
                String text = rs.getString(i);
                return text == null || rs.wasNull() ? null : UUID.fromString(text);
            };
            case ARRAY -> (rs, i) -> orNull(rs, array(rs, i, type));
            default -> (rs, i) -> orNull(rs, rs.getString(i));
        };
    }

    private static Object orNull(ResultSet rs, Object value) throws SQLException {
        return rs.wasNull() ? null : value;
    }

    private static Object array(ResultSet rs, int i, PortableType type) throws SQLException {
        try {
            Array array = rs.getArray(i);
            return array == null ? null : elements(array, type.element());
        } catch (SQLException e) {
            // PostgreSQL's driver refuses NaN and infinities in numeric arrays; their text is plain.
            List<Object> decimals = type.element() != null && type.element().kind() == Kind.DECIMAL
                    ? decimalArray(rs.getString(i)) : null;
            if (decimals == null) {
                throw e;
            }
            return decimals;
        }
    }

    /**
     * The reader of a MariaDB (or MySQL) column's values, read so that nothing is lost where the driver's own
     * conversions would: TINYINT(1) values other than 0 and 1, TIME values outside one day, and dates with a zero
     * month or day (which the driver turns into NULL or refuses). FLOAT columns must be selected with
     * {@link #mariaDbSelect}. Such a value, which only MariaDB stores, puts its kind at its column's index (from 0)
     * in {@code engineOnly}; a usual value costs no more than the test of its class the reader makes anyway.
     */
    static SnapshotDialect.ValueReader mariaDbReader(PortableType type, String[] engineOnly) {
        return switch (type.kind()) {
            case BOOLEAN -> (rs, i) -> {
                int number = rs.getInt(i);
                if (rs.wasNull()) {
                    return null;
                }
                if (number == 0 || number == 1) {
                    return number == 1;
                }
                engineOnly[i - 1] = EngineOnlyValues.BOOLEAN_NOT_0_OR_1;
                return (byte) number;
            };
            // Read as the text of CAST(col AS CHAR), which the fingerprint hashes too (see DateText).
            case DATE -> (rs, i) -> {
                byte[] text = rs.getBytes(i);
                return text == null ? null : mariaDbDate(DateText.parse(text, false), engineOnly, i);
            };
            case TIMESTAMP -> (rs, i) -> {
                byte[] text = rs.getBytes(i);
                return text == null ? null : mariaDbDate(DateText.parse(text, true), engineOnly, i);
            };
            // Its text, which the fingerprint hashes too, counted without a BigDecimal (see DecimalText).
            case DECIMAL -> (rs, i) -> {
                byte[] text = rs.getBytes(i);
                return text == null ? null : DecimalText.parse(text);
            };
            case TIME -> (rs, i) -> {
                String text = rs.getString(i);
                if (text == null) {
                    return null;
                }
                Object time = MariaDbTime.parse(text);
                if (time instanceof java.time.Duration) {
                    engineOnly[i - 1] = EngineOnlyValues.TIME_OUTSIDE_DAY;
                }
                return time;
            };
            // The row is in memory already: its bytes, without a stream around them or a String to encode again.
            // Text comes in utf8mb4, the connection's character set, which is the UTF-8 the format keeps text in;
            // the fingerprint hashes the same bytes (see MariaDbSelectRows).
            case TEXT, BLOB, CHAR, VARCHAR, ENUM, JSON -> (rs, i) -> rs.getBytes(i);
            default -> reader(type);
        };
    }

    /** A date {@link DateText} read; one with a zero month or day marks its column (see {@link #mariaDbReader}). */
    private static Object mariaDbDate(Object date, String[] engineOnly, int i) {
        if (date instanceof ZeroPartDate) {
            engineOnly[i - 1] = EngineOnlyValues.ZERO_PART_DATE;
        }
        return date;
    }

    private static final Pattern WHOLE_NUMBER = Pattern.compile("(tinyint|smallint|mediumint|int|bigint)\\b.*");

    /**
     * How the value {@link #mariaDbReader} reads for a column carries the text MariaDB sends for it, which the
     * fingerprints hash: the bytes themselves (or a date's or decimal's, which it keeps), or an integer whose digits
     * they are (zerofill pads them, and YEAR writes 0 as 0000); null where it does not.
     */
    static MariaDbSelectRows.Carried mariaDbCarried(PortableType type) {
        return switch (type.kind()) {
            case TEXT, BLOB, CHAR, VARCHAR, ENUM, JSON, BINARY, VARBINARY, DATE, TIMESTAMP, DECIMAL ->
                    MariaDbSelectRows.Carried.BYTES;
            case SMALLINT, INTEGER, BIGINT -> type.nativeType() != null
                    && WHOLE_NUMBER.matcher(type.nativeType().toLowerCase(Locale.ROOT)).matches()
                    && !type.nativeType().toLowerCase(Locale.ROOT).contains("zerofill")
                    ? MariaDbSelectRows.Carried.DIGITS : null;
            default -> null;
        };
    }

    /**
     * How a MariaDB backup selects a column. The text protocol sends a FLOAT with 6 significant digits, fewer than
     * a binary32 value needs; {@code col + 0e0} is the same value as a DOUBLE, which is exact (every binary32 value
     * is a binary64 value) and sent with the digits that give it back, so reading it as a float keeps it exactly.
     */
    static String mariaDbSelect(String quotedColumn, PortableType type) {
        if (isMariaDbGeometry(type)) {
            // The value's own bytes (SRID and WKB) as hexadecimal text: they are no text the driver could decode.
            return "HEX(" + quotedColumn + ")";
        }
        return switch (type.kind()) {
            case REAL -> "(" + quotedColumn + " + 0e0)";
            // The server's own text: the driver's getString re-formats fractional seconds and drops the leading
            // zeros of the fraction (.001 comes back as .1000), and it cannot represent zero dates or TIME
            // beyond a day at all. A DECIMAL's text is the one the protocol sends, but the driver gives its bytes
            // only for a string.
            case DATE, TIMESTAMP, TIME, DECIMAL -> "CAST(" + quotedColumn + " AS CHAR)";
            default -> quotedColumn;
        };
    }

    private static final Pattern FIXED_FLOAT = Pattern.compile(
            "(float|double)\\((\\d+),(\\d+)\\).*", Pattern.CASE_INSENSITIVE);

    /**
     * The bound of a MariaDB FLOAT(M,D) or DOUBLE(M,D) column. MariaDB keeps a value as the float or double nearest
     * to it, which can lie past the bound (FLOAT(10,3) holds 9999999.999 as 10000000): loaded back as it was read, in
     * strict mode, that value is out of range. Such a value is loaded as the bound it is the nearest float or double
     * of, which the server stores as the very same value.
     */
    static final class FloatBound {
        private final BigDecimal bound;
        private final boolean single;
        private final float nearestFloat;
        private final double nearestDouble;

        private FloatBound(BigDecimal bound, boolean single) {
            this.bound = bound;
            this.single = single;
            this.nearestFloat = bound.floatValue();
            this.nearestDouble = bound.doubleValue();
        }

        /** The bound, with the value's sign, where the value lies past it as its nearest float or double; else null. */
        String of(Object value) {
            if (!(value instanceof Number number)) {
                return null;
            }
            double v = number.doubleValue();
            double magnitude = Math.abs(v);
            boolean nearest = single ? (float) magnitude == nearestFloat : magnitude == nearestDouble;
            if (!nearest || new BigDecimal(magnitude).compareTo(bound) <= 0) {
                return null;
            }
            return (v < 0 ? "-" : "") + bound.toPlainString();
        }
    }

    /** The bound of a MariaDB FLOAT(M,D) or DOUBLE(M,D) column, read once per column; null for any other. */
    static FloatBound mariaDbFloatBound(PortableType type) {
        if (type.nativeType() == null || type.kind() != Kind.REAL && type.kind() != Kind.DOUBLE) {
            return null;
        }
        Matcher m = FIXED_FLOAT.matcher(type.nativeType());
        if (!m.matches()) {
            return null;
        }
        int scale = Integer.parseInt(m.group(3));
        return new FloatBound(BigDecimal.TEN.pow(Integer.parseInt(m.group(2)) - scale)
                .subtract(BigDecimal.ONE.movePointLeft(scale)), type.kind() == Kind.REAL);
    }

    /** MariaDB's spatial types, which a backup carries as the hexadecimal text of their stored bytes. */
    static boolean isMariaDbGeometry(PortableType type) {
        if (type.kind() != Kind.OTHER || type.nativeType() == null) {
            return false;
        }
        String name = type.nativeType().toLowerCase(Locale.ROOT);
        return GEOMETRY_TYPES.stream().anyMatch(name::startsWith);
    }

    private static final List<String> GEOMETRY_TYPES = List.of("geometry", "point", "linestring", "polygon",
            "multipoint", "multilinestring", "multipolygon", "geometrycollection", "geomcollection");

    /** A DECIMAL, or PostgreSQL's NaN and infinities, which no BigDecimal holds, as the Double of that name. */
    private static Object decimal(ResultSet rs, int i) throws SQLException {
        try {
            return rs.getBigDecimal(i);
        } catch (SQLException e) {
            Double special = special(rs.getString(i));
            if (special == null) {
                throw e;
            }
            return special;
        }
    }

    /** A one-dimensional numeric array from PostgreSQL's text, e.g. {@code {1.5,NULL,NaN}}; else null. */
    private static List<Object> decimalArray(String text) {
        if (text == null || !text.startsWith("{") || !text.endsWith("}") || text.startsWith("{{")) {
            return null;
        }
        List<Object> values = new ArrayList<>();
        String body = text.substring(1, text.length() - 1);
        if (body.isEmpty()) {
            return values;
        }
        for (String element : body.split(",", -1)) {
            Double special = special(element);
            values.add(element.equals("NULL") ? null : special != null ? special : new java.math.BigDecimal(element));
        }
        return values;
    }

    static Double special(String text) {
        return switch (text == null ? "" : text) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> null;
        };
    }

    /** The PostgreSQL driver's stand-ins for infinity in date and timestamp arrays (PGStatement's constants). */
    private static final long PG_POSITIVE_INFINITY = 9223372036825200000L;
    private static final long PG_NEGATIVE_INFINITY = -9223372036832400000L;
    private static final long PG_POSITIVE_SMALLER_INFINITY = 185543533774800000L;
    private static final long PG_NEGATIVE_SMALLER_INFINITY = -185543533774800000L;

    /** 1 for the driver's +infinity, -1 for its -infinity, else 0. */
    private static int infinity(java.util.Date value) {
        long time = value.getTime();
        if (time == PG_POSITIVE_INFINITY || time == PG_POSITIVE_SMALLER_INFINITY) {
            return 1;
        }
        return time == PG_NEGATIVE_INFINITY || time == PG_NEGATIVE_SMALLER_INFINITY ? -1 : 0;
    }

    /**
     * The calendar date the driver meant: it builds dates from their fields on the default Gregorian calendar,
     * so the fields are read back on one, era included (toLocalDate drops the era of a BC date).
     */
    private static LocalDate localDate(java.util.Date value) {
        java.util.GregorianCalendar calendar = new java.util.GregorianCalendar();
        calendar.setTime(value);
        int year = calendar.get(java.util.Calendar.YEAR);
        if (calendar.get(java.util.Calendar.ERA) == java.util.GregorianCalendar.BC) {
            year = 1 - year;
        }
        return LocalDate.of(year, calendar.get(java.util.Calendar.MONTH) + 1,
                calendar.get(java.util.Calendar.DAY_OF_MONTH));
    }

    private static List<Object> elements(Array array, PortableType element) throws SQLException {
        Object[] raw = (Object[]) array.getArray();
        List<Object> values = new ArrayList<>(raw.length);
        for (Object v : raw) {
            values.add(v == null ? null : element(v, element));
        }
        array.free();
        return values;
    }

    private static Object element(Object v, PortableType type) throws SQLException {
        if (v instanceof Object[]) {
            throw new SQLException("multi-dimensional arrays are not carried");
        }
        return switch (type.kind()) {
            case SMALLINT -> ((Number) v).shortValue();
            case INTEGER -> ((Number) v).intValue();
            case BIGINT -> ((Number) v).longValue();
            case REAL -> ((Number) v).floatValue();
            case DOUBLE -> ((Number) v).doubleValue();
            case DATE -> v instanceof java.sql.Date d ? switch (infinity(d)) {
                case 1 -> LocalDate.MAX;
                case -1 -> LocalDate.MIN;
                default -> localDate(d);
            } : v;
            case TIMESTAMP -> v instanceof Timestamp t ? switch (infinity(t)) {
                case 1 -> LocalDateTime.MAX;
                case -1 -> LocalDateTime.MIN;
                default -> localDate(t).atTime(t.getHours(), t.getMinutes(), t.getSeconds(), t.getNanos());
            } : v;
            case TIMESTAMP_TZ -> v instanceof Timestamp t ? switch (infinity(t)) {
                case 1 -> OffsetDateTime.MAX;
                case -1 -> OffsetDateTime.MIN;
                default -> t.toInstant().atOffset(ZoneOffset.UTC);
            } : v;
            case UUID -> v instanceof UUID ? v : UUID.fromString(v.toString());
            case TEXT -> v.toString();
            case BOOLEAN, DECIMAL, BINARY, VARBINARY, BLOB -> v;
            default -> v.toString();
        };
    }

    /**
     * Refuses a value only MariaDB holds (see {@link #mariaDbReader}) on its way into another engine, naming the
     * table and column, rather than changing it.
     */
    static void refuseMariaDbOnly(String table, String column, Object value, String engine) throws SQLException {
        String why;
        if (value instanceof ZeroPartDate date) {
            why = "the date " + date.text() + " has a zero month or day";
        } else if (value instanceof java.time.Duration time) {
            why = "the TIME " + MariaDbTime.text(time) + " is outside one day";
        } else if (value instanceof Byte flag) {
            why = "the BOOLEAN (TINYINT(1)) value " + flag + " is neither 0 nor 1";
        } else {
            return;
        }
        throw new SQLException("Column " + column + " of " + table + " holds a value " + engine + " cannot: " + why
                + ". Restore this backup into MariaDB, or change the value in the source.");
    }

    /**
     * PostgreSQL's {@code infinity} or {@code -infinity} where {@code value} is a date or timestamp the snapshot holds
     * them as (the largest and smallest of its Java type); null otherwise.
     */
    static String postgresInfinity(Object value) {
        if (LocalDate.MAX.equals(value) || LocalDateTime.MAX.equals(value) || OffsetDateTime.MAX.equals(value)) {
            return "infinity";
        }
        if (LocalDate.MIN.equals(value) || LocalDateTime.MIN.equals(value) || OffsetDateTime.MIN.equals(value)) {
            return "-infinity";
        }
        return null;
    }

    /**
     * Refuses a PostgreSQL value {@code engine} cannot hold (see {@link PostgresOnlyValues}) on its way there, which
     * would keep some far date instead of an infinite one (H2) or fail on it unnamed, naming the table and column.
     */
    static void refusePostgresOnly(String table, String column, PortableType type, Object value, String engine)
            throws SQLException {
        String odd = PostgresOnlyValues.refused(type, value, engine);
        if (odd != null) {
            throw new SQLException(postgresOnly(table, column, odd, engine));
        }
    }

    static String postgresOnly(String table, String column, String value, String engine) {
        return "Column " + column + " of " + table + " holds a value " + engine + " cannot: " + value
                + ". Restore this backup into the engine it came from, or change the value in the source.";
    }

    /** The target's column as the INSERT binds it. */
    record ColumnBinding(int sqlType, String typeName) {
        boolean named(String... words) {
            String name = typeName.toLowerCase(Locale.ROOT);
            for (String word : words) {
                if (name.contains(word)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Binds one value. {@code untypedStrings} sends text as of unknown type, so PostgreSQL casts it to the column's
     * type (enum, json, interval, a type only it knows) as it would a literal.
     */
    static void bind(PreparedStatement ps, int i, PortableType type, ColumnBinding target, Object value,
            boolean untypedStrings) throws SQLException, IOException {
        if (value == null) {
            ps.setNull(i, target.sqlType(), target.typeName());
            return;
        }
        if (value instanceof SpooledValue spooled) {
            if (spooled.text()) {
                ps.setCharacterStream(i, spooled.openReader());
            } else {
                ps.setBinaryStream(i, spooled.openStream(), spooled.length());
            }
            return;
        }
        if (value instanceof ZeroPartDate date) {
            ps.setString(i, date.text());
            return;
        }
        if (value instanceof java.time.Duration time) {
            ps.setString(i, MariaDbTime.text(time));
            return;
        }
        if (value instanceof Double special && type.kind() == Kind.DECIMAL) {
            String text = special.isNaN() ? "NaN" : special > 0 ? "Infinity" : "-Infinity";
            if (!untypedStrings) {
                throw new SQLException("The numeric value " + text + " cannot be stored in " + target.typeName());
            }
            ps.setObject(i, text, Types.OTHER);
            return;
        }
        switch (type.kind()) {
            case ARRAY -> {
                if (target.sqlType() == Types.ARRAY) {
                    ps.setArray(i, array(ps.getConnection(), target, (List<?>) value));
                } else {
                    // A column of text where the engine has no arrays.
                    ps.setString(i, JsonArrays.text((List<?>) value));
                }
            }
            case TIMESTAMP_TZ -> {
                OffsetDateTime time = (OffsetDateTime) value;
                if (target.sqlType() == Types.TIMESTAMP_WITH_TIMEZONE || target.named("tz", "time zone")) {
                    ps.setObject(i, time);
                } else {
                    // A column without a zone keeps the moment in UTC.
                    ps.setObject(i, time.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
                }
            }
            case UUID -> {
                if (target.named("uuid")) {
                    ps.setObject(i, value);
                } else {
                    ps.setString(i, value.toString());
                }
            }
            case JSON -> {
                if (untypedStrings) {
                    ps.setObject(i, value, Types.OTHER);
                } else if (target.named("json")) {
                    // H2 reads a string as a JSON string; bytes are parsed as JSON text.
                    ps.setBytes(i, value.toString().getBytes(StandardCharsets.UTF_8));
                } else {
                    ps.setString(i, value.toString());
                }
            }
            case CHAR, VARCHAR, TEXT, ENUM, INTERVAL, OTHER -> {
                if (untypedStrings) {
                    ps.setObject(i, value, Types.OTHER);
                } else {
                    ps.setString(i, value.toString());
                }
            }
            default -> ps.setObject(i, value);
        }
    }

    /**
     * Binds a MariaDB spatial value, which a MariaDB backup read as {@code HEX(col)}, as its stored bytes: the server
     * takes them back as they are.
     */
    static void bindMariaDbGeometry(PreparedStatement ps, int i, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.VARBINARY);
            return;
        }
        try {
            ps.setBytes(i, java.util.HexFormat.of().parseHex(value.toString()));
        } catch (IllegalArgumentException e) {
            throw new SQLException("A spatial value in the backup is not the hexadecimal text of its bytes (backups"
                    + " taken before spatial values were carried so hold them damaged)", e);
        }
    }

    private static Array array(Connection c, ColumnBinding target, List<?> values) throws SQLException {
        String name = target.typeName();
        // PostgreSQL names array types after their element with a leading underscore; H2 spells "X ARRAY".
        String element = name.startsWith("_") ? name.substring(1)
                : name.toUpperCase(Locale.ROOT).endsWith(" ARRAY") ? name.substring(0, name.length() - 6) : name;
        return c.createArrayOf(element, values.toArray());
    }
}
