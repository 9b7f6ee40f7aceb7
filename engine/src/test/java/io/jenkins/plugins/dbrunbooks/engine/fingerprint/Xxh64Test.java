package io.jenkins.plugins.dbrunbooks.engine.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.testing.ExternalTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Our XXH64 against the reference tool, whole and fed in random pieces, at every length class. */
public class Xxh64Test {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void shouldMatchXxhsumWholeAndInPieces() throws Exception {
        ExternalTools.require("xxhsum");
        Random random = new Random(64);
        int[] lengths = {0, 1, 3, 4, 7, 8, 9, 15, 31, 32, 33, 63, 64, 65, 100, 1000, 4099, 100_003};
        for (int length : lengths) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            Path file = tmp.getRoot().toPath().resolve("data-" + length);
            Files.write(file, data);
            String expected = ExternalTools.sh(tmp.getRoot().toPath(), "xxhsum -H1 '" + file + "'")
                    .trim().split("\\s+")[0];

            assertThat(hex(Xxh64.hash(data, 0, length))).as("length %d whole", length).isEqualTo(expected);
            for (int trial = 0; trial < 5; trial++) {
                Xxh64 x = new Xxh64();
                int at = 0;
                while (at < length) {
                    int n = Math.min(length - at, 1 + random.nextInt(trial % 2 == 0 ? 5 : 70));
                    x.update(data, at, n);
                    at += n;
                }
                assertThat(hex(x.digest())).as("length %d in pieces", length).isEqualTo(expected);
            }
        }
    }

    @Test
    public void shouldStartAfreshOnReset() {
        byte[] data = "one row".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Xxh64 x = new Xxh64();
        x.update(new byte[50], 0, 50);
        x.reset();
        x.update(data, 0, data.length);
        assertThat(x.digest()).isEqualTo(Xxh64.hash(data, 0, data.length)).isNotEqualTo(Xxh64.hash(data, 1, 6));
    }

    private static String hex(long value) {
        return String.format("%016x", value);
    }
}
