package io.jenkins.plugins.dbrunbooks.engine.artifact;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 and size of exactly the bytes that reach the file. */
final class HashingOutputStream extends FilterOutputStream {
    private final MessageDigest digest = Sha256.newDigest();
    private long size;

    HashingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        digest.update((byte) b);
        size++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        digest.update(b, off, len);
        size += len;
    }

    long size() {
        return size;
    }

    String sha256() {
        return HexFormat.of().formatHex(digest.digest());
    }

    static final class Sha256 {
        private Sha256() {
        }

        static MessageDigest newDigest() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("Every Java runtime has SHA-256", e);
            }
        }
    }
}
