package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import io.jenkins.plugins.dbrunbooks.engine.artifact.EngineOnlyValues;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog.MariaDbDdlWriter;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.PortableType;
import java.lang.invoke.MethodHandles;
import java.math.BigDecimal;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.List;

/**
 * PostgreSQL's values that another engine lacks: {@code infinity} and {@code -infinity} dates and timestamps, and
 * numeric NaN and infinities (no other engine holds them), and real or double precision NaN and infinities (H2
 * holds them, MariaDB does not). A backup marks the columns holding one as the rows stream, in the kinds
 * {@link EngineOnlyValues} names, so a restore into another engine is refused before the target is touched; a load
 * refuses them too, for backups taken before they were marked and for a live copy.
 *
 * <p>An instance watches a table's binary {@code COPY} output as it arrives in pieces of any size. Only the lengths
 * of fields are read, and the values of columns of those types looked at, a value split over two pieces copied
 * first; a column found once is not looked at again, and a table without such a column gets no instance at all.
 */
final class PostgresOnlyValues {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final int HEADER = 0;
    private static final int EXTENSION = 1;
    private static final int COUNT = 2;
    private static final int LENGTH = 3;
    private static final int VALUE = 4;
    private static final int END = 5;
    /** The binary signature, flags and extension length. */
    private static final int HEADER_BYTES = 19;
    private static final int NUMERIC_NAN = 0xC000;
    private static final int NUMERIC_PINF = 0xD000;
    private static final int NUMERIC_NINF = 0xF000;

    private static final int DATE = 1;
    private static final int TIMESTAMP = 2;
    private static final int FLOAT4 = 3;
    private static final int FLOAT8 = 4;
    private static final int NUMERIC = 5;
    /** Added to an element's code for an array of it. */
    private static final int ARRAY = 8;

    /**
     * Per column in the output's order, the code of its binary form where it may hold such a value and is not
     * marked yet; 0 for the others.
     */
    private final int[] watched;
    /** Per column, the kind found: the backup's record of the table (see {@link SnapshotDialect#reader}). */
    private final String[] found;
    private int left;
    private int field;
    private int fields;
    private int state = HEADER;
    private long need = HEADER_BYTES;
    private int integer;
    /** A watched value split over pieces, gathered here. */
    private byte[] held = new byte[16];
    private int heldLength;

    /**
     * Per numeric column whose values MariaDB's DECIMAL of it may not hold, that DECIMAL's precision and scale
     * ({@link #mariaDbDecimal}); null where every value fits, and for other columns.
     */
    private final int[][] decimals;

    private PostgresOnlyValues(int[] watched, String[] found, int left, int[][] decimals) {
        this.watched = watched;
        this.found = found;
        this.left = left;
        this.fields = watched.length;
        this.decimals = decimals;
    }

    /**
     * A watch over binary COPY output of columns of these binary forms (see
     * {@link io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format.TableEncoding#PG_TYPES}), putting the kind it
     * finds at the column's index in {@code found}; null where no column may hold such a value.
     */
    static PostgresOnlyValues inBinaryCopy(List<String> pgTypes, String[] found) {
        return inBinaryCopy(pgTypes, null, found);
    }

    /**
     * As {@link #inBinaryCopy(List, String[])}, also marking the numeric columns holding a value with more digits
     * than MariaDB's DECIMAL of the column keeps.
     *
     * @param types the columns' types, in the output's order; null to look for the values no other engine holds
     *     only
     */
    static PostgresOnlyValues inBinaryCopy(List<String> pgTypes, List<PortableType> types, String[] found) {
        int[] watched = new int[pgTypes.size()];
        int[][] decimals = new int[watched.length][];
        int count = 0;
        for (int i = 0; i < watched.length; i++) {
            String form = pgTypes.get(i);
            boolean array = form.startsWith("_");
            int code = code(array ? form.substring(1) : form);
            if (code != 0) {
                watched[i] = array ? code + ARRAY : code;
                count++;
            }
            if (code == NUMERIC && !array && types != null) {
                decimals[i] = mariaDbDecimal(types.get(i));
            }
        }
        return count == 0 ? null : new PostgresOnlyValues(watched, found, count, decimals);
    }

    /**
     * The precision and scale of the DECIMAL a numeric column becomes in MariaDB (as its DDL writer makes it: at most
     * 65 digits, 30 after the point), where a value of the column may not fit it; null where PostgreSQL's own
     * precision and scale keep every value inside it.
     */
    static int[] mariaDbDecimal(PortableType type) {
        if (type.kind() != PortableType.Kind.DECIMAL) {
            return null;
        }
        int[] decimal = MariaDbDdlWriter.decimal(type);
        boolean keepsEvery = decimal[0] == type.precision() && decimal[1] == type.scale();
        return keepsEvery ? null : decimal;
    }

    /** The code of a binary form (not an array) whose values may be one another engine lacks, or 0. */
    private static int code(String form) {
        return switch (form) {
            case "date" -> DATE;
            case "timestamp", "timestamptz" -> TIMESTAMP;
            case "float4" -> FLOAT4;
            case "float8" -> FLOAT8;
            case "numeric" -> NUMERIC;
            default -> 0;
        };
    }

    /** The kind a value of the form with this code (not an array) may turn out to be. */
    private static String kindOf(int code) {
        return switch (code) {
            case DATE, TIMESTAMP -> EngineOnlyValues.INFINITE_DATE;
            case NUMERIC -> EngineOnlyValues.NUMERIC_NAN_OR_INFINITY;
            default -> EngineOnlyValues.FLOAT_NAN_OR_INFINITY;
        };
    }

    void accept(byte[] data, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end && left > 0) {
            if (state == COUNT && need == 2) {
                int next = wholeRow(data, i, end);
                if (next >= 0) {
                    i = next;
                    continue;
                }
            }
            switch (state) {
                case LENGTH -> {
                    if (need == 4 && end - i >= 4) {
                        integer = (int) INT.get(data, i);
                        i += 4;
                        integerRead();
                    } else {
                        i = byteOfInteger(data, i);
                    }
                }
                case VALUE -> {
                    int n = (int) Math.min(need, end - i);
                    int code = watched[field];
                    if (code == 0) {
                        need -= n;
                    } else if (heldLength == 0 && n == need) {
                        look(code, data, i, n);
                        need = 0;
                    } else {
                        hold(data, i, n);
                        need -= n;
                        if (need == 0) {
                            look(code, held, 0, heldLength);
                            heldLength = 0;
                        }
                    }
                    i += n;
                    if (need == 0) {
                        fieldEnded();
                    }
                }
                case COUNT, HEADER -> i = byteOfInteger(data, i);
                case EXTENSION -> {
                    int n = (int) Math.min(need, end - i);
                    i += n;
                    need -= n;
                    if (need == 0) {
                        expect(COUNT, 2);
                    }
                }
                default -> throw new IllegalStateException("COPY output goes on after its end");
            }
        }
    }

    /**
     * A row that lies whole in the piece from {@code i}, as PostgreSQL sends each row in a message of its own, read
     * without the state machine: where the next row starts, or -1 where it does not lie whole (or is the end).
     * Columns a row cut short had looked at are looked at again from its start, which marks nothing twice.
     */
    private int wholeRow(byte[] data, int i, int end) {
        if (fields == 0 || end - i < 2 || (short) SHORT.get(data, i) != fields) {
            return -1;
        }
        int at = i + 2;
        for (int f = 0; f < fields; f++) {
            if (end - at < 4) {
                return -1;
            }
            int size = (int) INT.get(data, at);
            at += 4;
            if (size > 0) {
                if (end - at < size) {
                    return -1;
                }
                if (watched[f] != 0) {
                    field = f;
                    look(watched[f], data, at, size);
                }
                at += size;
            }
        }
        return at;
    }

    /** One byte of an integer that does not lie whole in this piece (or of the header, read byte by byte). */
    private int byteOfInteger(byte[] data, int i) {
        integer = integer << 8 | data[i] & 0xFF;
        if (--need == 0) {
            integerRead();
        }
        return i + 1;
    }

    private void integerRead() {
        switch (state) {
            case HEADER -> {
                if (integer == 0) {
                    expect(COUNT, 2);
                } else {
                    expect(EXTENSION, integer & 0xFFFFFFFFL);
                }
            }
            case COUNT -> {
                short count = (short) integer;
                if (count == -1) {
                    expect(END, 0);
                } else if (count != fields) {
                    throw new IllegalStateException("a row of " + count + " values where " + fields
                            + " columns were expected");
                } else if (count == 0) {
                    expect(COUNT, 2);
                } else {
                    field = 0;
                    expect(LENGTH, 4);
                }
            }
            default -> {
                if (integer <= 0) {
                    fieldEnded();
                } else {
                    expect(VALUE, integer);
                }
            }
        }
    }

    private void fieldEnded() {
        if (++field == fields) {
            expect(COUNT, 2);
        } else {
            expect(LENGTH, 4);
        }
    }

    private void expect(int next, long bytes) {
        state = next;
        need = bytes;
        integer = 0;
    }

    private void hold(byte[] data, int from, int n) {
        if (heldLength + n > held.length) {
            held = java.util.Arrays.copyOf(held, Math.max(held.length * 2, heldLength + n));
        }
        System.arraycopy(data, from, held, heldLength, n);
        heldLength += n;
    }

    /** Marks the current column where its value is one another engine lacks; a marked column is not looked at again. */
    private void look(int code, byte[] data, int from, int length) {
        String kind = code > ARRAY ? inArray(code - ARRAY, data, from, length) : kind(code, data, from, length);
        if (kind != null) {
            found[field] = kind;
            watched[field] = 0;
            left--;
        } else if (found[field] == null && decimals[field] != null
                && !fitsDecimal(data, from, length, decimals[field][0], decimals[field][1])) {
            // Only MariaDB lacks it: the column stays watched for a NaN, which no other engine holds.
            found[field] = EngineOnlyValues.NUMERIC_BEYOND_DECIMAL;
        }
    }

    /**
     * Whether a numeric in binary form (digit count, weight, sign, display scale, then base-10000 digits without
     * leading or trailing zero groups) fits a DECIMAL of that precision and scale exactly: its digits after the
     * point, without trailing zeros, and before it.
     */
    private static boolean fitsDecimal(byte[] data, int from, int length, int precision, int scale) {
        if (length < 8) {
            return true;
        }
        int ndigits = (short) SHORT.get(data, from);
        int weight = (short) SHORT.get(data, from + 2);
        if (ndigits <= 0 || length < 8 + 2 * ndigits) {
            return true;
        }
        int first = (short) SHORT.get(data, from + 8);
        int last = (short) SHORT.get(data, from + 8 + 2 * (ndigits - 1));
        return fits(ndigits, weight, first, last, precision, scale);
    }

    /** {@link #fitsDecimal} on the digit groups' count, weight, first and last group. */
    private static boolean fits(int ndigits, int weight, int first, int last, int precision, int scale) {
        int whole = weight < 0 ? 0 : 4 * weight + (first >= 1000 ? 4 : first >= 100 ? 3 : first >= 10 ? 2 : 1);
        int groupsAfter = ndigits - 1 - weight;
        int after = 0;
        if (groupsAfter > 0) {
            int zeros = last % 1000 == 0 ? 3 : last % 100 == 0 ? 2 : last % 10 == 0 ? 1 : 0;
            after = 4 * groupsAfter - zeros;
        }
        return after <= scale && whole <= precision - scale;
    }

    /** The kind of one value in binary form, or null for a value every engine holds. */
    private static String kind(int code, byte[] data, int from, int length) {
        boolean odd = switch (code) {
            case DATE -> length == 4 && isExtreme((int) INT.get(data, from));
            case TIMESTAMP -> length == 8 && isExtreme((long) LONG.get(data, from));
            case FLOAT4 -> length == 4 && ((int) INT.get(data, from) & 0x7F800000) == 0x7F800000;
            case FLOAT8 -> length == 8
                    && ((long) LONG.get(data, from) & 0x7FF0000000000000L) == 0x7FF0000000000000L;
            // numeric_send: digit count, weight, then the sign, which says NaN or an infinity.
            case NUMERIC -> length >= 8 && isSpecialNumeric((short) SHORT.get(data, from + 4) & 0xFFFF);
            default -> false;
        };
        return odd ? kindOf(code) : null;
    }

    private static boolean isExtreme(int days) {
        return days == Integer.MAX_VALUE || days == Integer.MIN_VALUE;
    }

    private static boolean isExtreme(long micros) {
        return micros == Long.MAX_VALUE || micros == Long.MIN_VALUE;
    }

    private static boolean isSpecialNumeric(int sign) {
        return sign == NUMERIC_NAN || sign == NUMERIC_PINF || sign == NUMERIC_NINF;
    }

    /**
     * array_send: dimensions, a has-nulls flag, the element type's oid, per dimension its size and lower bound, then
     * each element as a length (-1 for NULL) and its bytes. The first odd element gives the kind.
     */
    private static String inArray(int code, byte[] data, int from, int length) {
        int end = from + length;
        if (length < 12) {
            return null;
        }
        int dimensions = (int) INT.get(data, from);
        int at = from + 12 + 8 * Math.max(0, dimensions);
        while (dimensions > 0 && at + 4 <= end) {
            int size = (int) INT.get(data, at);
            at += 4;
            if (size > 0 && at + size <= end) {
                String kind = kind(code, data, at, size);
                if (kind != null) {
                    return kind;
                }
                at += size;
            }
        }
        return null;
    }

    /**
     * The kind of a value as the snapshot holds it (a PostgreSQL backup's SELECT, or a binary COPY value decoded),
     * or null for one every engine holds: an infinite date or timestamp is the largest or smallest of its Java type,
     * a numeric NaN or infinity the Double of that name; an array's first odd element gives its kind.
     */
    static String kind(PortableType type, Object value) {
        if (value == null) {
            return null;
        }
        return switch (type.kind()) {
            case DATE, TIMESTAMP, TIMESTAMP_TZ -> JdbcValues.postgresInfinity(value) != null
                    ? EngineOnlyValues.INFINITE_DATE : null;
            case DECIMAL -> value instanceof Double ? EngineOnlyValues.NUMERIC_NAN_OR_INFINITY
                    : value instanceof BigDecimal decimal && !fitsMariaDb(type, decimal)
                    ? EngineOnlyValues.NUMERIC_BEYOND_DECIMAL : null;
            case REAL, DOUBLE -> value instanceof Number n && !Double.isFinite(n.doubleValue())
                    ? EngineOnlyValues.FLOAT_NAN_OR_INFINITY : null;
            case ARRAY -> {
                if (type.element() != null && value instanceof List<?> elements) {
                    for (Object element : elements) {
                        String kind = kind(type.element(), element);
                        if (kind != null) {
                            yield kind;
                        }
                    }
                }
                yield null;
            }
            default -> null;
        };
    }

    /** Whether MariaDB's DECIMAL of a numeric column keeps the value exactly ({@link #mariaDbDecimal}). */
    private static boolean fitsMariaDb(PortableType type, BigDecimal value) {
        int[] decimal = mariaDbDecimal(type);
        if (decimal == null) {
            return true;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        int after = Math.max(0, stripped.scale());
        int whole = Math.max(0, stripped.precision() - stripped.scale());
        return after <= decimal[1] && whole <= decimal[0] - decimal[1];
    }

    /**
     * The reader of a PostgreSQL column's values for a backup's SELECT, which marks the column where a value is one
     * another engine lacks; only columns of the types that may hold one are looked at.
     */
    static SnapshotDialect.ValueReader reader(PortableType type, String[] found) {
        SnapshotDialect.ValueReader plain = JdbcValues.reader(type);
        return switch (type.kind()) {
            case DATE, TIMESTAMP, TIMESTAMP_TZ, DECIMAL, REAL, DOUBLE, ARRAY -> (rs, i) -> {
                Object value = plain.read(rs, i);
                // A kind only MariaDB lacks gives way to one no other engine holds.
                if (found[i - 1] == null || EngineOnlyValues.NUMERIC_BEYOND_DECIMAL.equals(found[i - 1])) {
                    String kind = kind(type, value);
                    if (kind != null) {
                        found[i - 1] = kind;
                    }
                }
                return value;
            };
            default -> plain;
        };
    }

    /**
     * The value as PostgreSQL writes it ({@code infinity}, {@code NaN}, {@code -Infinity}) where {@code engine}
     * cannot hold it, else null.
     */
    static String refused(PortableType type, Object value, String engine) {
        String kind = kind(type, value);
        if (kind == null) {
            return null;
        }
        List<String> notHeldOnlyBy = EngineOnlyValues.notHeldOnlyBy(kind);
        if (!notHeldOnlyBy.isEmpty() && !notHeldOnlyBy.contains(engine)) {
            return null;
        }
        Object odd = value;
        if (value instanceof List<?> elements) {
            odd = elements.stream().filter(e -> kind(type.element(), e) != null).findFirst().orElse(null);
        }
        String infinity = JdbcValues.postgresInfinity(odd);
        if (infinity != null) {
            return infinity;
        }
        if (odd instanceof BigDecimal decimal) {
            String text = decimal.toPlainString();
            return (text.length() > 50 ? text.substring(0, 47) + "..." : text) + ", more digits than DECIMAL("
                    + mariaDbDecimal(type)[0] + "," + mariaDbDecimal(type)[1] + ") keeps";
        }
        double number = ((Number) odd).doubleValue();
        return Double.isNaN(number) ? "NaN" : number > 0 ? "Infinity" : "-Infinity";
    }
}
