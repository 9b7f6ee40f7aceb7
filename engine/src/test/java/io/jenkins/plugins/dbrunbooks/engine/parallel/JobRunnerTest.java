package io.jenkins.plugins.dbrunbooks.engine.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Test;

public class JobRunnerTest {

    @Test
    public void shouldRunEveryJobAndReportNoFailure() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        try (JobRunner runner = new JobRunner("test", 3)) {
            for (int i = 0; i < 10; i++) {
                runner.submit(ran::incrementAndGet);
            }
            assertThat(runner.join()).isNull();
        }
        assertThat(ran).hasValue(10);
    }

    @Test
    public void shouldCancelTheRestOnTheFirstFailureAndSuppressLaterOnes() throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean hookRan = new AtomicBoolean();
        IllegalStateException first = new IllegalStateException("first");
        Throwable reported;
        try (JobRunner runner = new JobRunner("test", 2)) {
            runner.onCancel(() -> hookRan.set(true));
            runner.submit(() -> {
                waiting.countDown();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    interrupted.set(true);
                    throw new IllegalStateException("later", e);
                }
            });
            runner.submit(() -> {
                waiting.await();
                throw first;
            });
            reported = runner.join();
            AtomicBoolean lateJob = new AtomicBoolean();
            runner.submit(() -> lateJob.set(true));
            assertThat(lateJob).as("a job submitted after the cancel").isFalse();
            assertThat(runner.cancelled()).isTrue();
        }
        assertThat(reported).isSameAs(first);
        assertThat(interrupted).as("the waiting job was interrupted").isTrue();
        assertThat(hookRan).isTrue();
        assertThat(first.getSuppressed()).extracting(Throwable::getMessage).containsExactly("later");
    }

    @Test
    public void shouldCancelTheWorkWhenTheJoiningThreadIsInterrupted() {
        AtomicBoolean hookRan = new AtomicBoolean();
        JobRunner runner = new JobRunner("test", 1);
        runner.onCancel(() -> hookRan.set(true));
        runner.submit(() -> new CountDownLatch(1).await());
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(runner::join).isInstanceOf(InterruptedException.class);
            assertThat(hookRan).isTrue();
            assertThat(runner.cancelled()).isTrue();
        } finally {
            Thread.interrupted();
            runner.close();
        }
    }

    @Test
    public void shouldJoinUninterruptiblyAndKeepTheInterrupt() throws InterruptedException {
        JobRunner runner = new JobRunner("test", 1);
        AtomicBoolean ended = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        runner.submit(() -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } finally {
                ended.set(true);
            }
        });
        started.await();
        Thread.currentThread().interrupt();
        try {
            Throwable failure = runner.joinUninterruptibly();
            assertThat(ended).as("the job ended before the join returned").isTrue();
            assertThat(failure).isInstanceOf(InterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
            runner.close();
        }
    }
}
