package io.jenkins.plugins.dbrunbooks.engine.artifact;

import com.exceptionfactory.jagged.framework.stream.StandardEncryptingChannelFactory;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressMeter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.security.GeneralSecurityException;
import java.util.List;

/**
 * The write side of the artifact layers: the method's stream, then zstd, then age, then SHA-256 of what reaches
 * the file. Every layer is a standard format, so {@code age -d | zstd -d} undoes it without this project.
 */
public final class PayloadWriter implements AutoCloseable {
    private static final int BUFFER = 1 << 17;

    private final HashingOutputStream hashing;
    private final CountingOutputStream raw;
    private final OutputStream top;
    private boolean finished;

    private PayloadWriter(HashingOutputStream hashing, CountingOutputStream raw, OutputStream top) {
        this.hashing = hashing;
        this.raw = raw;
        this.top = top;
    }

    /**
     * @param file where the payload goes; closed by {@link #finish()}
     * @param options compression and encryption to apply
     * @param meter counts the method's bytes, as progress
     */
    public static PayloadWriter open(OutputStream file, PayloadOptions options, ProgressMeter meter) {
        try {
            HashingOutputStream hashing = new HashingOutputStream(file);
            OutputStream out = hashing;
            if (!options.recipients().isEmpty()) {
                out = new BufferedOutputStream(Channels.newOutputStream(new StandardEncryptingChannelFactory()
                        .newEncryptingChannel(Channels.newChannel(out), AgeKeys.recipients(options.recipients()))),
                        BUFFER);
            }
            if (options.compression() == Compression.ZSTD) {
                ZstdOutputStreamNoFinalizer zstd = new ZstdOutputStreamNoFinalizer(out, options.zstdLevel());
                zstd.setChecksum(true);
                if (options.zstdWorkers() > 0) {
                    zstd.setWorkers(options.zstdWorkers());
                }
                out = zstd;
            }
            CountingOutputStream raw = new CountingOutputStream(new BufferedOutputStream(out, BUFFER), meter);
            return new PayloadWriter(hashing, raw, raw);
        } catch (GeneralSecurityException | IOException e) {
            throw new RunbookException(ErrorKind.STORAGE, "Could not start writing the backup: " + e.getMessage(),
                    null, e);
        }
    }

    /** Where the method writes its stream. */
    public OutputStream stream() {
        return top;
    }

    /** Ends every layer and returns what was written. */
    public PayloadDigest finish() throws IOException {
        finished = true;
        top.close();
        return new PayloadDigest(hashing.size(), hashing.sha256(), raw.count());
    }

    @Override
    public void close() throws IOException {
        if (!finished) {
            finished = true;
            top.close();
        }
    }

    /** Compression and encryption of one payload. */
    public record PayloadOptions(Compression compression, int zstdLevel, int zstdWorkers, List<String> recipients) {
        public PayloadOptions {
            recipients = recipients == null ? List.of() : List.copyOf(recipients);
        }

        public String encryption() {
            return recipients.isEmpty() ? "none" : "age";
        }

        public String suffix() {
            return compression.suffix() + (recipients.isEmpty() ? "" : ".age");
        }
    }
}
