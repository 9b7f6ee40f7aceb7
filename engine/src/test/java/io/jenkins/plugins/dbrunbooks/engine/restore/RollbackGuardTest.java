package io.jenkins.plugins.dbrunbooks.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.config.Retention;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Restoring a backup over the database it came from reports what is thrown away; in a protected environment a
 * rollback that loses writes needs the loss accepted by naming the backup.
 */
public class RollbackGuardTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static final String FLUSH = "SELECT pg_catalog.pg_stat_force_next_flush()";

    private static long rows(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM public.orders")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private EngineFixture protectedFixture(TestDatabase db) {
        return new EngineFixture(tmp.getRoot().toPath(), db.login()).environment("prod", true, List.of(),
                Retention.KEEP_ALL, EngineFixture.database("orders", db.url()));
    }

    @Test
    public void shouldRefuseAProtectedRollbackThatLosesWritesUntilTheLossIsAccepted() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            db.execute("CREATE TABLE public.orders (id INT PRIMARY KEY)",
                    "INSERT INTO public.orders SELECT generate_series(1, 10)");
            EngineFixture fixture = protectedFixture(db);
            String backup = new BackupOperation(fixture.context()).run(new BackupRequest("prod", "orders", null)).id();
            db.execute("INSERT INTO public.orders SELECT generate_series(11, 14)", FLUSH);
            RestoreRequest rollback = RestoreRequest.of("prod", "orders").withBackup(backup).confirmedFor("prod");

            assertThatThrownBy(() -> new RestoreOperation(fixture.context()).run(rollback))
                    .isInstanceOfSatisfying(RunbookException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.CONFIRMATION_REQUIRED);
                        assertThat(e.getMessage()).contains("would throw away what was written since it")
                                .contains("4 rows written in 1 table").contains("Nothing was touched");
                        assertThat(e.hint()).contains("Rolling forward keeps that data")
                                .contains("--accept-loss " + backup);
                    });
            assertThat(rows(db)).as("nothing was touched").isEqualTo(14);
            assertThat(fixture.events).last().satisfies(event -> {
                assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.REFUSED);
                assertThat(event.message()).contains("4 rows written");
            });
            assertThatThrownBy(() -> new RestoreOperation(fixture.context())
                    .run(rollback.acceptingLoss("20260101T000000000Z-0000")))
                    .as("accepting the loss of another backup accepts nothing")
                    .isInstanceOf(RunbookException.class);

            RestoreResult result = new RestoreOperation(fixture.context()).run(rollback.acceptingLoss(backup));

            assertThat(rows(db)).isEqualTo(10);
            assertThat(result.rollback().rowsWritten()).isEqualTo(4);
            assertThat(fixture.listener.all()).contains("throws away what was written since it")
                    .contains("public.orders: inserted 4, updated 0, deleted 0");
            assertThat(fixture.events).filteredOn(e -> e.operation().equals("restore-started")).last()
                    .satisfies(e -> assertThat(e.message()).contains("rollback: 4 rows written")
                            .contains("loss accepted"));
            assertThat(fixture.events).last().satisfies(e -> {
                assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS);
                assertThat(e.message()).contains("rollback: 4 rows written in 1 table");
            });
        }
    }

    @Test
    public void shouldRollBackAProtectedDatabaseWithoutAcceptanceWhenNothingWasWritten() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            db.execute("CREATE TABLE public.orders (id INT PRIMARY KEY)",
                    "INSERT INTO public.orders SELECT generate_series(1, 10)");
            EngineFixture fixture = protectedFixture(db);
            String backup = new BackupOperation(fixture.context()).run(new BackupRequest("prod", "orders", null)).id();

            RestoreResult result = new RestoreOperation(fixture.context())
                    .run(RestoreRequest.of("prod", "orders").withBackup(backup).confirmedFor("prod"));

            assertThat(result.rollback().nothingWritten()).isTrue();
            assertThat(fixture.listener.all()).contains("No writes in the ");
        }
    }

    @Test
    public void shouldNotMeasureARestoreIntoANewDatabase() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            db.execute("CREATE TABLE public.orders (id INT PRIMARY KEY)",
                    "INSERT INTO public.orders SELECT generate_series(1, 10)");
            EngineFixture fixture = protectedFixture(db);
            new BackupOperation(fixture.context()).run(new BackupRequest("prod", "orders", null));
            db.execute("INSERT INTO public.orders VALUES (11)", FLUSH);
            String copy = db.name() + "_copy";
            try {
                RestoreResult result = new RestoreOperation(fixture.context())
                        .run(RestoreRequest.of("prod", "orders").intoNew(copy).confirmedFor("prod"));
                assertThat(result.rollback()).isNull();
            } finally {
                TestServers.dropPostgres(copy);
            }
        }
    }
}
