package io.jenkins.plugins.dbrunbooks.engine.artifact;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.framework.stream.StandardDecryptingChannelFactory;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressMeter;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * The read side of the artifact layers, and the one place a payload is checked against its manifest: every
 * caller (verify, restore, prune, inspect) reads through here. It hashes the stored bytes and counts the decoded
 * ones as they are read, so one pass over the file both restores and checks it: a stored file longer than the
 * manifest says fails as soon as the extra bytes arrive, and {@link #finish()} reads whatever is left and compares
 * size, SHA-256 and raw size with the manifest.
 */
public final class PayloadReader implements AutoCloseable {
    private static final int BUFFER = 1 << 17;

    private final Manifest manifest;
    private final HashingInputStream stored;
    private final DecodedStream raw;
    private boolean checked;

    private PayloadReader(Manifest manifest, HashingInputStream stored, DecodedStream raw) {
        this.manifest = manifest;
        this.stored = stored;
        this.raw = raw;
    }

    /**
     * @param identities age identities; required when the manifest says the payload is encrypted
     * @param meter counts stored bytes read, as progress
     */
    public static PayloadReader open(InputStream file, Manifest manifest, List<RecipientStanzaReader> identities,
            ProgressMeter meter) {
        HashingInputStream stored = new HashingInputStream(new BufferedInputStream(file, BUFFER), manifest, meter);
        InputStream in = stored;
        try {
            if (manifest.encrypted()) {
                if (identities == null || identities.isEmpty()) {
                    throw new RunbookException(ErrorKind.DECRYPTION, "Backup '" + manifest.id()
                            + "' is encrypted with age and no identity was given",
                            "Give the age identity file that matches recipient "
                                    + String.join(" or ", manifest.payload().recipientFingerprints()) + ".");
                }
                in = openDecrypting(in, manifest, identities);
            }
            if (manifest.payload().compressionLayer() == Compression.ZSTD) {
                in = new ZstdInputStreamNoFinalizer(in);
            }
            return new PayloadReader(manifest, stored,
                    new DecodedStream(new BufferedInputStream(in, BUFFER), manifest, stored));
        } catch (IOException | RuntimeException e) {
            closeQuietly(file, e);
            throw e instanceof IOException io ? damaged(manifest, io) : (RuntimeException) e;
        }
    }

    private static InputStream openDecrypting(InputStream in, Manifest manifest,
            List<RecipientStanzaReader> identities) {
        try {
            return Channels.newInputStream(
                    new StandardDecryptingChannelFactory().newDecryptingChannel(Channels.newChannel(in), identities));
        } catch (GeneralSecurityException e) {
            throw new RunbookException(ErrorKind.DECRYPTION, "Backup '" + manifest.id()
                    + "' cannot be decrypted with the given identity: it matches none of the recipients "
                    + String.join(", ", manifest.payload().recipientFingerprints()) + " it was encrypted for",
                    "Give the identity matching recipient "
                            + String.join(" or ", manifest.payload().recipientFingerprints()) + ".", e);
        } catch (IOException e) {
            throw damaged(manifest, e);
        }
    }

    /** The method's own stream: decrypted and decompressed. */
    public InputStream stream() {
        return raw;
    }

    /** Bytes of the decoded stream read so far, by the method or by {@link #finish()}. */
    public long decodedSize() {
        return raw.count;
    }

    /**
     * Reads to the end of the stored file and checks it against the manifest: stored size and SHA-256 first (a
     * damaged file is reported as such), then the size of the decoded stream; once.
     */
    public void finish() {
        if (checked) {
            return;
        }
        checked = true;
        try {
            raw.transferTo(OutputStream.nullOutputStream());
            stored.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw damaged(manifest, e);
        }
        checkAgainstManifest(manifest, stored.size(), stored.sha256());
        if (raw.count != manifest.rawSize()) {
            throw new RunbookException(ErrorKind.INTEGRITY, "Backup '" + manifest.id() + "' payload decodes to "
                    + raw.count + " bytes; its manifest says " + manifest.rawSize()
                    + " (manifest altered or payload written wrongly)");
        }
    }

    static void checkAgainstManifest(Manifest manifest, long size, String sha256) {
        if (size != manifest.payload().size()) {
            throw new RunbookException(ErrorKind.INTEGRITY, "Backup '" + manifest.id() + "' payload has " + size
                    + " bytes; its manifest says " + manifest.payload().size() + " (truncated or altered)");
        }
        if (!sha256.equals(manifest.payload().sha256())) {
            throw new RunbookException(ErrorKind.INTEGRITY, "Backup '" + manifest.id()
                    + "' payload does not match its SHA-256 checksum (altered or corrupted)");
        }
    }

    /**
     * Reads a stored file through and checks size and checksum, without decrypting anything: the check that
     * needs no key. Closes the file.
     */
    public static void checkStoredBytes(InputStream file, Manifest manifest, ProgressMeter meter) {
        try (HashingInputStream stored = new HashingInputStream(new BufferedInputStream(file, BUFFER), manifest,
                meter)) {
            stored.transferTo(OutputStream.nullOutputStream());
            checkAgainstManifest(manifest, stored.size(), stored.sha256());
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.STORAGE, "Backup '" + manifest.id() + "' could not be read: "
                    + e.getMessage(), null, e);
        }
    }

    private static void closeQuietly(InputStream file, Exception failure) {
        try {
            file.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    static RunbookException damaged(Manifest manifest, IOException e) {
        return new RunbookException(ErrorKind.INTEGRITY, "Backup '" + manifest.id()
                + "' payload is damaged and cannot be decoded: " + e.getMessage(), null, e);
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }

    /**
     * The method's stream: counts the decoded bytes for the raw-size check, and reports a payload that cannot be
     * decoded (bad zstd frame, failed age authentication) as damage, whoever is reading, so a method's own I/O
     * error handling never mistakes it for a broken pipe.
     */
    private static final class DecodedStream extends FilterInputStream {
        private final Manifest manifest;
        private final HashingInputStream stored;
        private long count;

        DecodedStream(InputStream in, Manifest manifest, HashingInputStream stored) {
            super(in);
            this.manifest = manifest;
            this.stored = stored;
        }

        /**
         * A truncated or altered file mostly shows first as a layer that cannot decode it. The rest of the stored
         * bytes are read to say which, in the words of the size and checksum check, so that restore and verify
         * report the same damage the same way.
         */
        RunbookException damaged(IOException e) {
            try {
                stored.transferTo(OutputStream.nullOutputStream());
                checkAgainstManifest(manifest, stored.size(), stored.sha256());
            } catch (RunbookException mismatch) {
                mismatch.addSuppressed(e);
                return mismatch;
            } catch (IOException | RuntimeException unreadable) {
                e.addSuppressed(unreadable);
            }
            return PayloadReader.damaged(manifest, e);
        }

        @Override
        public int read() {
            try {
                int b = in.read();
                if (b >= 0) {
                    count++;
                }
                return b;
            } catch (IOException e) {
                throw damaged(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) {
            try {
                int n = in.read(b, off, len);
                if (n > 0) {
                    count += n;
                }
                return n;
            } catch (IOException e) {
                throw damaged(e);
            }
        }

        @Override
        public long skip(long n) {
            // Skipped bytes still count towards the raw size.
            byte[] buffer = new byte[(int) Math.min(Math.max(n, 0), 8192)];
            return Math.max(read(buffer, 0, buffer.length), 0);
        }
    }

    /** The stored bytes: hashed, counted, and refused as soon as there are more than the manifest says. */
    private static final class HashingInputStream extends FilterInputStream {
        private final MessageDigest digest = HashingOutputStream.Sha256.newDigest();
        private final Manifest manifest;
        private final ProgressMeter meter;
        private long size;

        HashingInputStream(InputStream in, Manifest manifest, ProgressMeter meter) {
            super(in);
            this.manifest = manifest;
            this.meter = meter;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                digest.update((byte) b);
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                digest.update(b, off, n);
                counted(n);
            }
            return n;
        }

        private void counted(int n) {
            size += n;
            meter.add(n);
            if (size > manifest.payload().size()) {
                throw new RunbookException(ErrorKind.INTEGRITY, "Backup '" + manifest.id() + "' payload has more"
                        + " than the " + manifest.payload().size() + " bytes its manifest says (extended or"
                        + " altered)");
            }
        }

        @Override
        public long skip(long n) throws IOException {
            // Skipping would leave bytes out of the checksum.
            byte[] buffer = new byte[(int) Math.min(n, 8192)];
            int read = read(buffer, 0, buffer.length);
            return Math.max(read, 0);
        }

        long size() {
            return size;
        }

        String sha256() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
