package io.jenkins.plugins.dbrunbooks.engine.testing;

import java.time.Duration;

/**
 * Waits for something another thread, process or server does, instead of sleeping for a guessed time: it looks
 * again every few milliseconds until the thing is there, and fails with what it waited for when the thing being
 * watched ended without it or when {@link #LIMIT} has passed, so a test that waits for what never comes fails
 * rather than hangs. The limit is a safety net, not a measure: nothing a test waits for comes near it.
 */
public final class Eventually {
    public static final Duration LIMIT = Duration.ofSeconds(120);
    private static final long PAUSE_MILLIS = 5;

    /** A look at the state: a value once it is there, {@code null} while it is not. */
    @FunctionalInterface
    public interface Probe<T> {
        T look() throws Exception;
    }

    private Eventually() {
    }

    /** Waits until {@code condition} holds. */
    public static void until(String what, Probe<Boolean> condition) {
        until(what, condition, () -> null);
    }

    /**
     * Waits until {@code condition} holds; {@code ended} says why waiting is pointless (the process being watched
     * stopped) or returns {@code null} while it is not.
     */
    public static void until(String what, Probe<Boolean> condition, Probe<String> ended) {
        value(what, () -> Boolean.TRUE.equals(condition.look()) ? Boolean.TRUE : null, ended);
    }

    /** Waits for the value {@code probe} finds. */
    public static <T> T value(String what, Probe<T> probe) {
        return value(what, probe, () -> null);
    }

    /** Waits for the value {@code probe} finds, unless {@code ended} says why it never will. */
    public static <T> T value(String what, Probe<T> probe, Probe<String> ended) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        try {
            while (true) {
                T found = probe.look();
                if (found != null) {
                    return found;
                }
                String why = ended.look();
                if (why != null) {
                    throw new AssertionError("Waited for " + what + " in vain: " + why);
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("Waited for " + what + " in vain for " + LIMIT.toSeconds() + " s");
                }
                Thread.sleep(PAUSE_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for " + what, e);
        } catch (AssertionError | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("Looking for " + what + " failed: " + e.getMessage(), e);
        }
    }
}
