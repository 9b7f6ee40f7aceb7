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
        long h;
        if (total >= 32) {
            h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
            h = merge(h, v1);
            h = merge(h, v2);
            h = merge(h, v3);
            h = merge(h, v4);
        } else {
            h = v3 + P5;
        }
        h += total;
        int i = 0;
        for (; i + 8 <= buffered; i += 8) {
            h ^= round(0, (long) LONG.get(stripe, i));
            h = Long.rotateLeft(h, 27) * P1 + P4;
        }
        if (i + 4 <= buffered) {
            h ^= ((int) INT.get(stripe, i) & 0xFFFFFFFFL) * P1;
            h = Long.rotateLeft(h, 23) * P2 + P3;
            i += 4;
        }
        for (; i < buffered; i++) {
            h ^= (stripe[i] & 0xFFL) * P5;
            h = Long.rotateLeft(h, 11) * P1;
        }
        h ^= h >>> 33;
        h *= P2;
        h ^= h >>> 29;
        h *= P3;
        h ^= h >>> 32;
        return h;
    }

    /** The hash of one piece of bytes. */
    public static long hash(byte[] data, int offset, int length) {
        Xxh64 x = new Xxh64();
        x.update(data, offset, length);
        return x.digest();
    }

    private static long round(long acc, long input) {
        return Long.rotateLeft(acc + input * P2, 31) * P1;
    }

    private static long merge(long h, long v) {
        return (h ^ round(0, v)) * P1 + P4;
    }
}
