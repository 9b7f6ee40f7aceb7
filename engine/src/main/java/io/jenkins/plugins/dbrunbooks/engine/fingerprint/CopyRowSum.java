package io.jenkins.plugins.dbrunbooks.engine.fingerprint;

/**
 * The fingerprint of one table read with {@code COPY ... TO STDOUT}, taken from the output as it arrives in pieces
 * of any size: every row's bytes (a binary tuple from its field count to its last value, or a text line without its
 * newline) are hashed with {@link Xxh64} and the hashes summed modulo 2^64, so row order does not matter and the
 * parts of a table read on several connections add up to the whole.
 */
public final class CopyRowSum {
    private static final int HEADER = 0;
    private static final int EXTENSION = 1;
    private static final int COUNT = 2;
    private static final int LENGTH = 3;
    private static final int VALUE = 4;
    private static final int END = 5;
    /** The binary signature, flags and extension length. */
    private static final int HEADER_BYTES = 19;

    private final boolean binary;
    private final Xxh64 hash = new Xxh64();
    private long sum;
    private long rows;
    private boolean inRow;
    // Binary only: what is being read, how many of its bytes are still to come, and an integer being assembled.
    private int state = HEADER;
    private long need = HEADER_BYTES;
    private int value;
    private int fieldsLeft;

    private CopyRowSum(boolean binary) {
        this.binary = binary;
    }

    /** For {@code COPY ... (FORMAT binary)} output, header and trailer included. */
    public static CopyRowSum binary() {
        return new CopyRowSum(true);
    }

    /** For text {@code COPY} output, one row a line. */
    public static CopyRowSum text() {
        return new CopyRowSum(false);
    }

    public void accept(byte[] data, int offset, int length) {
        if (binary) {
            acceptBinary(data, offset, offset + length);
        } else {
            acceptText(data, offset, offset + length);
        }
    }

    private void acceptText(byte[] data, int i, int end) {
        int rowStart = i;
        for (; i < end; i++) {
            if (data[i] == '\n') {
                hash.update(data, rowStart, i - rowStart);
                endRow();
                rowStart = i + 1;
            }
        }
        if (rowStart < end) {
            hash.update(data, rowStart, end - rowStart);
            inRow = true;
        }
    }

    private void acceptBinary(byte[] data, int i, int end) {
        int rowStart = inRow ? i : -1;
        while (i < end) {
            switch (state) {
                case HEADER, COUNT, LENGTH -> {
                    if (state == COUNT && need == 2) {
                        rowStart = i;
                        inRow = true;
                    }
                    value = value << 8 | data[i++] & 0xFF;
                    if (--need == 0) {
                        i = integerRead(data, rowStart, i);
                        if (!inRow) {
                            rowStart = -1;
                        }
                    }
                }
                case EXTENSION, VALUE -> {
                    int n = (int) Math.min(need, end - i);
                    i += n;
                    need -= n;
                    if (need == 0) {
                        if (state == EXTENSION) {
                            expect(COUNT, 2);
                        } else {
                            fieldEnded(data, rowStart, i);
                            if (!inRow) {
                                rowStart = -1;
                            }
                        }
                    }
                }
                default -> throw new IllegalStateException("COPY output goes on after its end");
            }
        }
        if (inRow && rowStart >= 0 && rowStart < end) {
            hash.update(data, rowStart, end - rowStart);
        }
    }

    /** Acts on the integer just completed at {@code i}; returns where reading goes on. */
    private int integerRead(byte[] data, int rowStart, int i) {
        switch (state) {
            case HEADER -> {
                if (value < 0) {
                    throw new IllegalStateException("COPY header extension of negative length");
                }
                if (value == 0) {
                    expect(COUNT, 2);
                } else {
                    expect(EXTENSION, value);
                }
            }
            case COUNT -> {
                short fields = (short) value;
                if (fields == -1) {
                    inRow = false;
                    hash.reset();
                    expect(END, 0);
                } else if (fields == 0) {
                    rowEnded(data, rowStart, i);
                } else {
                    fieldsLeft = fields;
                    expect(LENGTH, 4);
                }
            }
            default -> {
                if (value <= 0) {
                    fieldEnded(data, rowStart, i);
                } else {
                    expect(VALUE, value);
                }
            }
        }
        return i;
    }

    private void fieldEnded(byte[] data, int rowStart, int i) {
        if (--fieldsLeft == 0) {
            rowEnded(data, rowStart, i);
        } else {
            expect(LENGTH, 4);
        }
    }

    private void rowEnded(byte[] data, int rowStart, int i) {
        hash.update(data, rowStart, i - rowStart);
        endRow();
        expect(COUNT, 2);
    }

    private void endRow() {
        sum += hash.digest();
        hash.reset();
        rows++;
        inRow = false;
    }

    private void expect(int next, long bytes) {
        state = next;
        need = bytes;
        value = 0;
    }

    /** Checks the output ended where a table's may: after the trailer (binary) or a whole line (text). */
    public TableFingerprint finish() {
        if (binary ? state != END : inRow) {
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
}
