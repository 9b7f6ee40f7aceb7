package io.jenkins.plugins.dbrunbooks.engine.fingerprint;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads PostgreSQL's binary COPY output ({@code COPY ... TO STDOUT (FORMAT binary)}: a header, rows of a field
 * count and each field's length and bytes, a trailer) as it arrives in pieces of any size, and hands each field of
 * each row to what reads it. The driver hands the output over a row a piece, so a row that lies whole in its piece
 * is read in one loop over its fields; a byte-wise state machine reads the header, the trailer and any row cut across
 * pieces, whose values that go on in the next piece come in parts. Such a row's first values may come twice, as far
 * as the loop read it before finding it cut, then again with the rest: what reads the fields keeps each value by
 * its column, and takes a row as complete only at {@link #rowEnded}.
 */
public abstract class BinaryCopyFields {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final byte[] NO_BYTES = new byte[0];
    private static final int HEADER = 0;
    private static final int EXTENSION = 1;
    private static final int COUNT = 2;
    private static final int LENGTH = 3;
    private static final int VALUE = 4;
    private static final int END = 5;
    /** The binary signature, flags and extension length. */
    private static final int HEADER_BYTES = 19;

    private final int columns;
    private int state = HEADER;
    /** Bytes still to come of what is being read. */
    private long need = HEADER_BYTES;
    /** An integer being assembled byte by byte. */
    private int integer;
    private int field;
    /** Whether the current value's earlier bytes went to {@link #part}. */
    private boolean split;

    /** @param columns the fields each row has */
    protected BinaryCopyFields(int columns) {
        this.columns = columns;
    }

    /**
     * The value of column {@code column} (from 0, in the output's order), or its last bytes where
     * {@code afterParts}: the earlier ones came to {@link #part}. An empty value has length 0.
     */
    protected abstract void value(int column, byte[] data, int from, int length, boolean afterParts);

    /** Bytes of a value of column {@code column} that goes on in the next piece. */
    protected abstract void part(int column, byte[] data, int from, int length);

    /** A NULL in column {@code column}. */
    protected abstract void nullValue(int column);

    /** The row whose fields came last is complete. */
    protected void rowEnded() {
    }

    /** Whether nothing more is wanted of the output: the rest is not read. */
    protected boolean done() {
        return false;
    }

    /** Whether the output read so far ends with its trailer, where a table's output may end. */
    public final boolean ended() {
        return state == END;
    }

    public final void accept(byte[] data, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end && !done()) {
            if (state == COUNT && need == 2) {
                int next = wholeRow(data, i, end);
                if (next >= 0) {
                    i = next;
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
                        i = byteOfInteger(data, i);
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
                case VALUE -> {
                    int n = (int) Math.min(need, end - i);
                    need -= n;
                    if (need == 0) {
                        value(field, data, i, n, split);
                        split = false;
                        fieldEnded();
                    } else {
                        part(field, data, i, n);
                        split = true;
                    }
                    i += n;
                }
                default -> throw new IllegalStateException("COPY output goes on after its end");
            }
        }
    }

    /**
     * The row that starts at {@code data[i]}, read in one pass over its fields: where the next row starts, or -1
     * where it does not lie whole before {@code end} (its values read so far come again from the state machine) or
     * is not a row of these columns (the trailer, a row of no columns, a damaged one), which the state machine reads.
     * Reading the lengths first, to hand over only whole rows, cost a quarter more.
     */
    private int wholeRow(byte[] data, int i, int end) {
        if (columns == 0 || end - i < 2 || (short) SHORT.get(data, i) != columns) {
            return -1;
        }
        int at = i + 2;
        for (int f = 0; f < columns; f++) {
            if (end - at < 4) {
                return -1;
            }
            int size = (int) INT.get(data, at);
            at += 4;
            if (size < 0) {
                nullValue(f);
            } else {
                if (end - at < size) {
                    return -1;
                }
                value(f, data, at, size, false);
                at += size;
            }
        }
        rowEnded();
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
                short count = (short) integer;
                if (count == -1) {
                    expect(END, 0);
                } else if (count != columns) {
                    throw new IllegalStateException("a row of " + count + " values where " + columns
                            + " columns were expected");
                } else if (count == 0) {
                    rowEnded();
                    expect(COUNT, 2);
                } else {
                    field = 0;
                    expect(LENGTH, 4);
                }
            }
            default -> {
                if (integer < 0) {
                    nullValue(field);
                    fieldEnded();
                } else if (integer == 0) {
                    value(field, NO_BYTES, 0, 0, false);
                    fieldEnded();
                } else {
                    expect(VALUE, integer);
                }
            }
        }
    }

    private void fieldEnded() {
        if (++field == columns) {
            rowEnded();
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
}
