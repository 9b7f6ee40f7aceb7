package io.jenkins.plugins.dbrunbooks.engine.fingerprint;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * XXH64 (xxHash, 64 bits, seed 0), fed in pieces: a row arriving split over several network reads hashes the same
 * as in one piece. Used as the per-row spread function of the fingerprints read from {@code COPY}: a few times
 * faster than MD5, and a fingerprint guards against damage, not forgery. The output is the reference
 * implementation's ({@code xxhsum -H1}), which the tests check.
 */
public final class Xxh64 {
    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;
    private static final long P4 = 0x85EBCA77C2B2AE63L;
    private static final long P5 = 0x27D4EB2F165667C5L;
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private long v1;
    private long v2;
    private long v3;
    private long v4;
    private long total;
    /** Bytes of an unfinished 32-byte stripe. */
    private final byte[] stripe = new byte[32];
    private int buffered;

    public Xxh64() {
        reset();
    }

    /** Starts a new hash. */
    public void reset() {
        v1 = P1 + P2;
        v2 = P2;
        v3 = 0;
        v4 = -P1;
        total = 0;
        buffered = 0;
    }

    public void update(byte[] data, int offset, int length) {
        total += length;
        int end = offset + length;
        if (buffered > 0) {
            int n = Math.min(length, 32 - buffered);
            System.arraycopy(data, offset, stripe, buffered, n);
            buffered += n;
            offset += n;
            if (buffered < 32) {
                return;
            }
            stripes(stripe, 0, 32);
            buffered = 0;
        }
        int whole = (end - offset) & ~31;
        if (whole > 0) {
            stripes(data, offset, whole);
            offset += whole;
        }
        if (offset < end) {
            System.arraycopy(data, offset, stripe, 0, end - offset);
            buffered = end - offset;
        }
    }

    private void stripes(byte[] data, int offset, int length) {
        long a = v1;
        long b = v2;
        long c = v3;
        long d = v4;
        for (int end = offset + length; offset < end; offset += 32) {
            a = round(a, (long) LONG.get(data, offset));
            b = round(b, (long) LONG.get(data, offset + 8));
            c = round(c, (long) LONG.get(data, offset + 16));
            d = round(d, (long) LONG.get(data, offset + 24));
        }
        v1 = a;
        v2 = b;
        v3 = c;
        v4 = d;
    }

    /** The hash of everything given since the last reset; the state is left as it was. */
    public long digest() {
        long h = total >= 32 ? converge(v1, v2, v3, v4) : v3 + P5;
        return tail(h + total, stripe, 0, buffered);
    }

    /** The hash of one piece of bytes, read where it lies: the hashing of every value of a row goes through here. */
    public static long hash(byte[] data, int offset, int length) {
        int end = offset + length;
        long h;
        if (length >= 32) {
            long a = P1 + P2;
            long b = P2;
            long c = 0;
            long d = -P1;
            for (int last = end - 32; offset <= last; offset += 32) {
                a = round(a, (long) LONG.get(data, offset));
                b = round(b, (long) LONG.get(data, offset + 8));
                c = round(c, (long) LONG.get(data, offset + 16));
                d = round(d, (long) LONG.get(data, offset + 24));
            }
            h = converge(a, b, c, d);
        } else {
            h = P5;
        }
        return tail(h + length, data, offset, end);
    }

    private static long converge(long a, long b, long c, long d) {
        long h = Long.rotateLeft(a, 1) + Long.rotateLeft(b, 7) + Long.rotateLeft(c, 12) + Long.rotateLeft(d, 18);
        h = merge(h, a);
        h = merge(h, b);
        h = merge(h, c);
        return merge(h, d);
    }

    /** Mixes in the last bytes, {@code data[i, end)} (fewer than 32), and finishes the hash. */
    private static long tail(long h, byte[] data, int i, int end) {
        for (; i + 8 <= end; i += 8) {
            h ^= round(0, (long) LONG.get(data, i));
            h = Long.rotateLeft(h, 27) * P1 + P4;
        }
        if (i + 4 <= end) {
            h ^= ((int) INT.get(data, i) & 0xFFFFFFFFL) * P1;
            h = Long.rotateLeft(h, 23) * P2 + P3;
            i += 4;
        }
        for (; i < end; i++) {
            h ^= (data[i] & 0xFFL) * P5;
            h = Long.rotateLeft(h, 11) * P1;
        }
        h ^= h >>> 33;
        h *= P2;
        h ^= h >>> 29;
        h *= P3;
        h ^= h >>> 32;
        return h;
    }

    private static long round(long acc, long input) {
        return Long.rotateLeft(acc + input * P2, 31) * P1;
    }

    private static long merge(long h, long v) {
        return (h ^ round(0, v)) * P1 + P4;
    }
}
