package io.jenkins.plugins.dbrunbooks.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.dbrunbooks.engine.artifact.AgeKeys;
import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.artifact.ManifestCodec;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupResult;
import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.config.Retention;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.inventory.Inventory;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.ExternalTools;
import io.jenkins.plugins.dbrunbooks.engine.testing.Queries;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import io.jenkins.plugins.dbrunbooks.engine.verify.VerificationReport;
import io.jenkins.plugins.dbrunbooks.engine.verify.VerifyOperation;
import io.jenkins.plugins.dbrunbooks.engine.verify.VerifyRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Restore is as strict as verify: on the same damaged payload or manifest both refuse, in the same words, and
 * restore does so before it touches the target (no database created, none changed, no safety backup taken). Each
 * kind of payload source is covered: MariaDB native and PostgreSQL jdbc stream into the database, PostgreSQL
 * native stages the payload for pg_restore in place and loads as it streams into a database of its own. A streamed payload loaded into a new database (or one swapped in) is
 * checked by its stored bytes and key before the load and decoded only as it loads: a raw size the manifest
 * misstates fails the load, whose database is dropped.
 */
public class PayloadIntegrityTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private enum Damage {
        TRUNCATED, EXTENDED, ALTERED_BYTE, WRONG_RAW_SIZE
    }

    @Test
    public void shouldRefuseEveryDamagedMariaDbPayloadBeforeTouchingTheTarget() throws IOException {
        try (TestDatabase db = TestServers.newMariaDbDatabase()) {
            db.execute("CREATE TABLE t (x INT PRIMARY KEY, note TEXT)",
                    "INSERT INTO t SELECT seq, CONCAT('row ', seq) FROM seq_1_to_5000");
            refuseEveryDamage(db, MethodChoice.NATIVE, () -> Queries.rows(db.url(), TestServers.MARIADB_USER,
                    "SELECT COUNT(*), SUM(x), (SELECT GROUP_CONCAT(table_name ORDER BY table_name)"
                            + " FROM information_schema.tables WHERE table_schema = DATABASE()) FROM t"),
                    name -> Queries.rows(TestServers.mariaDbUrl(""), TestServers.MARIADB_USER,
                            "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = '" + name + "'")
                            .get(0).equals("1"));
        }
    }

    @Test
    public void shouldRefuseEveryDamagedPostgresNativePayloadBeforeTouchingTheTarget() throws IOException {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            db.execute("CREATE TABLE t (x int PRIMARY KEY, note text)",
                    "INSERT INTO t SELECT i, 'row ' || i FROM generate_series(1, 5000) i");
            refuseEveryDamage(db, MethodChoice.NATIVE, postgresState(db), PayloadIntegrityTest::postgresExists);
        }
    }

    @Test
    public void shouldRefuseEveryDamagedPostgresJdbcSnapshotBeforeTouchingTheTarget() throws IOException {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            db.execute("CREATE TABLE t (x int PRIMARY KEY, note text)",
                    "INSERT INTO t SELECT i, 'row ' || i FROM generate_series(1, 5000) i");
            refuseEveryDamage(db, MethodChoice.JDBC, postgresState(db), PayloadIntegrityTest::postgresExists);
        }
    }

    /**
     * A streamed payload loaded into a database of its own is not decoded before the load, but its key is proven:
     * a wrong identity is refused before any database is made, and the right one restores.
     */
    @Test
    public void shouldRefuseAWrongKeyBeforeMakingTheNewDatabase() throws IOException {
        Path dir = tmp.newFolder("keys").toPath();
        ExternalTools.AgeKey right = ExternalTools.AgeKey.generate(dir, "right");
        ExternalTools.AgeKey wrong = ExternalTools.AgeKey.generate(dir, "wrong");
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            db.execute("CREATE TABLE t (x int PRIMARY KEY)", "INSERT INTO t SELECT generate_series(1, 100)");
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), db.login()).environment("qa", false,
                    List.of(right.recipient()), Retention.KEEP_ALL,
                    EngineFixture.database("orders", db.url(), MethodChoice.JDBC));
            new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
            String copy = db.name() + "_keyed";

            RunbookException refused = assertThrows(RunbookException.class, () -> new RestoreOperation(
                    fixture.context()).run(RestoreRequest.of("qa", "orders").intoNew(copy)
                            .withIdentity(AgeKeys.readIdentityFile(wrong.identityFile()))));
            assertThat(refused.kind()).isEqualTo(ErrorKind.DECRYPTION);
            assertThat(postgresExists(copy)).isFalse();

            new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders").intoNew(copy)
                    .withIdentity(AgeKeys.readIdentityFile(right.identityFile())));
            try {
                assertThat(Queries.rows(TestServers.postgresUrl(copy), TestServers.PG_USER,
                        "SELECT count(*) FROM t")).containsExactly("100");
            } finally {
                db.execute("DROP DATABASE " + copy);
            }
        }
    }

    private static Supplier<List<String>> postgresState(TestDatabase db) {
        return () -> Queries.rows(db.url(), TestServers.PG_USER, "SELECT count(*), sum(x), (SELECT string_agg("
                + "tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public') FROM t");
    }

    private static boolean postgresExists(String name) {
        return Queries.rows(TestServers.postgresUrl("postgres"), TestServers.PG_USER,
                "SELECT count(*) FROM pg_database WHERE datname = '" + name + "'").get(0).equals("1");
    }

    private void refuseEveryDamage(TestDatabase db, MethodChoice method, Supplier<List<String>> state,
            java.util.function.Predicate<String> databaseExists) throws IOException {
        EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), db.login())
                .environment("qa", EngineFixture.database("orders", db.url(), method));
        BackupResult backup = new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
        db.execute("INSERT INTO t VALUES (0, 'after the backup')");
        List<String> before = state.get();
        Path payload = Path.of(backup.payloadLocation());
        Path manifestFile = Path.of(backup.manifestLocation());
        byte[] intactPayload = Files.readAllBytes(payload);
        byte[] intactManifest = Files.readAllBytes(manifestFile);
        String copy = db.name() + "_copy";

        for (Damage damage : Damage.values()) {
            apply(damage, payload, intactPayload, manifestFile);
            VerificationReport report = new VerifyOperation(fixture.context())
                    .run(new VerifyRequest("qa", "orders", "latest", null));
            RunbookException inPlace = assertThrows(RunbookException.class,
                    () -> new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders")));
            RunbookException intoNew = assertThrows(RunbookException.class,
                    () -> new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders")
                            .intoNew(copy)));

            assertThat(report.passed()).as(damage + ": verify").isFalse();
            assertThat(inPlace.kind()).as(damage + ": " + inPlace.getMessage()).isEqualTo(ErrorKind.INTEGRITY);
            assertThat(inPlace.getMessage()).as(damage.toString()).contains("'" + backup.id() + "'")
                    .contains(damage == Damage.TRUNCATED ? "truncated" : damage == Damage.EXTENDED ? "extended"
                            : damage == Damage.ALTERED_BYTE ? "SHA-256" : "decodes to");
            assertThat(report.firstFailure()).as(damage + ": verify and restore agree")
                    .endsWith(": " + inPlace.getMessage());
            assertThat(intoNew.getMessage()).as(damage.toString()).isEqualTo(inPlace.getMessage());
            assertThat(state.get()).as(damage + ": the target is untouched").isEqualTo(before);
            assertThat(databaseExists.test(copy)).as(damage + ": no database was created").isFalse();
            assertThat(new Inventory(fixture.context()).list("qa", "orders")).as(damage + ": no safety backup")
                    .extracting(Manifest::id).containsExactly(backup.id());

            Files.write(payload, intactPayload);
            Files.write(manifestFile, intactManifest);
        }

        // The same files, intact, pass and restore: the refusals above were about the damage alone.
        assertThat(new VerifyOperation(fixture.context()).run(new VerifyRequest("qa", "orders", "latest", null))
                .passed()).isTrue();
        new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders").withSafetyBackup(false));
        assertThat(state.get()).isNotEqualTo(before);
        assertThat(state.get().get(0)).isEqualTo("5000");
    }

    private static void apply(Damage damage, Path payload, byte[] intact, Path manifestFile) throws IOException {
        switch (damage) {
            case TRUNCATED -> Files.write(payload, Arrays.copyOf(intact, intact.length - 100));
            case EXTENDED -> {
                byte[] longer = Arrays.copyOf(intact, intact.length + 100);
                Arrays.fill(longer, intact.length, longer.length, (byte) 'x');
                Files.write(payload, longer);
            }
            case ALTERED_BYTE -> {
                byte[] altered = intact.clone();
                altered[altered.length / 2] ^= 1;
                Files.write(payload, altered);
            }
            case WRONG_RAW_SIZE -> {
                Manifest m;
                try (InputStream in = Files.newInputStream(manifestFile)) {
                    m = ManifestCodec.read(in, manifestFile.toString());
                }
                Files.write(manifestFile, ManifestCodec.write(new Manifest(m.formatVersion(), m.id(), m.label(),
                        m.environment(), m.database(), m.engine(), m.serverVersion(), m.method(), m.tool(),
                        m.toolVersion(), m.payload(), m.rawSize() + 1, m.startedAt(), m.finishedAt(),
                        m.rowCounts(), m.createdBy(), m.build(), m.purpose())));
            }
        }
    }
}
