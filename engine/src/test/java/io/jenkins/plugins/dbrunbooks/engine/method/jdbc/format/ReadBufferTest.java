package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ColumnDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.PortableType;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.PortableType.Kind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.Test;

public class ReadBufferTest {

    /** Any mix of one-byte, array and skipping reads gives the bytes in order, over a source that returns few. */
    @Test
    public void shouldReadTheSourceInOrderWhateverTheReads() throws IOException {
        Random random = new Random(11);
        byte[] data = new byte[200_000];
        random.nextBytes(data);
        for (int bufferSize : new int[] {1, 7, 4096, 1 << 16}) {
            InputStream in = new ReadBuffer(dribbling(data, random), bufferSize);
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            int position = 0;
            while (true) {
                int how = random.nextInt(4);
                if (how == 0) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    read.write(b);
                    position++;
                } else if (how == 3) {
                    long skipped = in.skip(random.nextInt(50));
                    read.write(data, position, (int) skipped);
                    position += (int) skipped;
                } else {
                    byte[] b = new byte[random.nextInt(how == 1 ? 100 : 100_000) + 1];
                    int n = in.read(b, 0, b.length);
                    if (n < 0) {
                        break;
                    }
                    read.write(b, 0, n);
                    position += n;
                }
            }
            assertThat(read.toByteArray()).as("buffer of " + bufferSize).isEqualTo(data);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    /** Decimals of every length read back equal, as longs where they fit and as BigIntegers where not. */
    @Test
    public void shouldReadEveryDecimalBackAsItWasWritten() throws IOException {
        Random random = new Random(13);
        List<BigDecimal> values = new ArrayList<>(List.of(BigDecimal.ZERO, new BigDecimal("-0.01"),
                new BigDecimal(Long.MAX_VALUE), new BigDecimal(Long.MIN_VALUE), new BigDecimal("-128"),
                new BigDecimal("127.5"), new BigDecimal("12345678901234567890.123456789012345678")));
        for (int i = 0; i < 3000; i++) {
            values.add(new BigDecimal(new BigInteger(random.nextInt(100) + 1, random).subtract(
                    BigInteger.ONE.shiftLeft(random.nextInt(100))), random.nextInt(40) - 5));
        }
        List<ColumnDef> columns = List.of(new ColumnDef("d", PortableType.of(Kind.DECIMAL, null), true, null,
                false, null, null, false, false));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        RowEncoding encoding = new RowEncoding(columns);
        for (BigDecimal value : values) {
            encoding.write(out, new Object[] {value});
        }
        DataInputStream in = new DataInputStream(new ReadBuffer(new ByteArrayInputStream(bytes.toByteArray()), 64));
        ValueCodec codec = new ValueCodec(null, Integer.MAX_VALUE);
        for (BigDecimal value : values) {
            assertThat(in.readUnsignedByte()).isEqualTo(SnapshotFormat.ROW);
            assertThat(in.readUnsignedByte()).isZero();
            assertThat(codec.read(in, columns.get(0).type())).as(value.toString()).isEqualTo(value);
        }
    }

    /** A source that returns a few bytes at a time, sometimes none, as a network stream may. */
    private static InputStream dribbling(byte[] data, Random random) {
        return new FilterInputStream(new ByteArrayInputStream(data)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, random.nextInt(300)));
            }
        };
    }
}
