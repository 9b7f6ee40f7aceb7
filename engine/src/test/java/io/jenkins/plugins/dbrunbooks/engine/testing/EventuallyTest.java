package io.jenkins.plugins.dbrunbooks.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Test;

public class EventuallyTest {

    @Test
    public void shouldReturnTheValueOnceAnotherThreadMadeIt() {
        AtomicInteger counter = new AtomicInteger();
        CompletableFuture<Void> counting = CompletableFuture.runAsync(() -> {
            while (counter.incrementAndGet() < 1000) {
                Thread.onSpinWait();
            }
        });
        assertThat(Eventually.value("a count of 1000", () -> counter.get() >= 1000 ? counter.get() : null))
                .isEqualTo(1000);
        counting.join();
    }

    @Test
    public void shouldFailAtOnceWithWhatItWaitedForWhenTheWatchedWorkEnded() {
        assertThatThrownBy(() -> Eventually.until("a file", () -> false, () -> "the writer stopped"))
                .isInstanceOf(AssertionError.class).hasMessage("Waited for a file in vain: the writer stopped");
    }

    @Test
    public void shouldReportAFailingLookWithWhatItLookedFor() {
        assertThatThrownBy(() -> Eventually.until("a row", () -> {
            throw new java.sql.SQLException("connection refused");
        })).isInstanceOf(AssertionError.class).hasMessage("Looking for a row failed: connection refused");
    }
}
