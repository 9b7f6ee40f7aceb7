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

    /** Binary only: the output's fields, hashed as they come. */
    private final Fields fields;
    /** Per column in the output's order, where its hash goes in the row's: the rank of its name. */
    private final int[] rank;
    /** The row's value hashes, in name order, as the bytes the row's hash is taken of. */
    private final byte[] row;
    /** A value split over pieces of output. */
    private final Xxh64 value = new Xxh64();
    private boolean valueSplit;
    /** Text only: the field being read. */
    private int field;
    private long sum;
    private long rows;

    private CopyRowSum(boolean binary, List<String> columns) {
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
        this.fields = binary ? new Fields() : null;
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
        if (fields != null) {
            fields.accept(data, offset, length);
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
                    if (field >= rank.length) {
                        throw new IllegalStateException("a row of more values than the " + rank.length
                                + " columns expected");
                    }
                    put(field++, valueEnded(data, start, i, valueSplit));
                }
                start = i + 1;
                if (b == '\n') {
                    if (field != rank.length) {
                        throw new IllegalStateException("a row of " + field + " values where " + rank.length
                                + " columns were expected");
                    }
                    addRow();
                    field = 0;
                }
            }
        }
        if (start < end) {
            value.update(data, start, end - start);
            valueSplit = true;
        }
    }

    /** The hash of the value ending with {@code data[from, to)}; where {@code split}, it began in earlier pieces. */
    private long valueEnded(byte[] data, int from, int to, boolean split) {
        if (!split) {
            return Xxh64.hash(data, from, to - from);
        }
        value.update(data, from, to - from);
        long hash = value.digest();
        value.reset();
        valueSplit = false;
        return hash;
    }

    private void put(int column, long hash) {
        LONG.set(row, 8 * rank[column], hash);
    }

    private void addRow() {
        sum += Xxh64.hash(row, 0, row.length);
        rows++;
    }

    /** Checks the output ended where a table's may: after the trailer (binary) or a whole line (text). */
    public TableFingerprint finish() {
        if (fields != null ? !fields.ended() : field != 0 || valueSplit) {
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

    /** Each binary value hashed into its column's place in the row, a NULL as 0. */
    private final class Fields extends BinaryCopyFields {
        Fields() {
            super(rank.length);
        }

        @Override
        protected void value(int column, byte[] data, int from, int length, boolean afterParts) {
            put(column, valueEnded(data, from, from + length, afterParts));
        }

        @Override
        protected void part(int column, byte[] data, int from, int length) {
            value.update(data, from, length);
        }

        @Override
        protected void nullValue(int column) {
            put(column, 0);
        }

        @Override
        protected void rowEnded() {
            addRow();
        }
    }
}
