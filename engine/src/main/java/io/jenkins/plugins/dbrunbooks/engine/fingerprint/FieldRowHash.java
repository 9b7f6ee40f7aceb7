package io.jenkins.plugins.dbrunbooks.engine.fingerprint;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One row's hash from its values given one by one, as the bytes of PostgreSQL's binary {@code COPY} fields: each
 * value a 4-byte big-endian length and its bytes, NULL the length -1 with no bytes, so no two rows' values run
 * together the same way. The hash is {@link Xxh64} of the row's bytes.
 */
final class FieldRowHash {
    private byte[] row;
    private int length;
    private int valueStart;

    FieldRowHash() {
        this(256);
    }

    /**
     * A hash whose rows up to {@code capacity} bytes never grow its buffer: where rows are read at full speed, a
     * growth first met late makes the compiled reader start over.
     */
    FieldRowHash(int capacity) {
        row = new byte[capacity];
    }

    void add(byte[] value) {
        if (value == null) {
            addNull();
        } else {
            add(value, 0, value.length);
        }
    }

    /** A value given as text, hashed as its UTF-8 bytes; ASCII text is copied without encoding it first. */
    void add(String text) {
        if (text == null) {
            addNull();
            return;
        }
        int size = text.length();
        prefix(size, size);
        for (int i = 0; i < size; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                length -= 4;
                add(text.getBytes(StandardCharsets.UTF_8));
                return;
            }
            row[length + i] = (byte) c;
        }
        length += size;
    }

    /** A whole number, hashed as the ASCII of its decimal digits (and its sign), written in place. */
    void addDigits(long value) {
        if (value == Long.MIN_VALUE) {
            add("-9223372036854775808");
            return;
        }
        boolean negative = value < 0;
        long magnitude = negative ? -value : value;
        int size = AsciiDigits.count(magnitude) + (negative ? 1 : 0);
        prefix(size, size);
        if (negative) {
            row[length] = '-';
        }
        AsciiDigits.write(row, length + size, length + size, magnitude);
        length += size;
    }

    void addNull() {
        prefix(-1, 0);
    }

    void add(byte[] value, int offset, int size) {
        prefix(size, size);
        System.arraycopy(value, offset, row, length, size);
        length += size;
    }

    /** Starts a value whose bytes are appended after, and whose length {@link #endValue} fills in. */
    void startValue() {
        prefix(0, 0);
        valueStart = length;
    }

    void append(int b) {
        room(1)[length++] = (byte) b;
    }

    void append(byte[] b, int offset, int size) {
        System.arraycopy(b, offset, room(size), length, size);
        length += size;
    }

    /** The row's array with room for {@code size} more bytes after {@link #length()}, to be written in place. */
    byte[] room(int size) {
        if (length + size > row.length) {
            row = Arrays.copyOf(row, Math.max(row.length * 2, length + size));
        }
        return row;
    }

    int length() {
        return length;
    }

    /** Keeps the first {@code length} bytes: after writing in place, or to drop values added after that point. */
    void length(int length) {
        this.length = length;
    }

    void endValue() {
        putInt(valueStart - 4, length - valueStart);
    }

    /** A value's 4-byte prefix (its length, or -1 for NULL), with room for {@code size} bytes of value after it. */
    private void prefix(int prefix, int size) {
        room(4 + size);
        putInt(length, prefix);
        length += 4;
    }

    private void putInt(int at, int value) {
        row[at] = (byte) (value >>> 24);
        row[at + 1] = (byte) (value >>> 16);
        row[at + 2] = (byte) (value >>> 8);
        row[at + 3] = (byte) value;
    }

    /** The hash of the values added since the last call, after which the next row starts. */
    long finishRow() {
        long h = Xxh64.hash(row, 0, length);
        length = 0;
        return h;
    }
}
