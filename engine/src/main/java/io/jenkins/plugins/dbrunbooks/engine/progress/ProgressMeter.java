package io.jenkins.plugins.dbrunbooks.engine.progress;

import java.time.Duration;

/**
 * Counts bytes for one phase and reports them at a steady pace (at most once per interval, and once at the
 * end), so a fast stream does not flood a console and a slow one still shows signs of life.
 */
public final class ProgressMeter {
    private static final long DEFAULT_INTERVAL_NANOS = Duration.ofSeconds(2).toNanos();

    private final ProgressListener listener;
    private final String phase;
    private final long totalBytes;
    private final long intervalNanos;
    private final long started = System.nanoTime();
    private long bytes;
    private long lastReport = started;

    public ProgressMeter(ProgressListener listener, String phase, long totalBytes) {
        this(listener, phase, totalBytes, DEFAULT_INTERVAL_NANOS);
    }

    ProgressMeter(ProgressListener listener, String phase, long totalBytes, long intervalNanos) {
        this.listener = listener;
        this.phase = phase;
        this.totalBytes = totalBytes;
        this.intervalNanos = intervalNanos;
    }

    public void add(long count) {
        bytes += count;
        long now = System.nanoTime();
        if (now - lastReport >= intervalNanos) {
            lastReport = now;
            listener.progress(snapshot(now));
        }
    }

    public long bytes() {
        return bytes;
    }

    public void finish() {
        listener.progress(snapshot(System.nanoTime()));
    }

    private Progress snapshot(long now) {
        long elapsedNanos = Math.max(1, now - started);
        double rate = bytes * 1e9 / elapsedNanos;
        return new Progress(phase, bytes, totalBytes, rate, Duration.ofNanos(elapsedNanos));
    }
}
