package io.jenkins.plugins.dbrunbooks.engine.parallel;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the jobs of one piece of parallel work on up to {@code threads} daemon threads, and is the one place that
 * cancels and joins them. The first job to fail cancels the rest: queued jobs do not start, running ones are
 * interrupted and the cancel hooks run (to stop a statement on the server, or wake a reader); failures that follow
 * are added to the first as suppressed, so the first is the one reported. An interrupted {@link #join()} cancels too,
 * as an aborted build does.
 */
public final class JobRunner implements AutoCloseable {
    /** One job; what it throws is the work's failure. */
    @FunctionalInterface
    public interface Job {
        void run() throws Exception;
    }

    private final ExecutorService executor;
    private final List<Future<?>> futures = new CopyOnWriteArrayList<>();
    private final List<Runnable> cancelHooks = new CopyOnWriteArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean cancelled;

    /** @param name the threads' name, numbered, as a thread dump shows them */
    public JobRunner(String name, int threads) {
        AtomicInteger number = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(Math.max(1, threads), task -> {
            Thread t = new Thread(task, name + "-" + number.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs when the work is cancelled, on the thread that cancels it. */
    public void onCancel(Runnable hook) {
        cancelHooks.add(hook);
    }

    /** Queues a job; once the work is cancelled, new jobs are dropped. */
    public void submit(Job job) {
        if (cancelled) {
            return;
        }
        futures.add(executor.submit(() -> {
            if (cancelled) {
                return;
            }
            try {
                job.run();
            } catch (Throwable e) {
                fail(e);
            }
        }));
    }

    /** Records a failure from outside a job: the first cancels the work, later ones are suppressed by it. */
    public void fail(Throwable e) {
        if (failure.compareAndSet(null, e)) {
            cancel();
        } else if (failure.get() != e) {
            failure.get().addSuppressed(e);
        }
    }

    public boolean cancelled() {
        return cancelled;
    }

    /** Stops the work: no new job starts, running ones are interrupted, and every cancel hook runs. Harmless twice. */
    public void cancel() {
        cancelled = true;
        futures.forEach(f -> f.cancel(true));
        for (Runnable hook : cancelHooks) {
            try {
                hook.run();
            } catch (RuntimeException e) {
                // A hook only hurries the end along; the work's own failure is the one reported.
            }
        }
    }

    /**
     * Waits until every job has ended and takes no more; returns the first failure, or null.
     *
     * @throws InterruptedException when the waiting thread is interrupted; the work is cancelled first
     */
    public Throwable join() throws InterruptedException {
        executor.shutdown();
        try {
            while (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
                // Jobs take as long as they take; a stop comes as an interrupt.
            }
        } catch (InterruptedException e) {
            cancel();
            throw e;
        }
        return failure.get();
    }

    /**
     * Waits until every job has ended, even when interrupted meanwhile (the work is then cancelled and the
     * interrupt kept for the caller); returns the first failure, or null.
     */
    public Throwable joinUninterruptibly() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Cancels work not joined yet and waits a while for its threads to end. */
    @Override
    public void close() {
        if (executor.isTerminated()) {
            return;
        }
        cancel();
        executor.shutdownNow();
        try {
            executor.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
