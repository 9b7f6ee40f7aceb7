package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format;

import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ColumnDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.PortableType;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.PortableType.Kind;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Decodes PostgreSQL's binary COPY format into the format's Java values (those {@link SnapshotReader#nextRow()}
 * returns for the row encoding), so a table PostgreSQL wrote with binary COPY restores into any engine. Each
 * column's binary form is named as in {@link TableEncoding#PG_TYPES}. TEXT and BLOB values above the spill limit
 * are moved to a file, as the row encoding's are; nothing else is held beyond one row.
 */
public final class PgBinaryDecoder {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    /** Seconds from 1970-01-01 to PostgreSQL's epoch 2000-01-01. */
    private static final long PG_EPOCH_SECONDS = 946_684_800L;
    private static final int PG_EPOCH_DAYS = 10_957;
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private final DataInputStream in;
    private final List<ColumnDef> columns;
    private final String[] pgTypes;
    private final ValueCodec codec;
    private boolean started;
    private boolean ended;
    private long rows;

    public PgBinaryDecoder(InputStream in, List<ColumnDef> columns, List<String> pgTypes, Path spoolDirectory,
            int spillAbove) {
        this(in instanceof DataInputStream data ? data : new DataInputStream(in), columns, pgTypes,
                new ValueCodec(spoolDirectory, spillAbove));
    }

    PgBinaryDecoder(DataInputStream in, List<ColumnDef> columns, List<String> pgTypes, ValueCodec codec) {
        if (pgTypes.size() != columns.size()) {
            throw new IllegalArgumentException("One binary form per column is needed");
        }
        this.in = in;
        this.columns = columns;
        this.pgTypes = pgTypes.toArray(String[]::new);
        this.codec = codec;
    }

    /** The next row, a value per column (null for NULL), or null once the stream's trailer was read. */
    public Object[] nextRow() throws IOException {
        if (ended) {
            return null;
        }
        if (!started) {
            header();
            started = true;
        }
        int fields = in.readShort();
        if (fields == -1) {
            ended = true;
            return null;
        }
        if (fields != columns.size()) {
            throw new IOException("a COPY row has " + fields + " fields where the table has " + columns.size()
                    + " columns");
        }
        Object[] values = new Object[fields];
        for (int i = 0; i < fields; i++) {
            int length = in.readInt();
            if (length < -1) {
                throw new IOException("field length " + length + " is out of range");
            }
            values[i] = length == -1 ? null : value(length, pgTypes[i], columns.get(i).type());
        }
        rows++;
        return values;
    }

    /** Rows decoded so far. */
    public long rows() {
        return rows;
    }

    private void header() throws IOException {
        byte[] signature = new byte[SIGNATURE.length];
        in.readFully(signature);
        if (!Arrays.equals(signature, SIGNATURE)) {
            throw new IOException("the table's data does not start with PostgreSQL's COPY signature");
        }
        int flags = in.readInt();
        if ((flags & 0xffff0000) != 0) {
            // Bit 16 is OIDs, which binary COPY of user tables never has; higher bits are critical unknowns.
            throw new IOException("the COPY header has flags " + Integer.toHexString(flags) + " this reader does"
                    + " not know");
        }
        int extension = in.readInt();
        if (extension < 0) {
            throw new IOException("the COPY header extension length " + extension + " is out of range");
        }
        in.skipNBytes(extension);
    }

    private Object value(int length, String pgType, PortableType type) throws IOException {
        switch (pgType) {
            case "bool":
                fixed(pgType, length, 1);
                return in.readByte() != 0;
            case "int2":
                fixed(pgType, length, 2);
                return in.readShort();
            case "int4":
                fixed(pgType, length, 4);
                return in.readInt();
            case "int8":
                fixed(pgType, length, 8);
                return in.readLong();
            case "float4":
                fixed(pgType, length, 4);
                return in.readFloat();
            case "float8":
                fixed(pgType, length, 8);
                return in.readDouble();
            case "numeric":
                return numeric(length);
            case "text":
            case "json":
                if (type != null && type.kind() == Kind.TEXT) {
                    return codec.large(new FieldStream(in, length), true);
                }
                return new String(bytes(length), StandardCharsets.UTF_8);
            case "jsonb": {
                if (length < 1 || in.readUnsignedByte() != 1) {
                    throw new IOException("a jsonb value has a version this reader does not know");
                }
                return new String(bytes(length - 1), StandardCharsets.UTF_8);
            }
            case "bytea":
                if (type != null && type.kind() == Kind.BLOB) {
                    return codec.large(new FieldStream(in, length), false);
                }
                return bytes(length);
            case "date": {
                fixed(pgType, length, 4);
                int days = in.readInt();
                return days == Integer.MAX_VALUE ? LocalDate.MAX : days == Integer.MIN_VALUE ? LocalDate.MIN
                        : LocalDate.ofEpochDay((long) days + PG_EPOCH_DAYS);
            }
            case "time": {
                fixed(pgType, length, 8);
                long micros = in.readLong();
                // 24:00:00 is the last moment of the day, as the driver reads it.
                return micros >= MICROS_PER_DAY ? LocalTime.MAX : LocalTime.ofNanoOfDay(micros * 1000);
            }
            case "timestamp": {
                fixed(pgType, length, 8);
                long micros = in.readLong();
                if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
                    return micros == Long.MAX_VALUE ? LocalDateTime.MAX : LocalDateTime.MIN;
                }
                return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L) + PG_EPOCH_SECONDS,
                        (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
            }
            case "timestamptz": {
                fixed(pgType, length, 8);
                long micros = in.readLong();
                if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
                    return micros == Long.MAX_VALUE ? OffsetDateTime.MAX : OffsetDateTime.MIN;
                }
                return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L) + PG_EPOCH_SECONDS,
                        Math.floorMod(micros, 1_000_000L) * 1000).atOffset(ZoneOffset.UTC);
            }
            case "interval": {
                fixed(pgType, length, 16);
                long micros = in.readLong();
                int days = in.readInt();
                int months = in.readInt();
                return interval(micros, days, months);
            }
            case "uuid":
                fixed(pgType, length, 16);
                return new UUID(in.readLong(), in.readLong());
            default:
                if (pgType.startsWith("_") && TableEncoding.known(pgType)) {
                    return array(length, pgType.substring(1), type == null ? null : type.element());
                }
                throw new IOException("unknown binary form " + pgType);
        }
    }

    private static void fixed(String pgType, int length, int expected) throws IOException {
        if (length != expected) {
            throw new IOException("a " + pgType + " value has " + length + " bytes instead of " + expected);
        }
    }

    private byte[] bytes(int length) throws IOException {
        if (length > SnapshotFormat.MAX_INLINE) {
            throw new IOException("value length " + length + " is out of range");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    /** PostgreSQL's numeric_send: digit count, weight, sign, display scale, then base-10000 digits. */
    private Object numeric(int length) throws IOException {
        if (length < 8) {
            throw new IOException("a numeric value has only " + length + " bytes");
        }
        int digits = in.readShort();
        int weight = in.readShort();
        int sign = in.readUnsignedShort();
        int scale = in.readUnsignedShort();
        if (digits < 0 || length != 8 + 2 * digits) {
            throw new IOException("a numeric value's length does not match its " + digits + " digits");
        }
        switch (sign) {
            case 0xC000:
                return Double.NaN;
            case 0xD000:
                return Double.POSITIVE_INFINITY;
            case 0xF000:
                return Double.NEGATIVE_INFINITY;
            case 0x0000:
            case 0x4000:
                break;
            default:
                throw new IOException("a numeric value has the unknown sign " + Integer.toHexString(sign));
        }
        BigInteger unscaled;
        if (digits <= 4) {
            long value = 0;
            for (int i = 0; i < digits; i++) {
                value = value * 10_000 + digit();
            }
            unscaled = BigInteger.valueOf(value);
        } else {
            // Four groups at a time stay within a long, so the big arithmetic runs once per 16 decimal digits.
            unscaled = BigInteger.ZERO;
            for (int i = 0; i < digits; i += 4) {
                int n = Math.min(4, digits - i);
                long part = 0;
                long factor = 1;
                for (int k = 0; k < n; k++) {
                    part = part * 10_000 + digit();
                    factor *= 10_000;
                }
                unscaled = unscaled.multiply(BigInteger.valueOf(factor)).add(BigInteger.valueOf(part));
            }
        }
        BigDecimal value = new BigDecimal(unscaled, 4 * (digits - 1 - weight)).setScale(scale, RoundingMode.UNNECESSARY);
        return sign == 0x4000 ? value.negate() : value;
    }

    private int digit() throws IOException {
        int digit = in.readShort();
        if (digit < 0 || digit > 9999) {
            throw new IOException("a numeric digit group " + digit + " is out of range");
        }
        return digit;
    }

    /** array_send: dimensions, a has-nulls flag, the element type's oid, per dimension size and lower bound. */
    private List<Object> array(int length, String elementType, PortableType element) throws IOException {
        if (length < 12) {
            throw new IOException("an array value has only " + length + " bytes");
        }
        int dimensions = in.readInt();
        in.readInt();
        in.readInt();
        if (dimensions == 0) {
            return new ArrayList<>();
        }
        if (dimensions != 1) {
            throw new MultiDimensionalArrayException(dimensions);
        }
        int count = in.readInt();
        in.readInt();
        if (count < 0) {
            throw new IOException("array length " + count + " is out of range");
        }
        List<Object> values = new ArrayList<>(Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
            int size = in.readInt();
            if (size < -1) {
                throw new IOException("array element length " + size + " is out of range");
            }
            values.add(size == -1 ? null : value(size, elementType, element));
        }
        return values;
    }

    /**
     * PostgreSQL's own text of an interval in its default style ({@code IntervalStyle = postgres}), which is how
     * the row encoding carries intervals: years, months and days as far as they are not zero, then the time.
     */
    static String interval(long micros, int days, int months) {
        StringBuilder s = new StringBuilder(40);
        boolean[] zero = {true};
        boolean[] before = {false};
        part(s, months / 12, "year", zero, before);
        part(s, months % 12, "mon", zero, before);
        part(s, days, "day", zero, before);
        long hours = micros / 3_600_000_000L;
        long rest = micros % 3_600_000_000L;
        long minutes = rest / 60_000_000L;
        rest %= 60_000_000L;
        long seconds = rest / 1_000_000L;
        long fraction = rest % 1_000_000L;
        if (zero[0] || micros != 0) {
            boolean minus = hours < 0 || minutes < 0 || seconds < 0 || fraction < 0;
            s.append(zero[0] ? "" : " ").append(minus ? "-" : before[0] ? "+" : "");
            two(s, Math.abs(hours)).append(':');
            two(s, Math.abs(minutes)).append(':');
            two(s, Math.abs(seconds));
            if (fraction != 0) {
                String digits = Long.toString(1_000_000L + Math.abs(fraction)).substring(1);
                int end = digits.length();
                while (digits.charAt(end - 1) == '0') {
                    end--;
                }
                s.append('.').append(digits, 0, end);
            }
        }
        return s.toString();
    }

    private static void part(StringBuilder s, int value, String unit, boolean[] zero, boolean[] before) {
        if (value == 0) {
            return;
        }
        s.append(zero[0] ? "" : " ").append(before[0] && value > 0 ? "+" : "").append(value).append(' ')
                .append(unit).append(value != 1 ? "s" : "");
        before[0] = value < 0;
        zero[0] = false;
    }

    private static StringBuilder two(StringBuilder s, long n) {
        return n < 10 ? s.append('0').append(n) : s.append(n);
    }

    /** An array of more than one dimension, which only a restore into PostgreSQL carries. */
    public static final class MultiDimensionalArrayException extends IOException {
        private static final long serialVersionUID = 1L;

        MultiDimensionalArrayException(int dimensions) {
            super("an array of " + dimensions + " dimensions cannot be restored into another engine (one dimension"
                    + " only)");
        }
    }

    /** Exactly one field's bytes of the stream; reading to its end leaves the stream at the next field. */
    private static final class FieldStream extends InputStream {
        private final DataInputStream in;
        private int left;

        FieldStream(DataInputStream in, int length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            if (left == 0) {
                return -1;
            }
            left--;
            return in.readUnsignedByte();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (left == 0) {
                return -1;
            }
            int n = in.read(b, off, Math.min(len, left));
            if (n < 0) {
                throw new EOFException();
            }
            left -= n;
            return n;
        }
    }
}
