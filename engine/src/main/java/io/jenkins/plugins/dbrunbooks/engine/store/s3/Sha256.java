package io.jenkins.plugins.dbrunbooks.engine.store.s3;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** The value of S3's {@code x-amz-checksum-sha256} header: the base64 of the bytes' SHA-256. */
final class Sha256 {
    private Sha256() {
    }

    static String base64(byte[] data, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(data, 0, length);
            return Base64.getEncoder().encodeToString(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java has SHA-256", e);
        }
    }
}
