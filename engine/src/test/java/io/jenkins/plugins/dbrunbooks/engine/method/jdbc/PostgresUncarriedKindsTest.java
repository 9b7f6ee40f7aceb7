package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupResult;
import io.jenkins.plugins.dbrunbooks.engine.config.DatabaseTarget;
import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.config.Role;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreOperation;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreRequest;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.PostgresSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.testing.Queries;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * PostgreSQL objects of kinds the jdbc snapshot has no record for (operators, operator classes, text search
 * configurations, publications, extended statistics, default privileges...) are refused before a file exists, or
 * named in a partial backup's manifest; table settings it does carry (storage parameters, UNLOGGED, column storage,
 * compression and statistics, typed tables, covering keys) come back as they were.
 */
public class PostgresUncarriedKindsTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /** One object of each kind, and an extension whose own operators, casts and classes must not be named. */
    private static final String[] UNCARRIED = {
        "CREATE EXTENSION citext",
        "CREATE TABLE items (id int PRIMARY KEY, a int, b int, doc text)",
        "INSERT INTO items SELECT g, g % 10, g % 7, 'word ' || g FROM generate_series(1, 50) g",
        "CREATE FUNCTION near(int, int) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT abs($1 - $2) < 2'",
        "CREATE OPERATOR === (LEFTARG = int, RIGHTARG = int, FUNCTION = near)",
        "CREATE OPERATOR CLASS reversed_ops FOR TYPE int USING btree AS OPERATOR 1 >, OPERATOR 2 >=,"
                + " OPERATOR 3 =, OPERATOR 4 <=, OPERATOR 5 <, FUNCTION 1 btint4cmp(int, int)",
        // A check and a default that call the operator, so left out with it; the rows stay.
        "CREATE TABLE checked (id int PRIMARY KEY, a int CHECK (a === 5), near boolean DEFAULT (4 === 5))",
        "INSERT INTO checked (id, a) VALUES (1, 4)",
        // Built with the operator class, so left out with it.
        "CREATE INDEX items_a_reversed ON items (a reversed_ops)",
        "CREATE INDEX items_b ON items (b)",
        "CREATE TABLE parts (id int, a int) PARTITION BY RANGE (id)",
        "CREATE TABLE parts_low PARTITION OF parts FOR VALUES FROM (0) TO (100)",
        "INSERT INTO parts VALUES (1, 1), (2, 2)",
        "CREATE INDEX parts_a_reversed ON parts (a reversed_ops)",
        "CREATE TEXT SEARCH CONFIGURATION plain_english (COPY = pg_catalog.english)",
        "CREATE STATISTICS items_ab (dependencies) ON a, b FROM items",
        "CREATE PUBLICATION items_out FOR TABLE items",
        "CREATE TYPE spans AS RANGE (subtype = int4)",
        "ALTER DEFAULT PRIVILEGES FOR ROLE " + TestServers.PG_USER + " REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC"};

    @Test
    public void shouldRefuseObjectsOfKindsTheSnapshotDoesNotCarryBeforeAFileExists() throws IOException {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            source.execute(UNCARRIED);
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), source.login())
                    .environment("qa", EngineFixture.database("orders", source.url(), MethodChoice.JDBC));

            RunbookException refused = catchThrowableOfType(() -> new BackupOperation(fixture.context())
                    .run(new BackupRequest("qa", "orders", null)), RunbookException.class);

            assertThat(refused).as("the backup was not refused").isNotNull();
            assertThat(refused.kind()).isEqualTo(ErrorKind.NOT_CARRIED);
            assertThat(refused.getMessage()).contains("operator public.===(integer, integer)",
                    "operator class public.reversed_ops USING btree", "operator family public.reversed_ops USING btree",
                    "check constraint public.checked.checked_a_check", "column default public.checked.near",
                    "index public.items.items_a_reversed", "index public.parts_a_reversed",
                    "text search configuration public.plain_english", "extended statistics public.items_ab",
                    "publication items_out", "default privileges for role " + TestServers.PG_USER + " on functions")
                    .doesNotContain("citext").doesNotContain("items_b").doesNotContain("spans");
            assertThat(filesUnder(fixture.backupRoot())).as("files written before the refusal").isEmpty();
        }
    }

    @Test
    public void shouldListWhatAPartialBackupLeavesOutAndRestoreTheRest() {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            source.execute(UNCARRIED);
            EngineFixture partial = new EngineFixture(tmp.getRoot().toPath(), source.login())
                    .environment("qa", new DatabaseTarget("orders", source.url(), MethodChoice.JDBC,
                            Map.of(Role.BACKUP, "backup", Role.RESTORE, "restore"), true));

            BackupResult backup = new BackupOperation(partial.context()).run(new BackupRequest("qa", "orders", null));

            assertThat(backup.manifest().partial()).isTrue();
            assertThat(backup.manifest().notCarried()).containsExactlyInAnyOrder(
                    "operator public.===(integer, integer)", "operator class public.reversed_ops USING btree",
                    "operator family public.reversed_ops USING btree", "check constraint public.checked.checked_a_check",
                    "column default public.checked.near", "index public.items.items_a_reversed",
                    "index public.parts_a_reversed", "text search configuration public.plain_english",
                    "extended statistics public.items_ab", "publication items_out",
                    "default privileges for role " + TestServers.PG_USER + " on functions");
            String copy = TestServers.uniqueName();
            try {
                new RestoreOperation(partial.context()).run(RestoreRequest.of("qa", "orders").intoNew(copy));

                String url = TestServers.postgresUrl(copy);
                assertThat(Queries.rows(url, TestServers.PG_USER, "SELECT count(*) FROM items")).containsExactly("50");
                assertThat(Queries.rows(url, TestServers.PG_USER, "SELECT indexname FROM pg_indexes"
                        + " WHERE tablename = 'items' ORDER BY 1")).containsExactly("items_b", "items_pkey");
                assertThat(Queries.rows(url, TestServers.PG_USER, "SELECT count(*) FROM parts")).containsExactly("2");
                assertThat(Queries.rows(url, TestServers.PG_USER, "SELECT id, a, near FROM checked"))
                        .containsExactly("1", "4", "t");
                assertThat(Queries.rows(url, TestServers.PG_USER, "SELECT count(*) FROM pg_constraint"
                        + " WHERE conrelid = 'checked'::regclass AND contype = 'c'")).containsExactly("0");
                assertThat(Queries.rows(url, TestServers.PG_USER, "SELECT count(*) FROM pg_indexes"
                        + " WHERE tablename LIKE 'parts%'")).containsExactly("0");
                assertThat(Queries.rows(url, TestServers.PG_USER, "SELECT extname FROM pg_extension ORDER BY 1"))
                        .containsExactly("citext", "plpgsql");
                assertThat(Queries.rows(url, TestServers.PG_USER, "SELECT count(*) FROM pg_publication"))
                        .containsExactly("0");
            } finally {
                TestServers.dropPostgres(copy);
            }
        }
    }

    @Test
    public void shouldRestoreTableSettingsAsTheyWere() {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            source.execute("CREATE TABLE tuned (id int PRIMARY KEY, body text, note text, n int)"
                            + " WITH (fillfactor = 70, autovacuum_enabled = off,"
                            + " toast.autovacuum_vacuum_cost_delay = 23)",
                    "ALTER TABLE tuned ALTER COLUMN body SET STORAGE EXTERNAL",
                    "ALTER TABLE tuned ALTER COLUMN note SET COMPRESSION pglz",
                    "ALTER TABLE tuned ALTER COLUMN n SET STATISTICS 500",
                    "ALTER TABLE tuned ALTER COLUMN n SET (n_distinct = -0.5)",
                    "INSERT INTO tuned SELECT g, repeat('b', g), 'n' || g, g % 3 FROM generate_series(1, 100) g",
                    // An unlogged table whose identity sequence is logged, and a logged one with an unlogged serial.
                    "CREATE UNLOGGED TABLE scratch (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v text)",
                    "ALTER SEQUENCE scratch_id_seq SET LOGGED",
                    "INSERT INTO scratch (v) VALUES ('a'), ('b')",
                    "CREATE TABLE counted (id serial PRIMARY KEY)",
                    "ALTER SEQUENCE counted_id_seq SET UNLOGGED",
                    "INSERT INTO counted DEFAULT VALUES",
                    "CREATE TYPE person AS (id int, name text)",
                    "CREATE TABLE people OF person (id PRIMARY KEY, name DEFAULT 'nobody' NOT NULL)",
                    "INSERT INTO people VALUES (1, 'ann')",
                    "CREATE TABLE covered (a int, b int, c text, CONSTRAINT covered_pk PRIMARY KEY (a) INCLUDE (b),"
                            + " CONSTRAINT covered_u UNIQUE (b) INCLUDE (c))",
                    "CREATE DOMAIN small AS int CONSTRAINT below_ten CHECK (VALUE < 10)",
                    "CREATE TABLE uses_small (s small)",
                    "CREATE MATERIALIZED VIEW squeezed AS SELECT id, note FROM tuned",
                    "ALTER MATERIALIZED VIEW squeezed ALTER COLUMN note SET COMPRESSION pglz");
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), source.login())
                    .environment("qa", EngineFixture.database("orders", source.url(), MethodChoice.JDBC));

            BackupResult backup = new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));

            assertThat(backup.manifest().notCarried()).isEmpty();
            String copy = TestServers.uniqueName();
            try {
                new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders").intoNew(copy));

                PostgresSnapshot original = PostgresSnapshot.of(source);
                PostgresSnapshot restored = PostgresSnapshot.of(copy, source);
                assertThat(restored.schema()).contains("fillfactor='70'", "toast.autovacuum_vacuum_cost_delay",
                        "SET STORAGE EXTERNAL", "SET COMPRESSION pglz", "SET STATISTICS 500", "n_distinct",
                        "CREATE UNLOGGED TABLE public.scratch", "CREATE UNLOGGED SEQUENCE public.counted_id_seq",
                        "OF public.person", "INCLUDE (b)", "CONSTRAINT below_ten")
                        .isEqualTo(original.schema());
                assertThat(restored.tables()).isEqualTo(original.tables());
            } finally {
                TestServers.dropPostgres(copy);
            }
        }
    }

    @Test
    public void shouldKeepTheIndexEachTableIsClusteredOn() {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            // AdventureWorks clusters every table on its primary key.
            source.execute("CREATE TABLE department (id int CONSTRAINT \"PK_Department_DepartmentID\" PRIMARY KEY,"
                            + " name text)",
                    "INSERT INTO department VALUES (2, 'b'), (1, 'a')",
                    "CREATE INDEX by_name ON department (name)",
                    "CLUSTER department USING \"PK_Department_DepartmentID\"",
                    "CREATE MATERIALIZED VIEW names AS SELECT id, name FROM department",
                    "CREATE INDEX names_by_name ON names (name)",
                    "ALTER MATERIALIZED VIEW names CLUSTER ON names_by_name");
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), source.login())
                    .environment("qa", EngineFixture.database("orders", source.url(), MethodChoice.JDBC));
            new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
            String copy = TestServers.uniqueName();
            try {
                new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders").intoNew(copy));
                PostgresSnapshot original = PostgresSnapshot.of(source);
                PostgresSnapshot restored = PostgresSnapshot.of(copy, source);
                assertThat(restored.schema()).contains(
                        "ALTER TABLE public.department CLUSTER ON \"PK_Department_DepartmentID\"",
                        "ALTER TABLE public.names CLUSTER ON names_by_name").isEqualTo(original.schema());
                assertThat(restored.tables()).isEqualTo(original.tables());
            } finally {
                TestServers.dropPostgres(copy);
            }
        }
    }

    private static List<Path> filesUnder(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
