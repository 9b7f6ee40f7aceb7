package io.jenkins.plugins.dbrunbooks.engine.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.Test;

/** The live copy's pipe: bytes through unchanged, bounded, and a failure on either side reaches the other. */
public class MemoryPipeTest {

    @Test
    public void shouldCarryEveryByteInOrderThroughFewerBuffersThanTheData() throws Exception {
        byte[] data = new byte[1_000_003];
        new Random(7).nextBytes(data);
        MemoryPipe pipe = new MemoryPipe(3, 4096);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try (OutputStream out = pipe.out()) {
                // Writes of every size: single bytes, slices within a buffer, slices across several.
                out.write(data[0]);
                int at = 1;
                for (int size = 1; at < data.length; size = size * 3 % 20011 + 1) {
                    int n = Math.min(size, data.length - at);
                    out.write(data, at, n);
                    at += n;
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        writer.start();
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        try (InputStream in = pipe.in()) {
            in.transferTo(read);
        }
        writer.join();

        assertThat(failure.get()).isNull();
        assertThat(read.toByteArray()).isEqualTo(data);
    }

    @Test
    public void shouldHoldTheWriterBackWhileTheReaderDoesNotRead() throws Exception {
        MemoryPipe pipe = new MemoryPipe(2, 10);
        OutputStream out = pipe.out();
        out.write(new byte[20]);
        CountDownLatch wrote = new CountDownLatch(1);
        Thread writer = new Thread(() -> {
            try {
                out.write(new byte[10]);
                wrote.countDown();
            } catch (IOException e) {
                // Checked below by the latch.
            }
        });
        writer.start();
        // Either it waits for a buffer, as it should, or it got one and ended.
        while (writer.getState() != Thread.State.WAITING && writer.getState() != Thread.State.TERMINATED) {
            Thread.onSpinWait();
        }

        assertThat(writer.getState()).as("the writer waits for the reader").isEqualTo(Thread.State.WAITING);
        assertThat(wrote.getCount()).isEqualTo(1);
        assertThat(pipe.in().read(new byte[10])).isEqualTo(10);
        wrote.await();
        writer.join();
    }

    @Test
    public void shouldFailTheReaderWhenTheWriterFailsInsteadOfEndingTheStream() throws Exception {
        MemoryPipe pipe = new MemoryPipe(2, 16);
        pipe.out().write(new byte[5]);
        pipe.out().flush();
        pipe.fail(new IllegalStateException("source connection lost"));

        InputStream in = pipe.in();
        assertThatThrownBy(() -> in.transferTo(OutputStream.nullOutputStream())).isInstanceOf(IOException.class)
                .hasMessageContaining("source connection lost");
    }

    @Test
    public void shouldWakeAWriterWaitingForRoomWhenTheReaderFails() throws Exception {
        MemoryPipe pipe = new MemoryPipe(1, 4);
        OutputStream out = pipe.out();
        out.write(new byte[4]);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                out.write(new byte[4]);
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        writer.start();

        pipe.fail(new IllegalStateException("target refused a row"));
        writer.join();

        assertThat(failure.get()).isInstanceOf(IOException.class).hasMessageContaining("target refused a row");
    }
}
