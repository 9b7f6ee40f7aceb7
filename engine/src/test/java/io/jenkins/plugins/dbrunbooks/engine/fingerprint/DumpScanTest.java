package io.jenkins.plugins.dbrunbooks.engine.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.Test;

/** The eight-at-a-time loops against the plain byte-at-a-time answer, for every byte value at every place. */
public class DumpScanTest {
    @Test
    public void shouldDecodeSixteenDigitsOrRefuseAnyOtherByte() {
        Random random = new Random(16);
        for (int trial = 0; trial < 200; trial++) {
            byte[] bytes = new byte[8];
            random.nextBytes(bytes);
            String hex = HexFormat.of().withUpperCase().formatHex(bytes);
            String text = trial % 2 == 0 ? hex : hex.toLowerCase();
            byte[] in = ("x" + text + "y").getBytes(StandardCharsets.US_ASCII);
            byte[] out = new byte[10];
            assertThat(DumpScan.hex16(in, 1, out, 1)).isTrue();
            assertThat(Arrays.copyOfRange(out, 1, 9)).isEqualTo(bytes);
            assertThat(out[0]).isZero();
            assertThat(out[9]).isZero();
        }
        byte[] digits = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        for (int at = 0; at < 16; at++) {
            for (int b = 0; b < 256; b++) {
                byte[] in = digits.clone();
                in[at] = (byte) b;
                boolean digit = (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
                byte[] out = new byte[8];
                assertThat(DumpScan.hex16(in, 0, out, 0)).as("byte %d at %d", b, at).isEqualTo(digit);
                if (!digit) {
                    assertThat(out).containsOnly(0);
                }
            }
        }
    }

    @Test
    public void shouldFindTheFirstQuoteOrBackslashBeforeTheEnd() {
        Random random = new Random(39);
        byte[] pick = {'\'', '\\', 'a', 0, (byte) 0x80, (byte) 0xa7, (byte) 0xdc, 0x26, 0x28, 0x5b, 0x5d, (byte) 0xff};
        for (int trial = 0; trial < 5000; trial++) {
            int length = random.nextInt(40);
            byte[] b = new byte[length + 8];
            for (int i = 0; i < b.length; i++) {
                b[i] = random.nextInt(6) == 0 ? pick[random.nextInt(2)] : pick[2 + random.nextInt(pick.length - 2)];
            }
            int from = length == 0 ? 0 : random.nextInt(length);
            int end = from + random.nextInt(length - from + 1);
            int expected = from;
            while (expected < end && b[expected] != '\'' && b[expected] != '\\') {
                expected++;
            }
            assertThat(DumpScan.quoteOrBackslash(b, from, end)).as(Arrays.toString(b)).isEqualTo(expected);
        }
    }
}
