package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The bytes {@link DataOutputStream} would write, put straight into blocks that are handed on as they fill: a
 * number is stored in its block at once, where a {@code DataOutputStream} calls the stream under it for every byte
 * of an int.
 */
abstract class BlockOutput extends OutputStream implements DataOutput {
    private byte[] block;
    private int used;

    /** A block to fill, empty. */
    protected abstract byte[] nextBlock();

    /** Hands on a block whose first {@code length} bytes (at least one) were written; it is not touched again. */
    protected abstract void handOn(byte[] block, int length);

    /** The block being filled, taken away with what it holds (null where there is none), as after a failure. */
    protected final byte[] drop() {
        byte[] b = block;
        block = null;
        used = 0;
        return b;
    }

    /** Hands on the block being filled, if it holds anything; the next write starts a new one. */
    @Override
    public final void flush() {
        if (block != null && used > 0) {
            handOn(block, used);
            block = null;
            used = 0;
        }
    }

    private void advance() {
        flush();
        block = nextBlock();
    }

    /** Where {@code size} bytes fit in the block from {@link #used}, taking them; -1 where they do not. */
    private int room(int size) {
        if (block == null || block.length - used < size) {
            return -1;
        }
        int at = used;
        used += size;
        return at;
    }

    @Override
    public final void write(int b) {
        if (block == null || used == block.length) {
            advance();
        }
        block[used++] = (byte) b;
    }

    @Override
    public final void write(byte[] b, int off, int len) {
        while (len > 0) {
            if (block == null || used == block.length) {
                advance();
            }
            int n = Math.min(len, block.length - used);
            System.arraycopy(b, off, block, used, n);
            used += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public final void write(byte[] b) {
        write(b, 0, b.length);
    }

    @Override
    public final void writeBoolean(boolean v) {
        write(v ? 1 : 0);
    }

    @Override
    public final void writeByte(int v) {
        write(v);
    }

    @Override
    public final void writeShort(int v) {
        int at = room(2);
        if (at < 0) {
            write(v >>> 8);
            write(v);
        } else {
            block[at] = (byte) (v >>> 8);
            block[at + 1] = (byte) v;
        }
    }

    @Override
    public final void writeChar(int v) {
        writeShort(v);
    }

    @Override
    public final void writeInt(int v) {
        int at = room(4);
        if (at < 0) {
            writeShort(v >>> 16);
            writeShort(v);
        } else {
            putInt(block, at, v);
        }
    }

    @Override
    public final void writeLong(long v) {
        int at = room(8);
        if (at < 0) {
            writeInt((int) (v >>> 32));
            writeInt((int) v);
        } else {
            putInt(block, at, (int) (v >>> 32));
            putInt(block, at + 4, (int) v);
        }
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    @Override
    public final void writeFloat(float v) {
        writeInt(Float.floatToIntBits(v));
    }

    @Override
    public final void writeDouble(double v) {
        writeLong(Double.doubleToLongBits(v));
    }

    @Override
    public final void writeBytes(String s) {
        for (int i = 0; i < s.length(); i++) {
            write(s.charAt(i));
        }
    }

    @Override
    public final void writeChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            writeChar(s.charAt(i));
        }
    }

    /** Modified UTF-8 with its length, as {@link DataOutputStream#writeUTF} writes it, and refused as it is. */
    @Override
    public final void writeUTF(String s) throws IOException {
        new DataOutputStream(this).writeUTF(s);
    }
}
