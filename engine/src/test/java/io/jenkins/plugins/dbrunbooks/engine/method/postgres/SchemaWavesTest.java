package io.jenkins.plugins.dbrunbooks.engine.method.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.method.RestoreOptions;
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
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The schema's plain tables created by several pg_restore runs at once, between what they depend on and what depends
 * on them: every kind of entry lands in a wave after everything it depends on, and the restore ends as one
 * pg_restore leaves it.
 */
public class SchemaWavesTest {
    /** Splits the tables of any schema over the runs. */
    private static final int ANY_TABLES = 1;

    private static final String[] SCHEMA = {
        "CREATE SCHEMA app",
        "CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy')",
        "CREATE TYPE app.pair AS (a int, b int)",
        "CREATE FUNCTION app.next_code() RETURNS text LANGUAGE sql VOLATILE AS 'SELECT ''C'' || random()'",
        "CREATE TABLE app.people (id serial PRIMARY KEY, code text NOT NULL DEFAULT app.next_code(), mood app.mood)",
        "INSERT INTO app.people (mood) SELECT 'ok' FROM generate_series(1, 300)",
        "COMMENT ON TABLE app.people IS 'who'",
        "COMMENT ON COLUMN app.people.code IS 'made up'",
        "CREATE TABLE app.things (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text)",
        "INSERT INTO app.things (name) SELECT 'thing ' || i FROM generate_series(1, 200) i",
        "CREATE TABLE app.measured (id int, at date NOT NULL) PARTITION BY RANGE (at)",
        "CREATE TABLE app.measured_2025 PARTITION OF app.measured FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
        "INSERT INTO app.measured SELECT i, date '2025-01-01' + i FROM generate_series(1, 300) i",
        "CREATE TABLE app.base (id int, note text)",
        "CREATE TABLE app.derived (extra text) INHERITS (app.base)",
        "INSERT INTO app.derived VALUES (1, 'one', 'more')",
        "CREATE TABLE app.pairs OF app.pair",
        "INSERT INTO app.pairs VALUES (1, 2)",
        "CREATE TABLE app.holder (id int, who app.people)",
        "INSERT INTO app.holder SELECT 1, p FROM app.people p WHERE id = 1",
        "CREATE VIEW app.people_codes AS SELECT id, code FROM app.people",
        "CREATE VIEW app.constants AS SELECT 1 AS one",
        "CREATE FUNCTION app.describe(app.people) RETURNS text LANGUAGE sql AS 'SELECT $1.code'",
        "CREATE SEQUENCE public.counter START 7",
        "CREATE TABLE public.plain (id int PRIMARY KEY DEFAULT nextval('public.counter'), v text)",
        "INSERT INTO public.plain SELECT i, md5(i::text) FROM generate_series(1, 500) i",
    };

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void shouldPutEveryEntryAfterWhatItDependsOn() throws Exception {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            source.execute(SCHEMA);
            RestorePlan plan = Archives.plan(seekable(source));
            SchemaWaves waves = SchemaWaves.of(plan.schema(), 3);

            assertThat(labels(waves.before())).as("what depends on no plain table")
                    .contains("SCHEMA app", "TYPE mood", "TYPE pair", "FUNCTION next_code()", "SEQUENCE counter",
                            "VIEW constants")
                    .noneMatch(label -> label.startsWith("TABLE "));
            assertThat(waves.tables()).hasSize(3);
            assertThat(waves.tables().stream().flatMap(list -> labels(list).stream()))
                    .as("the plain tables, a typed table among them")
                    .containsExactlyInAnyOrder("TABLE base", "TABLE measured", "TABLE people", "TABLE things",
                            "TABLE pairs", "TABLE plain");
            assertThat(waves.tables()).as("balanced").allMatch(list -> list.size() == 2);
            assertThat(labels(waves.after())).as("partitions, inheritance children, a table of another's row"
                    + " type, and what else depends on the tables")
                    .contains("TABLE measured_2025", "TABLE derived", "TABLE holder", "VIEW people_codes",
                            "FUNCTION describe(app.people)", "COMMENT TABLE people", "COMMENT COLUMN people.code",
                            "SEQUENCE people_id_seq", "SEQUENCE things_id_seq", "SEQUENCE OWNED BY people_id_seq",
                            "DEFAULT people id",
                            "TABLE ATTACH measured_2025");

            List<ArchiveToc.Item> all = new ArrayList<>(waves.before());
            waves.tables().forEach(all::addAll);
            all.addAll(waves.after());
            assertThat(all).as("every entry once").containsExactlyInAnyOrderElementsOf(plan.schema());
            assertDependenciesComeFirst(waves, plan.schema());
        }
    }

    /** Each entry's dependencies are restored by an earlier wave, or earlier in its own run. */
    private static void assertDependenciesComeFirst(SchemaWaves waves, List<ArchiveToc.Item> schema) {
        Map<Integer, int[]> at = new HashMap<>();
        place(at, waves.before(), 0, 0);
        for (int list = 0; list < waves.tables().size(); list++) {
            place(at, waves.tables().get(list), 1, list);
        }
        place(at, waves.after(), 2, 0);
        for (ArchiveToc.Item item : schema) {
            int[] where = at.get(item.entry().dumpId());
            for (int dependency : item.entry().dependencies()) {
                int[] on = at.get(dependency);
                if (on == null) {
                    continue;
                }
                boolean earlierWave = on[0] < where[0];
                boolean earlierInRun = on[0] == where[0] && on[1] == where[1] && on[2] < where[2];
                assertThat(earlierWave || earlierInRun).as(item.entry().description() + " " + item.entry().tag()
                        + " after its dependency " + dependency).isTrue();
            }
        }
    }

    private static void place(Map<Integer, int[]> at, List<ArchiveToc.Item> items, int wave, int list) {
        for (int i = 0; i < items.size(); i++) {
            at.put(items.get(i).entry().dumpId(), new int[] {wave, list, i});
        }
    }

    @Test
    public void shouldRestoreAStreamedArchiveAsPgRestoreWouldWithTheTablesCreatedByTwoRuns() throws Exception {
        restoresAsTheSource(true, 2);
    }

    @Test
    public void shouldRestoreAStagedArchiveAsPgRestoreWouldWithTheTablesCreatedByThreeRuns() throws Exception {
        restoresAsTheSource(false, 3);
    }

    @Test
    public void shouldRestoreAStagedArchiveAsPgRestoreWouldWithTheTablesCreatedByTwoRuns() throws Exception {
        restoresAsTheSource(false, 2);
    }

    @Test
    public void shouldRestoreAStreamedArchiveAsPgRestoreWouldWithTheTablesCreatedByThreeRuns() throws Exception {
        restoresAsTheSource(true, 3);
    }

    private void restoresAsTheSource(boolean streamed, int jobs) throws Exception {
        try (TestDatabase source = TestServers.newPostgresDatabase();
                TestDatabase target = TestServers.newPostgresDatabase()) {
            source.execute(SCHEMA);
            Path archive = Archives.piped(tmp.newFolder().toPath(), source, "--compress=0");
            RecordingListener listener = new RecordingListener();

            new PostgresNativeMethod(EarlyIndexes.MIN_BYTES, ANY_TABLES).restore(context(target, listener),
                    streamed ? StreamSource.of(Files.newInputStream(archive)) : Archives.staged(archive),
                    new RestoreOptions(false, jobs));

            assertThat(listener.messages).contains("Creating 6 tables with " + jobs + " pg_restore runs at once");
            assertThat(listener.messages.stream().anyMatch(m -> m.contains("as the backup is read")))
                    .isEqualTo(streamed);
            assertThat(PostgresSnapshot.of(target.name(), source)).isEqualTo(PostgresSnapshot.of(source));
        }
    }

    @Test
    public void shouldCreateTheTablesWithOneRunUnderTheThreshold() throws Exception {
        try (TestDatabase source = TestServers.newPostgresDatabase();
                TestDatabase target = TestServers.newPostgresDatabase()) {
            source.execute(SCHEMA);
            Path archive = Archives.piped(tmp.newFolder().toPath(), source, "--compress=0");
            RecordingListener listener = new RecordingListener();

            new PostgresNativeMethod(EarlyIndexes.MIN_BYTES, 7).restore(context(target, listener),
                    StreamSource.of(Files.newInputStream(archive)), new RestoreOptions(false, 2));

            assertThat(listener.messages).noneMatch(m -> m.startsWith("Creating "));
            assertThat(PostgresSnapshot.of(target.name(), source)).isEqualTo(PostgresSnapshot.of(source));
        }
    }

    /**
     * A table that cannot be created fails the restore with pg_restore's words, and the other run is stopped: here
     * it waits on a table another session is creating and would never end by itself.
     */
    @Test(timeout = 300_000)
    public void shouldFailWithTheFirstFailureAndStopTheOtherRun() throws Exception {
        try (TestDatabase source = TestServers.newPostgresDatabase();
                TestDatabase target = TestServers.newPostgresDatabase()) {
            source.execute("CREATE TABLE a_taken (id int)", "CREATE TABLE b_waiting (id int)",
                    "CREATE TABLE c_other (id int)", "CREATE TABLE d_other (id int)");
            target.execute("CREATE TABLE a_taken (other int)");
            Path archive = Archives.piped(tmp.newFolder().toPath(), source, "--compress=0");
            assertThat(SchemaWaves.of(Archives.plan(seekable(source)).schema(), 2).tables())
                    .extracting(list -> labels(list).get(0))
                    .as("in two runs").containsExactly("TABLE a_taken", "TABLE b_waiting");
            RecordingListener listener = new RecordingListener();
            try (Connection creating = target.connect(); Statement s = creating.createStatement()) {
                creating.setAutoCommit(false);
                s.execute("CREATE TABLE b_waiting (mine int)");

                assertThatThrownBy(() -> new PostgresNativeMethod(EarlyIndexes.MIN_BYTES, ANY_TABLES).restore(
                        context(target, listener), Archives.staged(archive), new RestoreOptions(false, 2)))
                        .isInstanceOfSatisfying(RunbookException.class,
                                e -> assertThat(e.kind()).isEqualTo(ErrorKind.RESTORE_FAILED))
                        .hasMessageContaining("Restore into '" + target.name() + "' failed")
                        .hasMessageContaining("relation \"a_taken\" already exists");
                assertThat(ProcessHandle.current().descendants()
                        .filter(p -> p.info().command().orElse("").endsWith("pg_restore")).toList())
                        .as("no pg_restore left running").isEmpty();
                creating.rollback();
            }
        }
    }

    /** An archive of {@code source} written to a file, with its data offsets. */
    private Path seekable(TestDatabase source) throws Exception {
        Path dir = tmp.newFolder().toPath();
        ExternalTools.sh(dir, "pg_dump " + Archives.connection() + " --format=custom --compress=0 -f archive.dump "
                + source.name());
        return dir.resolve("archive.dump");
    }

    private static List<String> labels(List<ArchiveToc.Item> items) {
        return items.stream().map(i -> i.entry().description() + " " + i.entry().tag()).toList();
    }

    private MethodContext context(TestDatabase target, RecordingListener listener) throws IOException {
        return new MethodContext(target.url(), target.login(), ToolLocator.fromEnvironment(List.of()),
                tmp.newFolder().toPath(), listener);
    }
}
