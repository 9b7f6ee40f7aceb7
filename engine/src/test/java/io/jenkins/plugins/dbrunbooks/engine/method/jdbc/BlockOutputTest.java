package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class BlockOutputTest {
    /** Blocks of a given size, kept in the order they were handed on. */
    private static final class Blocks extends BlockOutput {
        private final int size;
        private final ByteArrayOutputStream handedOn = new ByteArrayOutputStream();
        private final List<Integer> lengths = new ArrayList<>();
        private int given;

        Blocks(int size) {
            this.size = size;
        }

        @Override
        protected byte[] nextBlock() {
            given++;
            return new byte[size];
        }

        @Override
        protected void handOn(byte[] block, int length) {
            lengths.add(length);
            handedOn.write(block, 0, length);
        }
    }

    private static void writeAll(DataOutput out) throws IOException {
        out.writeByte(0x81);
        out.writeBoolean(true);
        out.writeShort(-2);
        out.writeInt(0x01020304);
        out.writeLong(0x1122334455667788L);
        out.writeChar('\u20ac');
        out.writeFloat(-1.5f);
        out.writeDouble(Math.PI);
        out.write(new byte[] {9, 8, 7, 6, 5, 4, 3, 2, 1, 0, -1}, 2, 7);
        out.writeInt(Integer.MIN_VALUE);
        out.writeLong(-1L);
        out.write(new byte[] {42});
        out.writeBytes("ab");
        out.writeChars("ç");
        out.writeUTF("é\u0000€");
        out.writeShort(0x7FFF);
    }

    @Test
    public void shouldWriteTheBytesOfADataOutputStreamWhateverTheBlocksSize() throws IOException {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        writeAll(new DataOutputStream(expected));
        for (int size : new int[] {1, 2, 3, 5, 7, 8, 13, 64, 1024}) {
            Blocks blocks = new Blocks(size);
            writeAll(blocks);
            blocks.flush();
            assertThat(blocks.handedOn.toByteArray()).as("blocks of %d bytes", size)
                    .isEqualTo(expected.toByteArray());
            assertThat(blocks.lengths).as("every block but the last full, none empty")
                    .allMatch(n -> n > 0 && n <= size);
            assertThat(blocks.lengths.subList(0, blocks.lengths.size() - 1)).allMatch(n -> n == size);
        }
    }

    @Test
    public void shouldHandOnNothingEmptyAndDropWhatWasNotHandedOn() throws IOException {
        Blocks blocks = new Blocks(16);
        blocks.flush();
        assertThat(blocks.lengths).isEmpty();
        blocks.writeInt(7);
        blocks.flush();
        blocks.flush();
        assertThat(blocks.lengths).containsExactly(4);
        blocks.writeLong(1);
        assertThat(blocks.drop()).hasSize(16);
        assertThat(blocks.drop()).isNull();
        blocks.flush();
        assertThat(blocks.lengths).containsExactly(4);
        assertThat(blocks.given).isEqualTo(2);
    }
}
