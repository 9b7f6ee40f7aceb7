package io.jenkins.plugins.dbrunbooks.engine.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.artifact.PayloadWriter.PayloadOptions;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressListener;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressMeter;
import io.jenkins.plugins.dbrunbooks.engine.testing.ExternalTools;
import io.jenkins.plugins.dbrunbooks.engine.testing.ExternalTools.AgeKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class PayloadLayersTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static byte[] sample() {
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        Random random = new Random(42);
        for (int i = 0; i < data.length; i++) {
            // Half compressible text, half noise, like a real dump.
            data[i] = i % 2 == 0 ? (byte) ('a' + (i / 7) % 26) : (byte) random.nextInt();
        }
        return data;
    }

    private Manifest write(Path file, byte[] data, List<String> recipients) throws IOException {
        PayloadOptions options = new PayloadOptions(Compression.ZSTD, 1, 1, recipients);
        PayloadDigest digest;
        try (OutputStream out = Files.newOutputStream(file);
                PayloadWriter writer = PayloadWriter.open(out, options, meter())) {
            writer.stream().write(data);
            digest = writer.finish();
        }
        return new Manifest(Manifest.FORMAT_VERSION, BackupId.next(Instant.now()), null, "qa", "orders", "postgresql",
                "15", "native", "pg_dump", "15", new Manifest.Payload(file.getFileName().toString(), digest.size(),
                        digest.sha256(), "zstd", options.encryption(),
                        recipients.stream().map(AgeKeys::fingerprint).toList()),
                digest.rawSize(), Instant.now(), Instant.now(), null, "tester", null, null);
    }

    private static ProgressMeter meter() {
        return new ProgressMeter(ProgressListener.NONE, "test", -1);
    }

    private static byte[] read(Path file, Manifest manifest, AgeKey key) throws IOException {
        try (InputStream in = Files.newInputStream(file);
                PayloadReader reader = PayloadReader.open(in, manifest,
                        key == null ? List.of() : AgeKeys.identities(AgeKeys.readIdentityFile(key.identityFile())),
                        meter())) {
            byte[] out = reader.stream().readAllBytes();
            reader.finish();
            return out;
        }
    }

    @Test
    public void shouldRoundTripCompressedAndEncrypted() throws Exception {
        ExternalTools.require("age-keygen");
        AgeKey key = AgeKey.generate(tmp.getRoot().toPath(), "id");
        byte[] data = sample();
        Path file = tmp.getRoot().toPath().resolve("p.dump.zst.age");

        Manifest manifest = write(file, data, List.of(key.recipient()));

        assertThat(manifest.payload().size()).isLessThan(data.length);
        assertThat(manifest.rawSize()).isEqualTo(data.length);
        assertThat(read(file, manifest, key)).isEqualTo(data);
    }

    @Test
    public void shouldBeReadableByTheRealAgeAndZstdTools() throws Exception {
        ExternalTools.require("age");
        ExternalTools.require("zstd");
        Path dir = tmp.getRoot().toPath();
        AgeKey key = AgeKey.generate(dir, "id");
        byte[] data = sample();
        write(dir.resolve("p.zst.age"), data, List.of(key.recipient()));

        ExternalTools.sh(dir, "age -d -i id.key p.zst.age | zstd -d -q -o plain.bin");

        assertThat(Files.readAllBytes(dir.resolve("plain.bin"))).isEqualTo(data);
    }

    @Test
    public void shouldReadWhatTheRealToolsWrote() throws Exception {
        ExternalTools.require("age");
        ExternalTools.require("zstd");
        Path dir = tmp.getRoot().toPath();
        AgeKey key = AgeKey.generate(dir, "id");
        byte[] data = sample();
        Files.write(dir.resolve("plain.bin"), data);
        ExternalTools.sh(dir, "zstd -q -c plain.bin | age -e -r " + key.recipient() + " > tools.zst.age");
        Manifest template = write(dir.resolve("ours.zst.age"), data, List.of(key.recipient()));
        Path theirs = dir.resolve("tools.zst.age");
        Manifest manifest = withPayload(template, Files.size(theirs), sha256(theirs));

        assertThat(read(theirs, manifest, key)).isEqualTo(data);
    }

    @Test
    public void shouldRefuseATruncatedPayload() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("p.zst");
        Manifest manifest = write(file, sample(), List.of());
        byte[] stored = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(stored, stored.length / 2));

        assertThatThrownBy(() -> read(file, manifest, null)).isInstanceOf(RunbookException.class)
                .satisfies(e -> assertThat(((RunbookException) e).kind()).isEqualTo(ErrorKind.INTEGRITY));
        assertThatThrownBy(() -> PayloadReader.checkStoredBytes(Files.newInputStream(file), manifest, meter()))
                .hasMessageContaining("truncated");
    }

    @Test
    public void shouldRefuseACorruptedPayload() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("p.zst");
        Manifest manifest = write(file, sample(), List.of());
        byte[] stored = Files.readAllBytes(file);
        stored[stored.length / 3] ^= 0x40;
        Files.write(file, stored);

        assertThatThrownBy(() -> PayloadReader.checkStoredBytes(Files.newInputStream(file), manifest, meter()))
                .isInstanceOf(RunbookException.class).hasMessageContaining("SHA-256");
        assertThatThrownBy(() -> read(file, manifest, null)).isInstanceOf(RunbookException.class)
                .satisfies(e -> assertThat(((RunbookException) e).kind()).isEqualTo(ErrorKind.INTEGRITY));
    }

    @Test
    public void shouldRefuseAnExtendedPayloadAsSoonAsTheExtraBytesArrive() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("p.zst");
        Manifest manifest = write(file, sample(), List.of());
        Files.write(file, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);

        assertThatThrownBy(() -> PayloadReader.checkStoredBytes(Files.newInputStream(file), manifest, meter()))
                .isInstanceOf(RunbookException.class).hasMessageContaining("extended")
                .hasMessageContaining("'" + manifest.id() + "'");
        assertThatThrownBy(() -> read(file, manifest, null)).isInstanceOf(RunbookException.class)
                .hasMessageContaining("extended");
    }

    @Test
    public void shouldRefuseAManifestWhoseRawSizeDiffersFromTheDecodedStream() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("p.zst");
        Manifest written = write(file, sample(), List.of());
        Manifest manifest = withRawSize(written, written.rawSize() - 1);

        PayloadReader.checkStoredBytes(Files.newInputStream(file), manifest, meter());
        assertThatThrownBy(() -> read(file, manifest, null)).isInstanceOf(RunbookException.class)
                .satisfies(e -> assertThat(((RunbookException) e).kind()).isEqualTo(ErrorKind.INTEGRITY))
                .hasMessageContaining("'" + manifest.id() + "'")
                .hasMessageContaining("decodes to " + written.rawSize() + " bytes");
        assertThat(read(file, written, null)).hasSize((int) written.rawSize());
    }

    @Test
    public void shouldDescribeDamageInTheSameWordsWhetherDecodingOrNot() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("p.zst");
        Manifest manifest = write(file, sample(), List.of());
        byte[] intact = Files.readAllBytes(file);
        byte[] altered = intact.clone();
        altered[altered.length / 3] ^= 0x40;

        for (byte[] damaged : List.of(java.util.Arrays.copyOf(intact, intact.length / 2), altered)) {
            Files.write(file, damaged);
            RunbookException stored = org.junit.Assert.assertThrows(RunbookException.class,
                    () -> PayloadReader.checkStoredBytes(Files.newInputStream(file), manifest, meter()));
            RunbookException decoded = org.junit.Assert.assertThrows(RunbookException.class,
                    () -> read(file, manifest, null));

            assertThat(decoded.getMessage()).isEqualTo(stored.getMessage());
            assertThat(decoded.kind()).isEqualTo(ErrorKind.INTEGRITY);
        }
    }

    @Test
    public void shouldRefuseTheWrongIdentityWithoutRevealingIt() throws Exception {
        Path dir = tmp.getRoot().toPath();
        AgeKey right = AgeKey.generate(dir, "right");
        AgeKey wrong = AgeKey.generate(dir, "wrong");
        Path file = dir.resolve("p.zst.age");
        Manifest manifest = write(file, sample(), List.of(right.recipient()));
        String secret = Files.readString(wrong.identityFile()).lines().filter(l -> l.startsWith("AGE-SECRET"))
                .findFirst().orElseThrow();

        assertThatThrownBy(() -> read(file, manifest, wrong)).isInstanceOf(RunbookException.class)
                .satisfies(e -> assertThat(((RunbookException) e).kind()).isEqualTo(ErrorKind.DECRYPTION))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret));
        assertThatThrownBy(() -> read(file, manifest, null)).isInstanceOf(RunbookException.class)
                .hasMessageContaining("no identity");
    }

    @Test
    public void shouldRefuseAnInvalidRecipient() {
        assertThatThrownBy(() -> AgeKeys.recipient("age1notakey")).isInstanceOf(RunbookException.class)
                .hasMessageContaining("not a valid X25519 public key");
    }

    private static Manifest withPayload(Manifest m, long size, String sha) {
        return new Manifest(m.formatVersion(), m.id(), m.label(), m.environment(), m.database(), m.engine(),
                m.serverVersion(), m.method(), m.tool(), m.toolVersion(), new Manifest.Payload(m.payload().file(), size,
                        sha, m.payload().compression(), m.payload().encryption(), m.payload().recipientFingerprints()),
                m.rawSize(), m.startedAt(), m.finishedAt(), m.rowCounts(), m.createdBy(), m.build(), m.purpose());
    }

    private static Manifest withRawSize(Manifest m, long rawSize) {
        return new Manifest(m.formatVersion(), m.id(), m.label(), m.environment(), m.database(), m.engine(),
                m.serverVersion(), m.method(), m.tool(), m.toolVersion(), m.payload(), rawSize, m.startedAt(),
                m.finishedAt(), m.rowCounts(), m.createdBy(), m.build(), m.purpose());
    }

    private static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(file)));
    }

    @Test
    public void shouldRefuseAManifestFromTheFuture() {
        String json = "{\"formatVersion\": 99, \"id\": \"x\"}";
        assertThatThrownBy(() -> ManifestCodec.read(new ByteArrayInputStream(json.getBytes()), "m.json"))
                .isInstanceOf(RunbookException.class).hasMessageContaining("format 99");
    }
}
