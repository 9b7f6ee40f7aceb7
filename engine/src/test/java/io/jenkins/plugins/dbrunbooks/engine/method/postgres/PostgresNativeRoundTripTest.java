package io.jenkins.plugins.dbrunbooks.engine.method.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupResult;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.PostgresFidelityTest;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreOperation;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreRequest;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreResult;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.PostgresSampleData;
import io.jenkins.plugins.dbrunbooks.engine.testing.PostgresSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.testing.Queries;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import io.jenkins.plugins.dbrunbooks.engine.verify.VerificationLevel;
import io.jenkins.plugins.dbrunbooks.engine.verify.VerificationReport;
import io.jenkins.plugins.dbrunbooks.engine.verify.VerifyOperation;
import io.jenkins.plugins.dbrunbooks.engine.verify.VerifyRequest;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class PostgresNativeRoundTripTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void shouldRestoreEverySchemaAndRowIntoANewDatabase() throws Exception {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            PostgresSampleData.load(source);
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), source.login())
                    .environment("qa", EngineFixture.database("orders", source.url()));

            BackupResult backup = new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", "pre-1.4"));
            String copy = source.name() + "_copy";
            try {
                RestoreResult restored = new RestoreOperation(fixture.context())
                        .run(RestoreRequest.of("qa", "orders").intoNew(copy));

                assertThat(restored.targetDatabase()).isEqualTo(copy);
                assertThat(fixture.listener.messages).as("one line per table while pg_restore runs")
                        .anyMatch(m -> m.matches("Loading table '[^']+' \\(1 of [1-9]\\d*\\)"))
                        .noneMatch(m -> m.contains("creating TABLE"))
                        .as("the working copy gets its data offsets")
                        .noneMatch(m -> m.contains("table of contents was left as it is"));
                assertThat(PostgresSnapshot.of(copy, source)).isEqualTo(PostgresSnapshot.of(source));
                assertThat(backup.manifest().label()).isEqualTo("pre-1.4");
                assertThat(backup.manifest().engine()).isEqualTo("postgresql");
                assertThat(backup.manifest().tool()).isEqualTo("pg_dump");
                assertThat(backup.manifest().payload().compression()).isEqualTo("zstd");
                assertThat(backup.manifest().createdBy()).isEqualTo("tester");
                assertThat(fixture.events).extracting(AuditEvent::operation, AuditEvent::outcome)
                        .contains(org.assertj.core.groups.Tuple.tuple("backup", AuditEvent.Outcome.SUCCESS),
                                org.assertj.core.groups.Tuple.tuple("restore", AuditEvent.Outcome.SUCCESS));
            } finally {
                TestServers.dropPostgres(copy);
            }
        }
    }

    /**
     * Constraints added NOT VALID over rows that break them (see {@link PostgresFidelityTest}): pg_dump adds them
     * after the rows, and the restore keeps that order.
     */
    @Test
    public void shouldRestoreConstraintsNotYetValidatedOverTheRowsThatBreakThem() {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            source.execute(PostgresFidelityTest.NOT_VALIDATED);
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), source.login())
                    .environment("qa", EngineFixture.database("orders", source.url()));
            BackupResult backup = new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
            assertThat(backup.manifest().tool()).isEqualTo("pg_dump");
            String copy = source.name() + "_copy";
            try {
                new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders").intoNew(copy));

                PostgresFidelityTest.assertNotValidatedAlike(source, copy);
            } finally {
                TestServers.dropPostgres(copy);
            }
        }
    }

    @Test
    public void shouldRestoreLargeObjectsSequencesAndCommentsFromTheWorkingCopy() throws Exception {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            source.execute("CREATE TABLE big (id bigserial PRIMARY KEY, v text)",
                    "INSERT INTO big (v) SELECT md5(i::text) FROM generate_series(1, 30000) i",
                    "CREATE TABLE other (id int PRIMARY KEY, doc oid)",
                    "INSERT INTO other SELECT i, lo_from_bytea(0, decode(repeat(md5(i::text), 100), 'hex'))"
                            + " FROM generate_series(1, 3) i",
                    "COMMENT ON TABLE big IS 'the large one'", "SELECT setval('big_id_seq', 123456)",
                    "CREATE TABLE empty_one (id int)");
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), source.login())
                    .environment("qa", EngineFixture.database("orders", source.url()));
            new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
            String copy = source.name() + "_copy";
            try {
                new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders").intoNew(copy));

                assertThat(fixture.listener.messages).as("the table count comes from the table of contents")
                        .anyMatch(m -> m.matches("Loading table 'public\\.(big|other|empty_one)' \\(1 of 3\\)"))
                        .noneMatch(m -> m.contains("table of contents was left as it is"))
                        .as("pg_restore reads the large objects from the working file")
                        .anyMatch(m -> m.startsWith("The backup is written on the way to a private working file"));
                String url = source.url().replace(source.name(), copy);
                String check = "SELECT (SELECT string_agg(md5(lo_get(doc)), ',' ORDER BY id) FROM other),"
                        + " (SELECT last_value FROM big_id_seq), obj_description('big'::regclass),"
                        + " (SELECT count(*) FROM big), (SELECT count(*) FROM pg_largeobject_metadata)";
                assertThat(Queries.rows(url, TestServers.PG_USER, check))
                        .isEqualTo(Queries.rows(source.url(), TestServers.PG_USER, check))
                        .contains("123456", "the large one", "30000", "3");
                assertThat(PostgresSnapshot.of(copy, source)).isEqualTo(PostgresSnapshot.of(source));
            } finally {
                TestServers.dropPostgres(copy);
            }
        }
    }

    @Test
    public void shouldReplaceTheConfiguredDatabaseBySwapping() {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            PostgresSampleData.load(db);
            PostgresSnapshot before = PostgresSnapshot.of(db);
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), db.login())
                    .environment("dev", EngineFixture.database("orders", db.url()));
            new BackupOperation(fixture.context()).run(new BackupRequest("dev", "orders", null));
            db.execute("DELETE FROM inventory.stock", "DROP VIEW inventory.happy_items",
                    "CREATE TABLE junk (x int)");

            new RestoreOperation(fixture.context()).run(RestoreRequest.of("dev", "orders"));

            assertThat(PostgresSnapshot.of(db)).isEqualTo(before);
        }
    }

    @Test
    public void shouldVerifyChecksumStreamAndNativeListing() {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            db.execute("CREATE TABLE t (id int PRIMARY KEY, v text)", "INSERT INTO t SELECT i, md5(i::text)"
                    + " FROM generate_series(1, 1000) i");
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), db.login())
                    .environment("qa", EngineFixture.database("orders", db.url()));
            new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));

            VerificationReport report = new VerifyOperation(fixture.context())
                    .run(new VerifyRequest("qa", "orders", "latest", null));

            assertThat(report.passed()).as(report.summary()).isTrue();
            assertThat(report.checks()).extracting(c -> c.check() + "=" + c.outcome())
                    .containsExactly("checksum=PASSED", "stream=PASSED", "structure=PASSED");
            assertThat(report.level()).isEqualTo(VerificationLevel.STRUCTURE);
        }
    }
}
