package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import io.jenkins.plugins.dbrunbooks.engine.artifact.EngineOnlyValues;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.PortableType;
import java.lang.invoke.MethodHandles;
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

    /** Per column in the output's order, its binary form where it may hold such a value and is not marked yet. */
    private final String[] watched;
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

    private PostgresOnlyValues(String[] watched, String[] found, int left) {
        this.watched = watched;
        this.found = found;
        this.left = left;
        this.fields = watched.length;
    }

    /**
     * A watch over binary COPY output of columns of these binary forms (see
     * {@link io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format.TableEncoding#PG_TYPES}), putting the kind it
     * finds at the column's index in {@code found}; null where no column may hold such a value.
     */
    static PostgresOnlyValues inBinaryCopy(List<String> pgTypes, String[] found) {
        String[] watched = new String[pgTypes.size()];
        int count = 0;
        for (int i = 0; i < watched.length; i++) {
            String form = pgTypes.get(i);
            if (kindOfForm(form.startsWith("_") ? form.substring(1) : form) != null) {
                watched[i] = form;
                count++;
            }
        }
        return count == 0 ? null : new PostgresOnlyValues(watched, found, count);
    }

    /** The kind a value of this binary form (not an array) may turn out to be, or null. */
    private static String kindOfForm(String form) {
        return switch (form) {
            case "date", "timestamp", "timestamptz" -> EngineOnlyValues.INFINITE_DATE;
            case "numeric" -> EngineOnlyValues.NUMERIC_NAN_OR_INFINITY;
            case "float4", "float8" -> EngineOnlyValues.FLOAT_NAN_OR_INFINITY;
            default -> null;
        };
    }

    void accept(byte[] data, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end && left > 0) {
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
                    String form = watched[field];
                    if (form == null) {
                        need -= n;
                    } else if (heldLength == 0 && n == need) {
                        look(form, data, i, n);
                        need = 0;
                    } else {
                        hold(data, i, n);
                        need -= n;
                        if (need == 0) {
                            look(form, held, 0, heldLength);
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
    private void look(String form, byte[] data, int from, int length) {
        String kind = form.startsWith("_") ? inArray(form.substring(1), data, from, length)
                : kind(form, data, from, length);
        if (kind != null) {
            found[field] = kind;
            watched[field] = null;
            left--;
        }
    }

    /** The kind of one value in binary form, or null for a value every engine holds. */
    private static String kind(String form, byte[] data, int from, int length) {
        boolean odd = switch (form) {
            case "date" -> length == 4 && isExtreme((int) INT.get(data, from));
            case "timestamp", "timestamptz" -> length == 8 && isExtreme((long) LONG.get(data, from));
            case "float4" -> length == 4 && ((int) INT.get(data, from) & 0x7F800000) == 0x7F800000;
            case "float8" -> length == 8
                    && ((long) LONG.get(data, from) & 0x7FF0000000000000L) == 0x7FF0000000000000L;
            // numeric_send: digit count, weight, then the sign, which says NaN or an infinity.
            case "numeric" -> length >= 8 && isSpecialNumeric((short) SHORT.get(data, from + 4) & 0xFFFF);
            default -> false;
        };
        return odd ? kindOfForm(form) : null;
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
    private static String inArray(String form, byte[] data, int from, int length) {
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
                String kind = kind(form, data, at, size);
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
            case DECIMAL -> value instanceof Double ? EngineOnlyValues.NUMERIC_NAN_OR_INFINITY : null;
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

    /**
     * The reader of a PostgreSQL column's values for a backup's SELECT, which marks the column where a value is one
     * another engine lacks; only columns of the types that may hold one are looked at.
     */
    static SnapshotDialect.ValueReader reader(PortableType type, String[] found) {
        SnapshotDialect.ValueReader plain = JdbcValues.reader(type);
        return switch (type.kind()) {
            case DATE, TIMESTAMP, TIMESTAMP_TZ, DECIMAL, REAL, DOUBLE, ARRAY -> (rs, i) -> {
                Object value = plain.read(rs, i);
                if (found[i - 1] == null) {
                    found[i - 1] = kind(type, value);
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
        double number = ((Number) odd).doubleValue();
        return Double.isNaN(number) ? "NaN" : number > 0 ? "Infinity" : "-Infinity";
    }
}
