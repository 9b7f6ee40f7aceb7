package io.jenkins.plugins.dbrunbooks.engine.progress;

import java.io.Serializable;
import java.time.Duration;
import java.util.Optional;

/**
 * A snapshot of long work: what phase it is in, how many bytes it moved, how fast, and, when the total is
 * known, how long it should still take.
 */
public record Progress(String phase, long bytes, long totalBytes, double bytesPerSecond, Duration elapsed)
        implements Serializable {

    public Optional<Duration> remaining() {
        if (totalBytes <= 0 || bytesPerSecond <= 0 || bytes >= totalBytes) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis((long) ((totalBytes - bytes) / bytesPerSecond * 1000)));
    }

    /** One line for a console: {@code backup: 412.0 MiB at 180.3 MiB/s, about 3s left}. */
    public String describe() {
        StringBuilder line = new StringBuilder(phase).append(": ").append(Bytes.human(bytes));
        if (totalBytes > 0) {
            line.append(" of ").append(Bytes.human(totalBytes));
        }
        line.append(" at ").append(Bytes.human((long) bytesPerSecond)).append("/s");
        remaining().ifPresent(r -> line.append(", about ").append(Math.max(1, r.toSeconds())).append("s left"));
        return line.toString();
    }
}
