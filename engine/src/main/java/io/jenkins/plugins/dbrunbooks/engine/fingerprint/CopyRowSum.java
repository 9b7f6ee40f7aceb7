package io.jenkins.plugins.dbrunbooks.engine.fingerprint;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The fingerprint of one table read with {@code COPY ... TO STDOUT}, taken from the output as it arrives in pieces
 * of any size. Each value's bytes (in binary, the value without its length; in text, the field between tabs as
 * COPY writes it) are hashed with {@link Xxh64}, a NULL in binary counting as 0; a row's hash is the XXH64 of its
 * values' hashes (8 bytes each, little-endian) in the order of the columns' names, so a restore that lays the
 * columns out in another order (an inheritance child, say) gives the same; the rows' hashes are summed modulo 2^64,
 * so row order does not matter and the parts of a table read on several connections add up to the whole.
 */
public final class CopyRowSum {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final int HEADER = 0;
    private static final int EXTENSION = 1;
    private static final int COUNT = 2;
    private static final int LENGTH = 3;
    private static final int VALUE = 4;
    private static final int END = 5;
    /** The binary signature, flags and extension length. */
    private static final int HEADER_BYTES = 19;
    private static final long EMPTY = Xxh64.hash(new byte[0], 0, 0);

    private final boolean binary;
    /** Per column in the output's order, where its hash goes in the row's: the rank of its name. */
    private final int[] rank;
    /** The row's value hashes, in name order, as the bytes the row's hash is taken of. */
    private final byte[] row;
    /** A value split over pieces of output. */
    private final Xxh64 value = new Xxh64();
    private boolean valueSplit;
    private int field;
    private long sum;
    private long rows;
    // Binary only: what is being read, how many of its bytes are still to come, and an integer being assembled.
    private int state = HEADER;
    private long need = HEADER_BYTES;
    private int integer;

    private CopyRowSum(boolean binary, List<String> columns) {
        this.binary = binary;
        Integer[] byName = new Integer[columns.size()];
        for (int i = 0; i < byName.length; i++) {
            byName[i] = i;
        }
        Comparator<Integer> order = (a, b) -> Arrays.compareUnsigned(utf8(columns.get(a)), utf8(columns.get(b)));
        Arrays.sort(byName, order);
        this.rank = new int[columns.size()];
        for (int r = 0; r < byName.length; r++) {
            rank[byName[r]] = r;
        }
        this.row = new byte[8 * columns.size()];
    }

    /** For {@code COPY ... (FORMAT binary)} output of the columns named, in that order; header and trailer included. */
    public static CopyRowSum binary(List<String> columns) {
        return new CopyRowSum(true, columns);
    }

    /** For text {@code COPY} output of the columns named, in that order: one row a line, values between tabs. */
    public static CopyRowSum text(List<String> columns) {
        return new CopyRowSum(false, columns);
    }

    public void accept(byte[] data, int offset, int length) {
        if (binary) {
            acceptBinary(data, offset, offset + length);
        } else {
            acceptText(data, offset, offset + length);
        }
    }

    private void acceptText(byte[] data, int i, int end) {
        int start = i;
        for (; i < end; i++) {
            byte b = data[i];
            if (b == '\t' || b == '\n') {
                // A table of no columns writes an empty line a row.
                if (rank.length > 0 || b == '\t' || valueSplit || start < i) {
                    valueEnded(data, start, i);
                }
                start = i + 1;
                if (b == '\n') {
                    rowEnded();
                }
            }
        }
        if (start < end) {
            value.update(data, start, end - start);
            valueSplit = true;
        }
    }

    private void acceptBinary(byte[] data, int i, int end) {
        while (i < end) {
            if (state == COUNT && need == 2) {
                int taken = wholeRow(data, i, end);
                if (taken > 0) {
                    i += taken;
                    continue;
                }
            }
            switch (state) {
                // A field's length or a row's count read whole where it lies in this piece, which it mostly does.
                case LENGTH -> {
                    if (need == 4 && end - i >= 4) {
                        integer = (int) INT.get(data, i);
                        i += 4;
                        integerRead();
                    } else {
                        integer = integer << 8 | data[i++] & 0xFF;
                        if (--need == 0) {
                            integerRead();
                        }
                    }
                }
                case COUNT -> {
                    if (need == 2 && end - i >= 2) {
                        integer = (short) SHORT.get(data, i) & 0xFFFF;
                        i += 2;
                        integerRead();
                    } else {
                        integer = integer << 8 | data[i++] & 0xFF;
                        if (--need == 0) {
                            integerRead();
                        }
                    }
                }
                case HEADER -> {
                    integer = integer << 8 | data[i++] & 0xFF;
                    if (--need == 0) {
                        integerRead();
                    }
                }
                case EXTENSION -> {
                    int n = (int) Math.min(need, end - i);
                    i += n;
                    need -= n;
                    if (need == 0) {
                        expect(COUNT, 2);
                    }
                }
                case VALUE -> {
                    int n = (int) Math.min(need, end - i);
                    need -= n;
                    if (need == 0) {
                        valueEnded(data, i, i + n);
                        fieldEnded();
                    } else {
                        value.update(data, i, n);
                        valueSplit = true;
                    }
                    i += n;
                }
                default -> throw new IllegalStateException("COPY output goes on after its end");
            }
        }
    }

    /**
     * Hashes the row that starts at {@code data[i]} where it lies whole before {@code end}, as the driver hands over
     * COPY's output (a row a piece): one pass over its fields, without the state machine's steps between them.
     *
     * @return the row's bytes, or 0 where it does not lie whole there, or is not a row of these columns (the
     *     trailer, a row of no columns, a damaged one), which the state machine then reads
     */
    private int wholeRow(byte[] data, int i, int end) {
        if (end - i < 2 || (short) SHORT.get(data, i) != rank.length || rank.length == 0) {
            return 0;
        }
        int at = i + 2;
        for (int f = 0; f < rank.length; f++) {
            if (end - at < 4) {
                return 0;
            }
            int length = (int) INT.get(data, at);
            at += 4;
            long hash = 0;
            if (length == 0) {
                hash = EMPTY;
            } else if (length > 0) {
                if (end - at < length) {
                    return 0;
                }
                hash = Xxh64.hash(data, at, length);
                at += length;
            }
            LONG.set(row, 8 * rank[f], hash);
        }
        sum += Xxh64.hash(row, 0, row.length);
        rows++;
        return at - i;
    }

    /** Acts on the integer just completed. */
    private void integerRead() {
        switch (state) {
            case HEADER -> {
                if (integer < 0) {
                    throw new IllegalStateException("COPY header extension of negative length");
                }
                if (integer == 0) {
                    expect(COUNT, 2);
                } else {
                    expect(EXTENSION, integer);
                }
            }
            case COUNT -> {
                short fields = (short) integer;
                if (fields == -1) {
                    expect(END, 0);
                } else if (fields != rank.length) {
                    throw new IllegalStateException("a row of " + fields + " values where " + rank.length
                            + " columns were expected");
                } else if (fields == 0) {
                    rowEnded();
                    expect(COUNT, 2);
                } else {
                    expect(LENGTH, 4);
                }
            }
            default -> {
                if (integer < 0) {
                    store(0);
                    fieldEnded();
                } else if (integer == 0) {
                    store(EMPTY);
                    fieldEnded();
                } else {
                    expect(VALUE, integer);
                }
            }
        }
    }

    private void fieldEnded() {
        if (field == rank.length) {
            rowEnded();
            expect(COUNT, 2);
        } else {
            expect(LENGTH, 4);
        }
    }

    /** The value ending with {@code data[from, to)}; any earlier part of it came in earlier pieces. */
    private void valueEnded(byte[] data, int from, int to) {
        if (valueSplit) {
            value.update(data, from, to - from);
            store(value.digest());
            value.reset();
            valueSplit = false;
        } else {
            store(Xxh64.hash(data, from, to - from));
        }
    }

    private void store(long hash) {
        if (field >= rank.length) {
            throw new IllegalStateException("a row of more values than the " + rank.length + " columns expected");
        }
        LONG.set(row, 8 * rank[field++], hash);
    }

    private void rowEnded() {
        if (field != rank.length) {
            throw new IllegalStateException("a row of " + field + " values where " + rank.length
                    + " columns were expected");
        }
        sum += Xxh64.hash(row, 0, row.length);
        rows++;
        field = 0;
    }

    private void expect(int next, long bytes) {
        state = next;
        need = bytes;
        integer = 0;
    }

    /** Checks the output ended where a table's may: after the trailer (binary) or a whole line (text). */
    public TableFingerprint finish() {
        if (binary ? state != END : field != 0 || valueSplit) {
            throw new IllegalStateException("COPY output ended in the middle of a row");
        }
        return fingerprint();
    }

    /** The rows so far; for parts of a table, added to the others'. */
    public TableFingerprint fingerprint() {
        return new TableFingerprint(rows, RowSum.hex(sum));
    }

    public long rows() {
        return rows;
    }

    public long sum() {
        return sum;
    }

    private static byte[] utf8(String name) {
        return name.getBytes(StandardCharsets.UTF_8);
    }
}
