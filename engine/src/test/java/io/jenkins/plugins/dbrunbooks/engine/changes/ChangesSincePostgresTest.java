package io.jenkins.plugins.dbrunbooks.engine.changes;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.artifact.ServerPosition;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.changes.ChangesSince.TableChanges;
import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * What was written to a PostgreSQL database since a backup, counted per table from the cumulative statistics.
 * Writers end with {@code pg_stat_force_next_flush()}, so their counts are published when their statement returns,
 * as a session that keeps working publishes them within a second.
 */
public class ChangesSincePostgresTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static final String FLUSH = "SELECT pg_catalog.pg_stat_force_next_flush()";

    private static void sampleTables(TestDatabase db) {
        db.execute("CREATE TABLE public.orders (id INT PRIMARY KEY, note TEXT)",
                "CREATE TABLE public.lines (id INT PRIMARY KEY, qty INT)",
                "CREATE TABLE public.quiet (id INT PRIMARY KEY)",
                "INSERT INTO public.orders SELECT g, 'o' || g FROM generate_series(1, 10) g",
                "INSERT INTO public.lines SELECT g, g FROM generate_series(1, 10) g",
                "INSERT INTO public.quiet SELECT g FROM generate_series(1, 10) g", FLUSH);
    }

    private static Map<String, TableChanges> byTable(ChangesSince changes) {
        return changes.tables().stream().collect(Collectors.toMap(TableChanges::table, Function.identity()));
    }

    @Test
    public void shouldCountEachTablesWritesExactlyAfterANativeOrJdbcBackup() throws Exception {
        for (MethodChoice method : new MethodChoice[] {MethodChoice.NATIVE, MethodChoice.JDBC}) {
            try (TestDatabase db = TestServers.newPostgresDatabase()) {
                sampleTables(db);
                EngineFixture fixture = new EngineFixture(tmp.newFolder().toPath(), db.login())
                        .environment("qa", EngineFixture.database("orders", db.url(), method));
                Manifest backup = new BackupOperation(fixture.context())
                        .run(new BackupRequest("qa", "orders", null)).manifest();
                assertThat(backup.position().moment()).as(method.name()).isEqualTo(ServerPosition.MOMENT_SNAPSHOT);
                assertThat(backup.position().log()).isEqualTo("wal");
                assertThat(backup.position().tables()).containsKeys("public.orders", "public.lines", "public.quiet");

                db.execute("INSERT INTO public.orders SELECT g, 'new' FROM generate_series(11, 15) g",
                        "UPDATE public.lines SET qty = 0 WHERE id <= 3", "DELETE FROM public.lines WHERE id > 8",
                        FLUSH);

                ChangesSince changes = new ChangesSinceOperation(fixture.context())
                        .run(new ChangesSinceRequest("qa", "orders", "latest"));

                assertThat(changes.certainty()).as(method.name()).isEqualTo(ChangesSince.EXACT);
                assertThat(changes.backupId()).isEqualTo(backup.id());
                assertThat(changes.inserted()).isEqualTo(5);
                assertThat(changes.updated()).isEqualTo(3);
                assertThat(changes.deleted()).isEqualTo(2);
                assertThat(changes.rowsWritten()).isEqualTo(10);
                assertThat(changes.logBytes()).isPositive();
                assertThat(changes.commits()).isPositive();
                Map<String, TableChanges> tables = byTable(changes);
                assertThat(tables).containsOnlyKeys("public.orders", "public.lines");
                assertThat(tables.get("public.orders")).isEqualTo(
                        new TableChanges("public.orders", 5L, 0L, 0L, 5, null));
                assertThat(tables.get("public.lines")).isEqualTo(
                        new TableChanges("public.lines", 0L, 3L, 2L, 5, null));
                assertThat(changes.nothingWritten()).isFalse();
                assertThat(changes.summary()).startsWith("10 rows written in 2 tables").endsWith("(exact)");
            }
        }
    }

    @Test
    public void shouldNotCountAnotherDatabasesWrites() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase(); TestDatabase other = TestServers.newPostgresDatabase()) {
            sampleTables(db);
            sampleTables(other);
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), db.login())
                    .environment("qa", EngineFixture.database("orders", db.url()));
            new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));

            other.execute("INSERT INTO public.orders SELECT g, 'x' FROM generate_series(100, 199) g",
                    "DELETE FROM public.lines", FLUSH);

            ChangesSince changes = new ChangesSinceOperation(fixture.context())
                    .run(new ChangesSinceRequest("qa", "orders", null));
            assertThat(changes.certainty()).isEqualTo(ChangesSince.EXACT);
            assertThat(changes.rowsWritten()).isZero();
            assertThat(changes.tables()).isEmpty();
            assertThat(changes.nothingWritten()).isTrue();
            assertThat(changes.summary()).startsWith("No writes in the ");
            // The WAL is the server's: the other database's writes are in it.
            assertThat(changes.logBytes()).isPositive();
        }
    }

    @Test
    public void shouldNameTablesCreatedAndDroppedSinceTheBackup() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            sampleTables(db);
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), db.login())
                    .environment("qa", EngineFixture.database("orders", db.url()));
            new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));

            db.execute("DROP TABLE public.quiet", "CREATE TABLE public.fresh (id INT)",
                    "INSERT INTO public.fresh VALUES (1), (2)", FLUSH);

            Map<String, TableChanges> tables = byTable(new ChangesSinceOperation(fixture.context())
                    .run(new ChangesSinceRequest("qa", "orders", null)));
            assertThat(tables.get("public.fresh")).isEqualTo(
                    new TableChanges("public.fresh", 2L, 0L, 0L, 2, "created since the backup"));
            assertThat(tables.get("public.quiet").note()).isEqualTo("dropped since the backup");
        }
    }

    @Test
    public void shouldSayUnknownAfterTheStatisticsWereReset() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            sampleTables(db);
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), db.login())
                    .environment("qa", EngineFixture.database("orders", db.url()));
            new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
            db.execute("INSERT INTO public.orders VALUES (99, 'lost')", FLUSH, "SELECT pg_catalog.pg_stat_reset()");

            ChangesSince changes = new ChangesSinceOperation(fixture.context())
                    .run(new ChangesSinceRequest("qa", "orders", null));

            assertThat(changes.certainty()).startsWith("unknown: statistics were reset at ");
            assertThat(changes.measured()).isFalse();
            assertThat(changes.nothingWritten()).isFalse();
            assertThat(changes.rowsWritten()).isNull();
            assertThat(changes.summary()).contains("unknown: statistics were reset at");
        }
    }
}
