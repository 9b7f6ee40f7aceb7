package io.jenkins.plugins.dbrunbooks.engine.method.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupResult;
import io.jenkins.plugins.dbrunbooks.engine.config.Retention;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.inventory.Inventory;
import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import io.jenkins.plugins.dbrunbooks.engine.process.ToolLocator;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreOperation;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreRequest;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.Eventually;
import io.jenkins.plugins.dbrunbooks.engine.testing.ExternalTools;
import io.jenkins.plugins.dbrunbooks.engine.testing.ExternalTools.AgeKey;
import io.jenkins.plugins.dbrunbooks.engine.testing.PostgresSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import io.jenkins.plugins.dbrunbooks.engine.verify.VerifyOperation;
import io.jenkins.plugins.dbrunbooks.engine.verify.VerifyRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Every bad input and fault: a clear error of the right kind, nothing written, nothing lost. */
public class PostgresFaultsTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private EngineFixture fixture(TestDatabase db) {
        return new EngineFixture(tmp.getRoot().toPath(), db.login())
                .environment("qa", EngineFixture.database("orders", db.url()))
                .environment("prod", true, List.of(), Retention.KEEP_ALL, EngineFixture.database("orders", db.url()));
    }

    private static ErrorKind kindOf(Runnable action) {
        try {
            action.run();
        } catch (RunbookException e) {
            return e.kind();
        }
        throw new AssertionError("No error was raised");
    }

    private List<Path> filesUnder(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    public void shouldNameUnknownEnvironmentsAndDatabases() {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            BackupOperation backup = new BackupOperation(fixture(db).context());
            assertThatThrownBy(() -> backup.run(new BackupRequest("staging", "orders", null)))
                    .hasMessageContaining("'staging'").hasMessageContaining("is not configured");
            assertThatThrownBy(() -> backup.run(new BackupRequest("qa", "billing", null)))
                    .hasMessageContaining("'billing'");
        }
    }

    @Test
    public void shouldRefuseAnUnknownLoginAndStoreNothing() throws IOException {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            EngineFixture fixture = fixture(db).login(DbCredential.of("no_such_role_x", "s3cr3t-value"));
            RunbookException e = org.junit.Assert.assertThrows(RunbookException.class,
                    () -> new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null)));

            assertThat(e.kind()).isEqualTo(ErrorKind.CREDENTIALS);
            assertThat(e.getMessage()).contains("no_such_role_x").doesNotContain("s3cr3t-value");
            assertThat(fixture.listener.all()).doesNotContain("s3cr3t-value");
            assertThat(fixture.events).extracting(AuditEvent::outcome).containsExactly(AuditEvent.Outcome.FAILURE);
            assertThat(filesUnder(fixture.backupRoot())).isEmpty();
        }
    }

    @Test
    public void shouldReportAnUnreachableServer() {
        EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), DbCredential.of("postgres", null))
                .environment("qa", EngineFixture.database("orders", "jdbc:postgresql://127.0.0.1:1/orders"));
        assertThat(kindOf(() -> new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null))))
                .isEqualTo(ErrorKind.CONNECTION);
    }

    @Test
    public void shouldNameAMissingTool() throws IOException {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            EngineFixture fixture = fixture(db);
            RunbookContext noTools = fixture.context()
                    .withTools(new ToolLocator(List.of(tmp.newFolder("empty-bin").toPath())));

            RunbookException e = org.junit.Assert.assertThrows(RunbookException.class,
                    () -> new BackupOperation(noTools).run(new BackupRequest("qa", "orders", null)));

            assertThat(e.kind()).isEqualTo(ErrorKind.TOOL_MISSING);
            assertThat(e.getMessage()).contains("'pg_dump'");
            assertThat(e.hint()).contains("Install the PostgreSQL client");
            assertThat(filesUnder(fixture.backupRoot())).isEmpty();
        }
    }

    @Test
    public void shouldSkipAClientOlderThanTheServerAndNameItWhenItIsTheOnlyOne() throws IOException {
        Path old = tmp.newFolder("old-bin").toPath();
        Path fake = old.resolve("pg_dump");
        Files.writeString(fake, "#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n");
        fake.toFile().setExecutable(true);
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            EngineFixture fixture = fixture(db);
            List<Path> everywhere = new java.util.ArrayList<>(List.of(old));
            everywhere.addAll(ToolLocator.fromEnvironment(List.of()).directories());

            BackupResult result = new BackupOperation(fixture.context().withTools(new ToolLocator(everywhere)))
                    .run(new BackupRequest("qa", "orders", null));
            RunbookException e = org.junit.Assert.assertThrows(RunbookException.class,
                    () -> new BackupOperation(fixture.context().withTools(new ToolLocator(List.of(old))))
                            .run(new BackupRequest("qa", "orders", null)));

            assertThat(result.manifest().toolVersion()).doesNotStartWith("9.");
            assertThat(e.kind()).isEqualTo(ErrorKind.TOOL_VERSION);
            assertThat(e.getMessage()).contains("'pg_dump' 9.6").contains("PostgreSQL server 15");
        }
    }

    /**
     * Debian's pg_wrapper, the script /usr/bin/pg_dump and its like link to, only runs a versioned binary: that binary
     * runs instead. Here the wrapper answers the version probe and fails anything else, so the backup works only if
     * the dump ran the versioned binary beside it.
     */
    @Test
    public void shouldRunTheVersionedBinaryInsteadOfDebiansWrapper() throws IOException {
        Path real = ToolLocator.fromEnvironment(List.of()).findAll("pg_dump").stream()
                .filter(p -> !isWrapper(p)).findFirst().orElseThrow();
        String major = Integer.toString(PostgresTools.version(real).major());
        Path root = tmp.newFolder("debian").toPath();
        Path wrapper = Files.createDirectories(root.resolve("share/postgresql-common")).resolve("pg_wrapper");
        Files.writeString(wrapper, "#!/bin/sh\n[ \"$1\" = --version ] && exec '" + real.toRealPath()
                + "' --version\necho 'the wrapper ran' >&2\nexit 3\n");
        wrapper.toFile().setExecutable(true);
        Path bin = Files.createDirectories(root.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("pg_dump"), wrapper);
        Path versioned = Files.createDirectories(root.resolve("lib/postgresql/" + major + "/bin"));
        Files.createSymbolicLink(versioned.resolve("pg_dump"), real.toRealPath());
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            db.execute("CREATE TABLE t (x int)", "INSERT INTO t VALUES (1)");
            EngineFixture fixture = fixture(db);
            ToolLocator debian = new ToolLocator(List.of(bin)).withVersionedDirectories(root.resolve("lib/postgresql"),
                    "bin");

            BackupResult result = new BackupOperation(fixture.context().withTools(debian))
                    .run(new BackupRequest("qa", "orders", null));

            assertThat(result.manifest().toolVersion()).isEqualTo(PostgresTools.version(real).text());
            assertThat(PostgresTools.unwrapped(bin.resolve("pg_dump"), PostgresTools.version(real),
                    debian.findAll("pg_dump"))).isEqualTo(versioned.resolve("pg_dump"));
        }
    }

    private static boolean isWrapper(Path tool) {
        try {
            return tool.toRealPath().getFileName().toString().equals("pg_wrapper");
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    public void shouldRefuseALabelWithPathCharacters() throws IOException {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            EngineFixture fixture = fixture(db);
            BackupOperation backup = new BackupOperation(fixture.context());

            assertThatThrownBy(() -> backup.run(new BackupRequest("qa", "orders", "../../etc/x")))
                    .isInstanceOf(RunbookException.class).hasMessageContaining("Label");
            assertThatThrownBy(() -> backup.run(new BackupRequest("qa", "orders", "a/b")))
                    .isInstanceOf(RunbookException.class);
            assertThat(fixture.events).extracting(AuditEvent::outcome)
                    .containsExactly(AuditEvent.Outcome.REFUSED, AuditEvent.Outcome.REFUSED);
            assertThat(filesUnder(tmp.getRoot().toPath())).isEmpty();
        }
    }

    @Test
    public void shouldRefuseAProtectedEnvironmentWithoutConfirmation() {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            db.execute("CREATE TABLE t (x int)", "INSERT INTO t VALUES (1)");
            EngineFixture fixture = fixture(db);
            new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
            db.execute("INSERT INTO t VALUES (2)");
            PostgresSnapshot before = PostgresSnapshot.of(db);
            RestoreOperation restore = new RestoreOperation(fixture.context());

            RunbookException e = org.junit.Assert.assertThrows(RunbookException.class,
                    () -> restore.run(RestoreRequest.of("prod", "orders").from("qa", "orders")));
            RunbookException wrong = org.junit.Assert.assertThrows(RunbookException.class,
                    () -> restore.run(RestoreRequest.of("prod", "orders").from("qa", "orders").confirmedFor("qa")));

            assertThat(e.kind()).isEqualTo(ErrorKind.CONFIRMATION_REQUIRED);
            assertThat(e.getMessage()).contains("'prod'");
            assertThat(wrong.kind()).isEqualTo(ErrorKind.CONFIRMATION_REQUIRED);
            assertThat(PostgresSnapshot.of(db)).isEqualTo(before);
            assertThat(fixture.events).extracting(AuditEvent::outcome).endsWith(AuditEvent.Outcome.REFUSED,
                    AuditEvent.Outcome.REFUSED);

            restore.run(RestoreRequest.of("prod", "orders").from("qa", "orders").confirmedFor("prod"));
            assertThat(PostgresSnapshot.tableChecksums(db.name()).get("\"public\".\"t\"")).startsWith("1:");
        }
    }

    @Test
    public void shouldRefuseCorruptedOrTruncatedBackupsBeforeTouchingTheTarget() throws IOException {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            db.execute("CREATE TABLE t (x int)", "INSERT INTO t SELECT generate_series(1, 5000)");
            EngineFixture fixture = fixture(db);
            BackupResult backup = new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
            db.execute("INSERT INTO t VALUES (0)");
            PostgresSnapshot before = PostgresSnapshot.of(db);
            Path payload = Path.of(backup.payloadLocation());
            byte[] bytes = Files.readAllBytes(payload);
            bytes[bytes.length / 2] ^= 1;
            Files.write(payload, bytes);

            RunbookException corrupted = org.junit.Assert.assertThrows(RunbookException.class,
                    () -> new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders")));
            Files.write(payload, java.util.Arrays.copyOf(bytes, bytes.length - 100));
            RunbookException truncated = org.junit.Assert.assertThrows(RunbookException.class,
                    () -> new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders")));

            assertThat(corrupted.kind()).isEqualTo(ErrorKind.INTEGRITY);
            assertThat(corrupted.getMessage()).containsAnyOf("SHA-256", "damaged");
            assertThat(truncated.kind()).isEqualTo(ErrorKind.INTEGRITY);
            assertThat(truncated.getMessage()).containsIgnoringCase("truncated");
            assertThat(PostgresSnapshot.of(db)).isEqualTo(before);
            assertThat(new VerifyOperation(fixture.context()).run(new VerifyRequest("qa", "orders", "latest", null))
                    .passed()).isFalse();
        }
    }

    @Test
    public void shouldRefuseTheWrongIdentity() {
        Path dir = tmp.getRoot().toPath();
        AgeKey right = AgeKey.generate(dir, "right");
        AgeKey wrong = AgeKey.generate(dir, "wrong");
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            db.execute("CREATE TABLE t (x int)");
            EngineFixture fixture = new EngineFixture(dir, db.login()).environment("qa", false,
                    List.of(right.recipient()), Retention.KEEP_ALL, EngineFixture.database("orders", db.url()));
            new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
            String copy = db.name() + "_x";

            RunbookException e = org.junit.Assert.assertThrows(RunbookException.class,
                    () -> new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders").intoNew(copy)
                            .withIdentity(io.jenkins.plugins.dbrunbooks.engine.artifact.AgeKeys
                                    .readIdentityFile(wrong.identityFile()))));

            assertThat(e.kind()).isEqualTo(ErrorKind.DECRYPTION);
            assertThat(e.getMessage()).contains("cannot be decrypted");
            assertThat(PostgresTestAdmin.exists(copy)).isFalse();
        }
    }

    @Test
    public void shouldLeaveNothingThatListsWhenTheDumpIsKilledHalfWay() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            db.execute("CREATE TABLE big (id int, v text)",
                    "INSERT INTO big SELECT i, repeat(md5(i::text), 20) FROM generate_series(1, 300000) i");
            EngineFixture fixture = fixture(db);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread backup = new Thread(() -> {
                try {
                    new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            backup.start();
            ProcessHandle dump = waitForChild("pg_dump");
            Path dir = fixture.backupRoot().resolve("qa/orders");
            Eventually.until("pg_dump's first bytes in the backup's file", () -> !filesUnder(dir).isEmpty()
                    && Files.size(filesUnder(dir).get(0)) > 0, () -> backup.isAlive() ? null : "the backup ended");
            dump.destroyForcibly();
            backup.join();

            assertThat(failure.get()).isInstanceOf(RunbookException.class);
            assertThat(((RunbookException) failure.get()).kind()).isEqualTo(ErrorKind.BACKUP_FAILED);
            assertThat(new Inventory(fixture.context()).list("qa", "orders")).isEmpty();
            assertThat(filesUnder(dir)).isEmpty();
        }
    }

    @Test
    public void shouldLeaveTheTargetUntouchedWhenANewDatabaseRestoreFails() {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            String role = TestServers.uniqueName();
            db.execute("CREATE ROLE " + role, "CREATE TABLE t (x int)", "ALTER TABLE t OWNER TO " + role);
            EngineFixture fixture = fixture(db);
            new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
            db.execute("DROP TABLE t", "DROP ROLE " + role, "CREATE TABLE keep (y int)");
            PostgresSnapshot before = PostgresSnapshot.of(db);
            String copy = db.name() + "_fail";

            RunbookException e = org.junit.Assert.assertThrows(RunbookException.class,
                    () -> new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders").intoNew(copy)));
            RunbookException swap = org.junit.Assert.assertThrows(RunbookException.class,
                    () -> new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders")));

            assertThat(e.kind()).isEqualTo(ErrorKind.RESTORE_FAILED);
            assertThat(e.getMessage()).contains("pg_restore");
            assertThat(swap.kind()).isEqualTo(ErrorKind.RESTORE_FAILED);
            assertThat(PostgresTestAdmin.exists(copy)).isFalse();
            assertThat(PostgresTestAdmin.namesLike(db.name() + "%")).containsExactly(db.name());
            assertThat(PostgresSnapshot.of(db)).isEqualTo(before);
        }
    }

    private static ProcessHandle waitForChild(String name) {
        return Eventually.value(name + " to start", () -> ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/" + name)).orElse(false))
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains("--format=custom")).orElse(false))
                .findFirst().orElse(null));
    }
}
