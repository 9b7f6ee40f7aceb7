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
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * PostgreSQL objects a jdbc backup carries from PostgreSQL to PostgreSQL as the server defines them: the restored
 * database prints the same {@code pg_dump --schema-only} and holds the same rows.
 */
public class PostgresFidelityTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void shouldRestoreGeneratedColumnsAsGeneratedWithTheirExpressions() {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            source.execute("CREATE SCHEMA app",
                    // An awkward table: a generated column over two others, one NOT NULL, one over a text
                    // expression with a cast and a function, and a key that is not the first column.
                    "CREATE TABLE app.lines (label text NOT NULL, id int PRIMARY KEY, qty int NOT NULL,"
                            + " price numeric(10,2),"
                            + " total numeric GENERATED ALWAYS AS (qty * price) STORED,"
                            + " code text GENERATED ALWAYS AS (upper(label) || '-' || id::text) STORED NOT NULL,"
                            + " note text)",
                    "INSERT INTO app.lines (label, id, qty, price, note) SELECT 'item ' || g, g, g % 7,"
                            + " CASE WHEN g % 5 = 0 THEN NULL ELSE g * 1.25 END, repeat('x', g % 3)"
                            + " FROM generate_series(1, 500) g",
                    // Another table whose values are read with SELECT beside one read with binary COPY.
                    "CREATE TABLE plain (id int PRIMARY KEY, v text)",
                    "INSERT INTO plain VALUES (1, 'a'), (2, NULL)");
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), source.login())
                    .environment("qa", EngineFixture.database("orders", source.url(), MethodChoice.JDBC));

            BackupResult backup = new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));

            assertThat(backup.manifest().notCarried()).isEmpty();
            assertThat(backup.manifest().toolVersion()).as("a version 2 reader must refuse it").isEqualTo("format 3");
            String copy = TestServers.uniqueName();
            try {
                new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders").intoNew(copy));

                PostgresSnapshot restored = PostgresSnapshot.of(copy, source);
                PostgresSnapshot original = PostgresSnapshot.of(source);
                assertThat(restored.schema()).contains("GENERATED ALWAYS AS").isEqualTo(original.schema());
                assertThat(restored.tables()).isEqualTo(original.tables());
                // The restored column computes new rows itself.
                String url = TestServers.postgresUrl(copy);
                TestServers.execute(url, TestServers.PG_USER,
                        "INSERT INTO app.lines (label, id, qty, price) VALUES ('new', 1000, 3, 2.5)");
                assertThat(Queries.rows(url, TestServers.PG_USER, "SELECT total, code FROM app.lines WHERE id = 1000"))
                        .containsExactly("7.50", "NEW-1000");
            } finally {
                TestServers.dropPostgres(copy);
            }
        }
    }

    @Test
    public void shouldRestoreCompositeTypesInTheOrderTheyUseEachOther() {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            source.execute("CREATE SCHEMA app",
                    // Named so that alphabetical order would create the user before the type it uses.
                    "CREATE TYPE app.zpair AS (a int, b text COLLATE \"C\", n numeric(6,2))",
                    "CREATE TYPE app.box AS (p app.zpair, ps app.zpair[], tags text[])",
                    "CREATE TYPE app.nothing AS ()",
                    "COMMENT ON TYPE app.box IS 'a box, with ''quotes'''",
                    "CREATE TABLE app.things (id int PRIMARY KEY, p app.zpair, b app.box, ps app.zpair[])",
                    "INSERT INTO app.things VALUES (1, ROW(1, 'x, \"y\" (z)', 1.5), ROW(ROW(2, NULL, NULL),"
                            + " ARRAY[ROW(3, 'a', 0)::app.zpair, NULL], ARRAY['t,1', NULL]),"
                            + " ARRAY[ROW(4, '', -1)::app.zpair]),"
                            + " (2, NULL, NULL, NULL), (3, ROW(NULL, NULL, NULL), ROW(NULL, NULL, NULL), '{}')");
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), source.login())
                    .environment("qa", EngineFixture.database("orders", source.url(), MethodChoice.JDBC));

            BackupResult backup = new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));

            assertThat(backup.manifest().notCarried()).isEmpty();
            assertThat(backup.manifest().toolVersion()).isEqualTo("format 3");
            String copy = TestServers.uniqueName();
            try {
                new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders").intoNew(copy));

                PostgresSnapshot restored = PostgresSnapshot.of(copy, source);
                PostgresSnapshot original = PostgresSnapshot.of(source);
                assertThat(restored.schema()).contains("CREATE TYPE app.box AS").isEqualTo(original.schema());
                assertThat(restored.tables()).isEqualTo(original.tables());
            } finally {
                TestServers.dropPostgres(copy);
            }
        }
    }

    @Test
    public void shouldRefuseACompositeTypeOfATablesRowTypeBeforeWriting() {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            source.execute("CREATE TABLE items (id int PRIMARY KEY)", "CREATE TYPE wrapped AS (item items)",
                    "CREATE TYPE outer_wrap AS (w wrapped)", "CREATE TYPE fine AS (a int)");
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), source.login())
                    .environment("qa", EngineFixture.database("orders", source.url(), MethodChoice.JDBC));

            RunbookException refused = catchThrowableOfType(() -> new BackupOperation(fixture.context())
                    .run(new BackupRequest("qa", "orders", null)), RunbookException.class);

            assertThat(refused).isNotNull();
            assertThat(refused.kind()).isEqualTo(ErrorKind.NOT_CARRIED);
            assertThat(refused.getMessage()).contains("composite type public.wrapped",
                    "composite type public.outer_wrap").doesNotContain("public.fine");
        }
    }

    @Test
    public void shouldRefuseAnInheritingTableAndReadOnlyTheParentsOwnRowsOfAPartialBackup() {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            // The parent is read with SELECT (its generated column keeps it from COPY), which without ONLY would
            // return the child's rows too.
            source.execute("CREATE TABLE parent (id int, twice int GENERATED ALWAYS AS (id * 2) STORED)",
                    "CREATE TABLE child (extra text) INHERITS (parent)",
                    "INSERT INTO parent (id) VALUES (1)", "INSERT INTO child (id, extra) VALUES (2, 'c'), (3, 'd')");
            EngineFixture strict = new EngineFixture(tmp.getRoot().toPath(), source.login())
                    .environment("qa", EngineFixture.database("orders", source.url(), MethodChoice.JDBC));

            RunbookException refused = catchThrowableOfType(() -> new BackupOperation(strict.context())
                    .run(new BackupRequest("qa", "orders", null)), RunbookException.class);

            assertThat(refused).isNotNull();
            assertThat(refused.getMessage()).contains("inheriting table public.child");

            EngineFixture partial = new EngineFixture(tmp.getRoot().toPath(), source.login())
                    .environment("qa", new DatabaseTarget("orders", source.url(), MethodChoice.JDBC,
                            Map.of(Role.BACKUP, "backup", Role.RESTORE, "restore"), true));
            BackupResult backup = new BackupOperation(partial.context()).run(new BackupRequest("qa", "orders", null));
            assertThat(backup.manifest().notCarried()).containsExactly("inheriting table public.child");
            String copy = TestServers.uniqueName();
            try {
                new RestoreOperation(partial.context()).run(RestoreRequest.of("qa", "orders").intoNew(copy));
                assertThat(Queries.rows(TestServers.postgresUrl(copy), TestServers.PG_USER,
                        "SELECT id, twice FROM parent ORDER BY id")).containsExactly("1", "2");
            } finally {
                TestServers.dropPostgres(copy);
            }
        }
    }
}
