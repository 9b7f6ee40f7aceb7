package io.jenkins.plugins.dbrunbooks.engine.fingerprint;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The checksum every engine's fingerprint uses: each row's canonical text is hashed with MD5, the first 8 bytes of
 * the hash are read as an unsigned 64-bit number, and the numbers of all rows are added modulo 2^64. The sum does
 * not depend on row order, so the server computes it in one pass without sorting, and a changed, missing or extra
 * row changes it. MD5 serves as a spread function here, not as a defence against someone forging rows.
 */
public final class RowSum {
    private static final BigInteger MODULUS = BigInteger.ONE.shiftLeft(64);

    private long sum;

    /** A sum the server computed (any integer, possibly negative or wider than 64 bits), as 16 hex digits. */
    public static String fromServer(String decimal) {
        BigInteger value = decimal == null ? BigInteger.ZERO : new java.math.BigDecimal(decimal).toBigIntegerExact();
        return hex(value.mod(MODULUS).longValue());
    }

    /** Adds one row given by its canonical text. */
    public void add(String canonicalRow) {
        sum += ByteBuffer.wrap(md5(canonicalRow.getBytes(StandardCharsets.UTF_8))).getLong();
    }

    public String checksum() {
        return hex(sum);
    }

    public static String hex(long value) {
        return String.format("%016x", value);
    }

    private static byte[] md5(byte[] data) {
        try {
            return MessageDigest.getInstance("MD5").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Java has no MD5", e);
        }
    }
}
