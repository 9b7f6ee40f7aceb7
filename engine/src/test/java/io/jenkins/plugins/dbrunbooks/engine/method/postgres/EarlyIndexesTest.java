package io.jenkins.plugins.dbrunbooks.engine.method.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.method.RestoreOptions;
import io.jenkins.plugins.dbrunbooks.engine.process.PrivateFiles;
import io.jenkins.plugins.dbrunbooks.engine.process.ToolLocator;
import io.jenkins.plugins.dbrunbooks.engine.testing.ExternalTools;
import io.jenkins.plugins.dbrunbooks.engine.testing.PostgresSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.testing.RecordingListener;
import io.jenkins.plugins.dbrunbooks.engine.testing.StreamSource;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A table's own indexes and keys built as soon as its rows are in, while later tables load: every kind of index and
 * key a schema has, and whatever depends on them (foreign keys, comments, partition attachments), ends as pg_restore
 * would leave it.
 */
public class EarlyIndexesTest {
    /** Every table here is "large", so that each one's indexes build early. */
    private static final long EVERY_TABLE = 0;

    private static final String[] SCHEMA = {
        "CREATE FUNCTION public.norm(text) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT lower($1)'",
        "CREATE TABLE parent (id bigint PRIMARY KEY, code text NOT NULL UNIQUE, during tstzrange,"
                + " EXCLUDE USING gist (during WITH &&))",
        "INSERT INTO parent SELECT i, 'C' || i, tstzrange(timestamptz '2026-01-01' + i * interval '1 hour',"
                + " timestamptz '2026-01-01' + (i + 1) * interval '1 hour') FROM generate_series(1, 20000) i",
        "CREATE INDEX parent_norm ON parent (public.norm(code))",
        "COMMENT ON INDEX parent_norm IS 'by normalized code'",
        "CREATE TABLE child (id bigint PRIMARY KEY, parent_id bigint NOT NULL REFERENCES parent (id),"
                + " note text, CONSTRAINT child_note_unique UNIQUE (note) DEFERRABLE INITIALLY DEFERRED)",
        "INSERT INTO child SELECT i, 1 + i % 20000, 'note ' || i FROM generate_series(1, 30000) i",
        "CREATE INDEX child_parent ON child (parent_id)",
        "CREATE INDEX child_recent ON child (id DESC) INCLUDE (note) WHERE note IS NOT NULL",
        "ALTER TABLE child CLUSTER ON child_parent",
        "CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END'",
        "CREATE TRIGGER child_touch BEFORE UPDATE ON child FOR EACH ROW EXECUTE FUNCTION public.touch()",
        "CREATE TABLE measured (id bigint, at date NOT NULL, v numeric, PRIMARY KEY (id, at)) PARTITION BY RANGE (at)",
        "CREATE TABLE measured_2025 PARTITION OF measured FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
        "CREATE TABLE measured_2026 PARTITION OF measured FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
        "CREATE INDEX measured_v ON measured (v)",
        "INSERT INTO measured SELECT i, date '2025-01-01' + i % 700, i / 7.0 FROM generate_series(1, 20000) i",
        "CREATE TABLE empty_one (id int PRIMARY KEY)",
    };

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void shouldEndAsPgRestoreWouldWhenEveryTablesIndexesBuildAsItsRowsArriveInAStream() throws Exception {
        try (TestDatabase source = TestServers.newPostgresDatabase();
                TestDatabase target = TestServers.newPostgresDatabase()) {
            source.execute(SCHEMA);
            Path archive = Archives.piped(tmp.newFolder().toPath(), source, "--compress=0");
            RecordingListener listener = new RecordingListener();

            new PostgresNativeMethod(EVERY_TABLE).restore(context(target, listener), StreamSource.of(Files.newInputStream(archive)),
                    new RestoreOptions(false, 2));

            assertThat(listener.messages).anyMatch(m -> m.contains("as the backup is read"));
            assertThat(PostgresSnapshot.of(target.name(), source)).isEqualTo(PostgresSnapshot.of(source));
        }
    }

    @Test
    public void shouldEndAsPgRestoreWouldWhenEveryTablesIndexesBuildAsItsRowsArriveFromAStagedFile()
            throws Exception {
        try (TestDatabase source = TestServers.newPostgresDatabase();
                TestDatabase target = TestServers.newPostgresDatabase()) {
            source.execute(SCHEMA);
            Path archive = Archives.piped(tmp.newFolder().toPath(), source, "--compress=0");
            RecordingListener listener = new RecordingListener();

            new PostgresNativeMethod(EVERY_TABLE).restore(context(target, listener), Archives.staged(archive),
                    new RestoreOptions(false, 2));

            assertThat(listener.messages).as("loaded from the staged file")
                    .noneMatch(m -> m.contains("as the backup is read"))
                    .anyMatch(m -> m.contains("the rows of 5 tables over 2 connections"));
            assertThat(PostgresSnapshot.of(target.name(), source)).isEqualTo(PostgresSnapshot.of(source));
        }
    }

    @Test
    public void shouldBuildNothingEarlyForTablesUnderTheSize() throws Exception {
        try (TestDatabase source = TestServers.newPostgresDatabase();
                TestDatabase target = TestServers.newPostgresDatabase()) {
            source.execute(SCHEMA);
            Path archive = Archives.piped(tmp.newFolder().toPath(), source, "--compress=0");
            RecordingListener listener = new RecordingListener();

            new PostgresNativeMethod().restore(context(target, listener), StreamSource.of(Files.newInputStream(archive)),
                    new RestoreOptions(false, 2));

            assertThat(listener.messages).noneMatch(m -> m.startsWith("Building the keys and indexes"));
            assertThat(PostgresSnapshot.of(target.name(), source)).isEqualTo(PostgresSnapshot.of(source));
        }
    }

    /**
     * Each table's own indexes and keys build once its rows are in; the rest (foreign keys, comments, partition
     * attachments, triggers) waits for the builds it depends on, and everything ends as one pg_restore leaves it.
     */
    @Test
    public void shouldBuildEachTablesOwnIndexesAndLeaveTheRestToTheEnd() throws Exception {
        try (TestDatabase source = TestServers.newPostgresDatabase();
                TestDatabase target = TestServers.newPostgresDatabase()) {
            source.execute(SCHEMA);
            Path archive = dataLoaded(source, target);
            RestorePlan plan = Archives.plan(archive);
            RecordingListener listener = new RecordingListener();
            MethodContext context = context(target, listener);
            try (PrivateFiles files = PostgresTools.privateFiles(context)) {
                PgRestore pgRestore = pgRestore(context, files, archive, target);
                EarlyIndexes indexes = new EarlyIndexes(plan.toc(), plan.schema(), pgRestore, archive, EVERY_TABLE,
                        listener);
                for (ArchiveToc.Item table : plan.rows()) {
                    indexes.loaded(table, 1);
                    if (!table.table().startsWith("public.measured_")) {
                        awaitMessage(listener, "Building the keys and indexes of table '" + table.table()
                                + "' as the next tables load");
                    }
                }
                List<ArchiveToc.Item> rest = indexes.rest(plan.rest());

                assertThat(rest).extracting(i -> i.entry().description() + " " + i.entry().tag())
                        .as("what depends on more than its table's rows waits: foreign keys, comments, triggers, and"
                                + " a partition's keys and indexes, which depend on its parent's")
                        .contains("FK CONSTRAINT child child_parent_id_fkey", "COMMENT INDEX parent_norm",
                                "TRIGGER child child_touch", "CONSTRAINT measured_2025 measured_2025_pkey",
                                "INDEX ATTACH measured_2025_pkey")
                        .as("the tables' own indexes and keys were built")
                        .doesNotContain("CONSTRAINT parent parent_pkey", "CONSTRAINT parent parent_code_key",
                                "CONSTRAINT parent parent_during_excl", "INDEX parent_norm",
                                "CONSTRAINT child child_pkey", "CONSTRAINT child child_note_unique",
                                "INDEX child_parent", "INDEX child_recent", "CONSTRAINT empty_one empty_one_pkey");
                pgRestore.run(RestorePlan.list(rest), 2, listener);
                indexes.await();
            }
            assertThat(PostgresSnapshot.of(target.name(), source)).isEqualTo(PostgresSnapshot.of(source));
        }
    }

    @Test
    public void shouldTakeNothingForATableUnderTheSize() throws Exception {
        try (TestDatabase source = TestServers.newPostgresDatabase();
                TestDatabase target = TestServers.newPostgresDatabase()) {
            source.execute(SCHEMA);
            Path archive = dataLoaded(source, target);
            RestorePlan plan = Archives.plan(archive);
            RecordingListener listener = new RecordingListener();
            MethodContext context = context(target, listener);
            try (PrivateFiles files = PostgresTools.privateFiles(context)) {
                EarlyIndexes indexes = new EarlyIndexes(plan.toc(), plan.schema(),
                        pgRestore(context, files, archive, target), archive, 1000, listener);
                plan.rows().forEach(table -> indexes.loaded(table, 999));

                assertThat(indexes.rest(plan.rest())).isEqualTo(plan.rest());
                indexes.await();
            }
            assertThat(listener.messages).isEmpty();
        }
    }

    /** An index that cannot be built fails the restore, and a build running when the restore fails is stopped. */
    @Test
    public void shouldFailWhenAnIndexCannotBeBuilt() throws Exception {
        try (TestDatabase source = TestServers.newPostgresDatabase();
                TestDatabase target = TestServers.newPostgresDatabase()) {
            // A unique index whose function changed after it was built: the rows dump, the index cannot be rebuilt.
            source.execute("CREATE FUNCTION public.bucket(int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT $1'",
                    "CREATE TABLE guarded (id int PRIMARY KEY, v int)",
                    "INSERT INTO guarded SELECT i, i FROM generate_series(1, 50000) i",
                    "CREATE UNIQUE INDEX guarded_bucket ON guarded (public.bucket(v))",
                    "CREATE OR REPLACE FUNCTION public.bucket(int) RETURNS int LANGUAGE sql IMMUTABLE"
                            + " AS 'SELECT $1 % 10'");
            Path archive = dataLoaded(source, target);
            RestorePlan plan = Archives.plan(archive);
            RecordingListener listener = new RecordingListener();
            MethodContext context = context(target, listener);
            try (PrivateFiles files = PostgresTools.privateFiles(context)) {
                EarlyIndexes indexes = new EarlyIndexes(plan.toc(), plan.schema(),
                        pgRestore(context, files, archive, target), archive, EVERY_TABLE, listener);
                indexes.loaded(plan.rows().get(0), 1);
                awaitMessage(listener, "Building the keys and indexes of table 'public.guarded' as the next tables"
                        + " load");

                assertThatThrownBy(indexes::await).isInstanceOf(RunbookException.class)
                        .hasMessageContaining("guarded_bucket");
                indexes.cancel();
            }
        }
    }

    /** A table's rows restored ahead of the builds: the archive's schema and data go in with pg_restore. */
    private Path dataLoaded(TestDatabase source, TestDatabase target) throws Exception {
        Path dir = tmp.newFolder().toPath();
        ExternalTools.sh(dir, "pg_dump " + Archives.connection() + " --format=custom --compress=0 -f archive.dump "
                + source.name() + " && pg_restore " + Archives.connection() + " --section=pre-data --section=data -d "
                + target.name() + " archive.dump");
        return dir.resolve("archive.dump");
    }


    private static PgRestore pgRestore(MethodContext context, PrivateFiles files, Path archive, TestDatabase target) {
        return new PgRestore(context, files, PostgresTools.require(context, "pg_restore").tool().path(), archive,
                target.name(), false);
    }

    private static void awaitMessage(RecordingListener listener, String message) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!listener.messages.contains(message)) {
            assertThat(System.nanoTime()).as("waiting for: " + message).isLessThan(deadline);
            Thread.sleep(20);
        }
    }


    private MethodContext context(TestDatabase target, RecordingListener listener) throws IOException {
        return new MethodContext(target.url(), target.login(), ToolLocator.fromEnvironment(List.of()),
                tmp.newFolder().toPath(), listener);
    }
}
