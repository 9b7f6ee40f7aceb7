package io.jenkins.plugins.dbrunbooks.engine.drill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.dbrunbooks.engine.artifact.AgeKeys;
import io.jenkins.plugins.dbrunbooks.engine.artifact.ManifestCodec;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupResult;
import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.config.Retention;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.DataFingerprints;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.MariaDbFingerprinter;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.MariaDbTextFingerprinter;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.MariaDbTextFingerprinterTest;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.PostgresCopyFingerprinter;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.PostgresFingerprinter;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.TableFingerprint;
import io.jenkins.plugins.dbrunbooks.engine.store.LocalDirectoryStore;
import io.jenkins.plugins.dbrunbooks.engine.store.StoredBackup;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.ExternalTools.AgeKey;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import io.jenkins.plugins.dbrunbooks.engine.verify.CheckResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Restore drills on the real servers: a good backup passes, a wrong payload, table, row or key is caught. */
public class DrillOperationTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    static final String[] SAMPLE = {"CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(40), price DECIMAL(10,2),"
            + " seen TIMESTAMP, ratio DOUBLE PRECISION)",
        "INSERT INTO items VALUES (1, 'one', 1.50, TIMESTAMP '2024-01-02 03:04:05', 0.1),"
            + " (2, NULL, 2.00, NULL, 1e-7), (3, 'three', 3.25, TIMESTAMP '1999-12-31 23:59:59', NULL)",
        "CREATE TABLE notes (body TEXT)", "INSERT INTO notes VALUES ('a'), ('a'), (NULL)"};

    private EngineFixture fixture(TestDatabase db, MethodChoice method, List<String> recipients) {
        return new EngineFixture(tmp.getRoot().toPath(), db.login()).environment("qa", false, recipients,
                Retention.KEEP_ALL, EngineFixture.database("orders", db.url(), method));
    }

    private static BackupResult backup(EngineFixture fixture) {
        return new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
    }

    private static List<String> scratchDatabasesPostgres(String prefix) throws SQLException {
        return names(TestServers.postgresUrl("postgres"), TestServers.PG_USER,
                "SELECT datname FROM pg_database WHERE datname LIKE '" + prefix + "%'");
    }

    private static List<String> names(String url, String user, String sql) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private void shouldPass(TestDatabase db, MethodChoice method, String table) throws Exception {
        db.execute(SAMPLE);
        EngineFixture fixture = fixture(db, method, List.of());
        BackupResult backup = backup(fixture);
        assertThat(backup.manifest().fingerprints().tables()).containsKey(table);
        assertThat(backup.manifest().fingerprints().tables().get(table).rows()).isEqualTo(3);

        DrillRecord record = new DrillOperation(fixture.context()).run(DrillRequest.of("qa", "orders"));

        assertThat(record.state()).as(record.message()).isEqualTo(DrillRecord.State.PASSED);
        assertThat(record.dataChecked()).isTrue();
        assertThat(record.checks()).filteredOn(c -> c.check().startsWith("table ")).hasSize(2)
                .allMatch(c -> c.outcome() == CheckResult.Outcome.PASSED);
        assertThat(record.restoreMillis()).isNotNull();
        assertThat(record.backupId()).isEqualTo(backup.id());
        LocalDirectoryStore store = new LocalDirectoryStore(fixture.backupRoot());
        StoredBackup stored = store.find("qa", "orders", backup.id()).orElseThrow();
        assertThat(DrillNotes.read(store, stored)).hasValueSatisfying(r -> {
            assertThat(r.state()).isEqualTo(DrillRecord.State.PASSED);
            assertThat(r.actor()).isEqualTo("tester");
            assertThat(r.target()).isEqualTo("qa/orders");
        });
        assertThat(fixture.events).filteredOn(e -> e.operation().equals("drill")).singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS));
        assertThat(fixture.events).extracting(AuditEvent::operation).containsSubsequence("restore", "drop", "drill");
    }

    @Test
    public void shouldPassADrillOfANativePostgresBackupAndDropItsCopy() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            shouldPass(db, MethodChoice.NATIVE, "public.items");
            assertThat(scratchDatabasesPostgres("orders_copy_drill_")).isEmpty();
        }
    }

    @Test
    public void shouldPassADrillOfAJdbcPostgresBackup() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            shouldPass(db, MethodChoice.JDBC, "public.items");
        }
    }

    @Test
    public void shouldPassADrillOfANativeMariaDbBackup() throws Exception {
        try (TestDatabase db = TestServers.newMariaDbDatabase()) {
            shouldPass(db, MethodChoice.NATIVE, "items");
        }
    }

    @Test
    public void shouldPassADrillOfAJdbcMariaDbBackup() throws Exception {
        try (TestDatabase db = TestServers.newMariaDbDatabase()) {
            shouldPass(db, MethodChoice.JDBC, "items");
        }
    }

    private TestDatabase h2() {
        String name = TestServers.uniqueName();
        return new TestDatabase(name, "jdbc:h2:" + tmp.getRoot().toPath().resolve("h2").resolve(name)
                .toAbsolutePath(), io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential.of("sa", null),
                () -> { });
    }

    @Test
    public void shouldPassDrillsOfNativeAndJdbcH2Backups() throws Exception {
        try (TestDatabase db = h2()) {
            shouldPass(db, MethodChoice.NATIVE, "PUBLIC.ITEMS");
        }
        try (TestDatabase db = h2()) {
            tmp.newFolder("jdbc");
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath().resolve("jdbc"), db.login())
                    .environment("qa", EngineFixture.database("orders", db.url(), MethodChoice.JDBC));
            db.execute(SAMPLE);
            backup(fixture);
            DrillRecord record = new DrillOperation(fixture.context()).run(DrillRequest.of("qa", "orders"));
            assertThat(record.state()).as(record.message()).isEqualTo(DrillRecord.State.PASSED);
            assertThat(record.dataChecked()).isTrue();
        }
    }

    /**
     * A backup whose manifest holds fingerprints of the earlier PostgreSQL scheme, as backups taken before it
     * changed do, is still checked under that scheme: it passes with the right ones and fails with a changed one.
     */
    @Test
    public void shouldCheckFingerprintsOfTheEarlierScheme() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            db.execute(SAMPLE);
            EngineFixture fixture = fixture(db, MethodChoice.NATIVE, List.of());
            BackupResult backup = backup(fixture);
            assertThat(backup.manifest().fingerprints().scheme()).isEqualTo(PostgresCopyFingerprinter.SCHEME);
            DataFingerprints earlier;
            try (Connection c = db.connect()) {
                earlier = new PostgresFingerprinter().take(c);
            }
            StoredBackup stored = new LocalDirectoryStore(fixture.backupRoot()).find("qa", "orders", backup.id())
                    .orElseThrow();
            ObjectNode manifest = (ObjectNode) ManifestCodec.mapper().readTree(
                    Path.of(stored.manifestLocation()).toFile());
            manifest.set("fingerprints", ManifestCodec.mapper().valueToTree(earlier));
            ManifestCodec.mapper().writeValue(Path.of(stored.manifestLocation()).toFile(), manifest);

            DrillRecord passed = new DrillOperation(fixture.context()).run(DrillRequest.of("qa", "orders"));
            assertThat(passed.state()).as(passed.message()).isEqualTo(DrillRecord.State.PASSED);
            assertThat(passed.checks()).filteredOn(c -> c.check().startsWith("table ")).hasSize(2)
                    .allSatisfy(c -> assertThat(c.detail()).contains(earlier.tables().get(
                            c.check().substring("table ".length())).checksum()));

            ObjectNode items = (ObjectNode) manifest.get("fingerprints").get("tables").get("public.items");
            items.put("checksum", "0123456789abcdef");
            ManifestCodec.mapper().writeValue(Path.of(stored.manifestLocation()).toFile(), manifest);
            DrillRecord failed = new DrillOperation(fixture.context()).run(DrillRequest.of("qa", "orders"));
            assertThat(failed.state()).isEqualTo(DrillRecord.State.FAILED);
            assertThat(failed.checks()).filteredOn(c -> c.outcome() == CheckResult.Outcome.FAILED)
                    .singleElement().satisfies(c -> assertThat(c.check()).isEqualTo("table public.items"));
        }
    }

    /**
     * A backup whose manifest holds fingerprints of the earlier MariaDB scheme, as backups taken before it
     * changed do, is still checked under that scheme: it passes with the right ones and fails with a changed one.
     */
    @Test
    public void shouldCheckFingerprintsOfTheEarlierMariaDbScheme() throws Exception {
        try (TestDatabase db = TestServers.newMariaDbDatabase()) {
            db.execute(SAMPLE);
            EngineFixture fixture = fixture(db, MethodChoice.NATIVE, List.of());
            BackupResult backup = backup(fixture);
            assertThat(backup.manifest().fingerprints().scheme()).isEqualTo(MariaDbTextFingerprinter.SCHEME);
            DataFingerprints earlier;
            try (Connection c = db.connect()) {
                earlier = new MariaDbFingerprinter().take(c);
            }
            StoredBackup stored = new LocalDirectoryStore(fixture.backupRoot()).find("qa", "orders", backup.id())
                    .orElseThrow();
            ObjectNode manifest = (ObjectNode) ManifestCodec.mapper().readTree(
                    Path.of(stored.manifestLocation()).toFile());
            manifest.set("fingerprints", ManifestCodec.mapper().valueToTree(earlier));
            ManifestCodec.mapper().writeValue(Path.of(stored.manifestLocation()).toFile(), manifest);

            DrillRecord passed = new DrillOperation(fixture.context()).run(DrillRequest.of("qa", "orders"));
            assertThat(passed.state()).as(passed.message()).isEqualTo(DrillRecord.State.PASSED);
            assertThat(passed.checks()).filteredOn(c -> c.check().startsWith("table ")).hasSize(2)
                    .allSatisfy(c -> assertThat(c.detail()).contains(earlier.tables().get(
                            c.check().substring("table ".length())).checksum()));

            ObjectNode items = (ObjectNode) manifest.get("fingerprints").get("tables").get("items");
            items.put("checksum", "0123456789abcdef");
            ManifestCodec.mapper().writeValue(Path.of(stored.manifestLocation()).toFile(), manifest);
            DrillRecord failed = new DrillOperation(fixture.context()).run(DrillRequest.of("qa", "orders"));
            assertThat(failed.state()).isEqualTo(DrillRecord.State.FAILED);
            assertThat(failed.checks()).filteredOn(c -> c.outcome() == CheckResult.Outcome.FAILED)
                    .singleElement().satisfies(c -> assertThat(c.check()).isEqualTo("table items"));
        }
    }

    /**
     * Values whose text depends on session settings or on how they were restored, and generated, invisible and
     * system-versioning columns: a drill of a backup restored by mariadb-dump's client or by the jdbc method passes
     * (which carries no system-versioned table).
     */
    @Test
    public void shouldPassDrillsOfMariaDbBackupsOfEveryKindOfValue() throws Exception {
        for (MethodChoice method : List.of(MethodChoice.NATIVE, MethodChoice.JDBC)) {
            try (TestDatabase db = TestServers.newMariaDbDatabase()) {
                db.execute(MariaDbTextFingerprinterTest.MIXED);
                if (method == MethodChoice.NATIVE) {
                    db.execute("UPDATE history SET amount = 11 WHERE id = 1");
                } else {
                    db.execute("DROP TABLE history, periods");
                }
                int tables = method == MethodChoice.NATIVE ? 4 : 2;
                EngineFixture fixture = new EngineFixture(tmp.newFolder().toPath(), db.login())
                        .environment("qa", EngineFixture.database("orders", db.url(), method));
                BackupResult backup = backup(fixture);
                assertThat(backup.manifest().fingerprints().scheme()).isEqualTo(MariaDbTextFingerprinter.SCHEME);
                assertThat(backup.manifest().fingerprints().tables()).hasSize(tables);

                DrillRecord record = new DrillOperation(fixture.context()).run(DrillRequest.of("qa", "orders"));

                assertThat(record.state()).as(method + ": " + record.message()).isEqualTo(DrillRecord.State.PASSED);
                assertThat(record.checks()).filteredOn(c -> c.check().startsWith("table ")).hasSize(tables)
                        .allMatch(c -> c.outcome() == CheckResult.Outcome.PASSED);
            }
        }
    }

    /** The payload of {@code from} put in place of {@code into}'s, its manifest's checksum made to match. */
    private static void swapPayload(StoredBackup into, StoredBackup from) throws Exception {
        Files.copy(Path.of(from.payloadLocation()), Path.of(into.payloadLocation()),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ObjectNode manifest = (ObjectNode) ManifestCodec.mapper().readTree(Path.of(into.manifestLocation()).toFile());
        ObjectNode payload = (ObjectNode) manifest.get("payload");
        payload.put("sha256", from.manifest().payload().sha256());
        payload.put("size", from.manifest().payload().size());
        manifest.put("rawSize", from.manifest().rawSize());
        ManifestCodec.mapper().writeValue(Path.of(into.manifestLocation()).toFile(), manifest);
    }

    private static DrillRecord drillWithPayloadOf(EngineFixture fixture, BackupResult good, BackupResult other)
            throws Exception {
        LocalDirectoryStore store = new LocalDirectoryStore(fixture.backupRoot());
        swapPayload(store.find("qa", "orders", good.id()).orElseThrow(),
                store.find("qa", "orders", other.id()).orElseThrow());
        return new DrillOperation(fixture.context()).run(DrillRequest.of("qa", "orders").withBackup(good.id()));
    }

    @Test
    public void shouldCatchAChangedRow() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            db.execute(SAMPLE);
            EngineFixture fixture = fixture(db, MethodChoice.NATIVE, List.of());
            BackupResult good = backup(fixture);
            db.execute("UPDATE items SET price = 1.51 WHERE id = 1");
            BackupResult changed = backup(fixture);

            DrillRecord record = drillWithPayloadOf(fixture, good, changed);

            assertThat(record.state()).isEqualTo(DrillRecord.State.FAILED);
            assertThat(record.checks()).filteredOn(c -> c.outcome() == CheckResult.Outcome.FAILED)
                    .singleElement().satisfies(c -> {
                        assertThat(c.check()).isEqualTo("table public.items");
                        assertThat(c.detail()).contains("content differs");
                    });
            assertThat(record.message()).contains("FAILED").contains("public.items");
            assertThat(fixture.events).filteredOn(e -> e.operation().equals("drill")).singleElement()
                    .satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.FAILURE));
            assertThat(scratchDatabasesPostgres(record.scratchDatabase())).isEmpty();
        }
    }

    @Test
    public void shouldCatchAMissingTable() throws Exception {
        try (TestDatabase db = TestServers.newMariaDbDatabase()) {
            db.execute(SAMPLE);
            EngineFixture fixture = fixture(db, MethodChoice.JDBC, List.of());
            BackupResult good = backup(fixture);
            db.execute("DROP TABLE notes");
            BackupResult without = backup(fixture);

            DrillRecord record = drillWithPayloadOf(fixture, good, without);

            assertThat(record.state()).isEqualTo(DrillRecord.State.FAILED);
            assertThat(record.checks()).filteredOn(c -> c.outcome() == CheckResult.Outcome.FAILED)
                    .singleElement().satisfies(c -> {
                        assertThat(c.check()).isEqualTo("table notes");
                        assertThat(c.detail()).contains("missing");
                    });
            assertThat(record.checks()).filteredOn(c -> c.check().equals("table items"))
                    .allMatch(c -> c.outcome() == CheckResult.Outcome.PASSED);
        }
    }

    @Test
    public void shouldCatchAPayloadSwappedForAnotherDatabases() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase();
                TestDatabase other = TestServers.newPostgresDatabase()) {
            db.execute(SAMPLE);
            other.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(40), price DECIMAL(10,2),"
                    + " seen TIMESTAMP, ratio DOUBLE PRECISION)", "INSERT INTO items VALUES (9, 'nine', 9, NULL, 9)",
                    "CREATE TABLE customers (id INT)");
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), db.login()).environment("qa",
                    EngineFixture.database("orders", db.url()), EngineFixture.database("crm", other.url()));
            BackupResult good = backup(fixture);
            BackupResult foreign = new BackupOperation(fixture.context()).run(new BackupRequest("qa", "crm", null));
            LocalDirectoryStore store = new LocalDirectoryStore(fixture.backupRoot());
            swapPayload(store.find("qa", "orders", good.id()).orElseThrow(),
                    store.find("qa", "crm", foreign.id()).orElseThrow());

            DrillRecord record = new DrillOperation(fixture.context()).run(DrillRequest.of("qa", "orders"));

            assertThat(record.state()).isEqualTo(DrillRecord.State.FAILED);
            assertThat(record.checks()).filteredOn(c -> c.outcome() == CheckResult.Outcome.FAILED)
                    .extracting(CheckResult::check)
                    .containsExactlyInAnyOrder("table public.customers", "table public.items", "table public.notes");
        }
    }

    @Test
    public void shouldProveTheKeyOfAnEncryptedBackupAndFailWithAWrongOne() throws Exception {
        Path dir = tmp.getRoot().toPath();
        AgeKey right = AgeKey.generate(dir, "right");
        AgeKey wrong = AgeKey.generate(dir, "wrong");
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            db.execute(SAMPLE);
            EngineFixture fixture = fixture(db, MethodChoice.NATIVE, List.of(right.recipient()));
            backup(fixture);

            DrillRecord refused = new DrillOperation(fixture.context()).run(DrillRequest.of("qa", "orders")
                    .withIdentity(AgeKeys.readIdentityFile(wrong.identityFile())));
            DrillRecord proven = new DrillOperation(fixture.context()).run(DrillRequest.of("qa", "orders")
                    .withIdentity(AgeKeys.readIdentityFile(right.identityFile())));

            assertThat(refused.state()).isEqualTo(DrillRecord.State.FAILED);
            assertThat(refused.checks()).filteredOn(c -> c.outcome() == CheckResult.Outcome.FAILED)
                    .singleElement().satisfies(c -> {
                        assertThat(c.check()).isEqualTo("restore");
                        assertThat(c.detail()).contains("cannot be decrypted");
                    });
            assertThat(proven.state()).as(proven.message()).isEqualTo(DrillRecord.State.PASSED);
            assertThat(proven.keyFingerprints()).containsExactly(AgeKeys.fingerprint(right.recipient()));
            assertThat(scratchDatabasesPostgres("orders_copy_drill_")).isEmpty();
        }
    }

    @Test
    public void shouldKeepFingerprintsOfEveryTableInTheManifest() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            db.execute(SAMPLE);
            EngineFixture fixture = fixture(db, MethodChoice.NATIVE, List.of());
            BackupResult first = backup(fixture);
            BackupResult second = backup(fixture);
            db.execute("INSERT INTO notes VALUES ('b')");
            BackupResult third = backup(fixture);

            TableFingerprint notes = first.manifest().fingerprints().tables().get("public.notes");
            assertThat(second.manifest().fingerprints()).isEqualTo(first.manifest().fingerprints());
            assertThat(third.manifest().fingerprints().tables().get("public.notes").rows()).isEqualTo(4);
            assertThat(third.manifest().fingerprints().tables().get("public.notes").checksum())
                    .isNotEqualTo(notes.checksum());
            StoredBackup read = new LocalDirectoryStore(fixture.backupRoot()).find("qa", "orders", first.id())
                    .orElseThrow();
            assertThat(read.manifest().fingerprints()).isEqualTo(first.manifest().fingerprints());
        }
    }
}
