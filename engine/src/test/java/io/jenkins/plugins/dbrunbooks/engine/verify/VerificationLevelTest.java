package io.jenkins.plugins.dbrunbooks.engine.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.luben.zstd.Zstd;
import io.jenkins.plugins.dbrunbooks.engine.artifact.AgeKeys;
import io.jenkins.plugins.dbrunbooks.engine.artifact.ManifestCodec;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupResult;
import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.config.Retention;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.credentials.SecretValue;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.ExternalTools;
import io.jenkins.plugins.dbrunbooks.engine.testing.ExternalTools.AgeKey;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** verify says how far it got, and never calls a backup good beyond that. */
public class VerificationLevelTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private VerificationReport verify(EngineFixture fixture, SecretValue identity) {
        return new VerifyOperation(fixture.context()).run(new VerifyRequest("qa", "orders", "latest", identity));
    }

    private String h2Url() throws Exception {
        String url = "jdbc:h2:" + tmp.getRoot().toPath().resolve("db/orders").toAbsolutePath();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(40))");
            s.execute("INSERT INTO items SELECT X, 'item ' || X FROM SYSTEM_RANGE(1, 2000)");
        }
        return url;
    }

    /** Rewrites a manifest field, as someone editing the JSON by hand would. */
    private static void edit(BackupResult backup, String field, String value) throws Exception {
        Path file = Path.of(backup.manifestLocation());
        ObjectNode node = (ObjectNode) ManifestCodec.mapper().readTree(Files.readAllBytes(file));
        node.put(field, value);
        Files.write(file, ManifestCodec.mapper().writeValueAsBytes(node));
    }

    @Test
    public void shouldReachStructureForNativeAndJdbcBackupsOfEveryEngine() throws Exception {
        String url = h2Url();
        EngineFixture h2 = new EngineFixture(tmp.getRoot().toPath(), DbCredential.of("sa", ""))
                .environment("qa", EngineFixture.database("orders", url));
        new BackupOperation(h2.context()).run(new BackupRequest("qa", "orders", null));
        VerificationReport h2Native = verify(h2, null);
        assertThat(h2Native.level()).as(h2Native.summary()).isEqualTo(VerificationLevel.STRUCTURE);
        assertThat(h2Native.verdict()).contains("verified to level 'structure'").doesNotContain("Not checked");

        try (TestDatabase db = TestServers.newMariaDbDatabase()) {
            db.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(40))",
                    "INSERT INTO items VALUES (1, 'one'), (2, 'two')");
            EngineFixture mariaDb = new EngineFixture(tmp.newFolder().toPath(), db.login())
                    .environment("qa", EngineFixture.database("orders", db.url()));
            new BackupOperation(mariaDb.context()).run(new BackupRequest("qa", "orders", null));
            VerificationReport report = verify(mariaDb, null);
            assertThat(report.level()).as(report.summary()).isEqualTo(VerificationLevel.STRUCTURE);
            assertThat(report.checks()).extracting(CheckResult::check).containsExactly("checksum", "stream",
                    "structure");
        }
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            db.execute("CREATE TABLE items (id int PRIMARY KEY, name text)",
                    "INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 500) g");
            EngineFixture postgres = new EngineFixture(tmp.newFolder().toPath(), db.login())
                    .environment("qa", EngineFixture.database("orders", db.url(), MethodChoice.JDBC));
            new BackupOperation(postgres.context()).run(new BackupRequest("qa", "orders", null));
            VerificationReport report = verify(postgres, null);
            assertThat(report.level()).as(report.summary()).isEqualTo(VerificationLevel.STRUCTURE);
            assertThat(report.checks().get(2).detail()).contains("jdbc snapshot", "from postgresql");
        }
    }

    @Test
    public void shouldReachChecksumOnlyForAnEncryptedBackupWithoutIdentity() throws Exception {
        Path dir = tmp.getRoot().toPath();
        AgeKey right = AgeKey.generate(dir, "right");
        AgeKey wrong = AgeKey.generate(dir, "wrong");
        EngineFixture fixture = new EngineFixture(dir, DbCredential.of("sa", "")).environment("qa", false,
                List.of(right.recipient()), Retention.KEEP_ALL, EngineFixture.database("orders", h2Url()));
        BackupResult backup = new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));

        VerificationReport noIdentity = verify(fixture, null);
        VerificationReport wrongKey = verify(fixture, AgeKeys.readIdentityFile(wrong.identityFile()));
        VerificationReport rightKey = verify(fixture, AgeKeys.readIdentityFile(right.identityFile()));

        assertThat(noIdentity.passed()).isTrue();
        assertThat(noIdentity.level()).isEqualTo(VerificationLevel.CHECKSUM);
        assertThat(noIdentity.verdict()).contains("level 'checksum'", "Not checked beyond",
                "no age identity was given");
        assertThat(wrongKey.passed()).isFalse();
        assertThat(wrongKey.level()).isEqualTo(VerificationLevel.CHECKSUM);
        assertThat(wrongKey.firstFailure()).startsWith("decryption: ").contains("cannot be decrypted")
                .contains(backup.manifest().payload().recipientFingerprints().get(0))
                .contains("the identity given is for " + AgeKeys.fingerprint(wrong.recipient()));
        assertThat(AgeKeys.identityFingerprints(AgeKeys.readIdentityFile(right.identityFile())))
                .containsExactly(AgeKeys.fingerprint(right.recipient()));
        assertThat(rightKey.level()).as(rightKey.summary()).isEqualTo(VerificationLevel.STRUCTURE);
        assertThat(fixture.events).extracting(e -> e.message()).contains("verified to level checksum",
                "verified to level structure");
    }

    @Test
    public void shouldFailAJdbcSnapshotCutShortWhoseManifestWasMadeToMatch() throws Exception {
        EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), DbCredential.of("sa", ""))
                .environment("qa", EngineFixture.database("orders", h2Url(), MethodChoice.JDBC));
        BackupResult backup = new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
        Path payload = Path.of(backup.payloadLocation());
        byte[] raw = Zstd.decompress(Files.readAllBytes(payload), (int) backup.manifest().rawSize());
        byte[] cut = Arrays.copyOf(raw, raw.length * 2 / 3);
        byte[] stored = Zstd.compress(cut);
        Files.write(payload, stored);
        Path file = Path.of(backup.manifestLocation());
        ObjectNode node = (ObjectNode) ManifestCodec.mapper().readTree(Files.readAllBytes(file));
        node.put("rawSize", cut.length);
        ((ObjectNode) node.get("payload")).put("size", stored.length);
        ((ObjectNode) node.get("payload")).put("sha256",
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(stored)));
        Files.write(file, ManifestCodec.mapper().writeValueAsBytes(node));

        VerificationReport report = verify(fixture, null);

        assertThat(report.passed()).as(report.summary()).isFalse();
        assertThat(report.level()).isEqualTo(VerificationLevel.STREAM);
        assertThat(report.firstFailure()).startsWith("structure: ").contains("truncated");
        assertThat(report.verdict()).contains("FAILED").doesNotContain("verified to");
    }

    @Test
    public void shouldFailABackupWhoseManifestNamesAnotherEngineOrMethod() throws Exception {
        ExternalTools.require("pg_restore");
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            db.execute("CREATE TABLE items (id int PRIMARY KEY)", "INSERT INTO items VALUES (1), (2)");
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), db.login())
                    .environment("qa", EngineFixture.database("orders", db.url()));
            BackupResult backup = new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
            assertThat(verify(fixture, null).level()).isEqualTo(VerificationLevel.STRUCTURE);

            edit(backup, "engine", "mariadb");
            VerificationReport asMariaDb = verify(fixture, null);
            edit(backup, "engine", "h2");
            VerificationReport asH2 = verify(fixture, null);
            edit(backup, "engine", "postgresql");
            edit(backup, "method", "jdbc");
            VerificationReport asJdbc = verify(fixture, null);

            for (VerificationReport report : List.of(asMariaDb, asH2, asJdbc)) {
                assertThat(report.passed()).as(report.summary()).isFalse();
                assertThat(report.level()).isEqualTo(VerificationLevel.STREAM);
                assertThat(report.firstFailure()).startsWith("structure: ");
            }
            assertThat(asMariaDb.firstFailure()).contains("not a mariadb-dump script");
            assertThat(asJdbc.firstFailure()).contains("not a jdbc snapshot");
        }
    }
}
