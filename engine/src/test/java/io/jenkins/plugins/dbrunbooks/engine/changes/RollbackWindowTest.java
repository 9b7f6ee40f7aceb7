package io.jenkins.plugins.dbrunbooks.engine.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.dialect.DatabaseLocks;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.DatabaseLock;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.LockKind;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.LockRecord;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The rollback window of maintenance: open while the read-only lock keeps every write out, closing after. */
public class RollbackWindowTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void shouldStayOpenWhileTheReadOnlyLockIsOnAndCloseOnceWritesCome() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            db.execute("CREATE TABLE public.orders (id INT PRIMARY KEY)",
                    "INSERT INTO public.orders SELECT generate_series(1, 10)");
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), db.login())
                    .environment("prod", EngineFixture.database("orders", db.url()));
            assertThat(RollbackWindow.describe(fixture.context(), "prod", "orders"))
                    .startsWith("prod/orders: rollback window unknown: 'prod/orders' has no backup");

            DatabaseLock lock = DatabaseLocks.forUrl(db.url(), db.login());
            LockRecord locked = lock.apply(LockKind.READ_ONLY);
            String backup;
            try {
                backup = new BackupOperation(fixture.context()).run(new BackupRequest("prod", "orders", null)).id();
                assertThatThrownBy(() -> db.execute("INSERT INTO public.orders VALUES (11)"))
                        .hasMessageContaining("read-only");

                assertThat(RollbackWindow.describe(fixture.context(), "prod", "orders"))
                        .startsWith("prod/orders: rollback window open: no writes since backup " + backup);
            } finally {
                lock.revert(locked);
            }

            db.execute("INSERT INTO public.orders VALUES (11)", "SELECT pg_catalog.pg_stat_force_next_flush()");
            assertThat(RollbackWindow.describe(fixture.context(), "prod", "orders"))
                    .startsWith("prod/orders: rollback window closing: 1 row written in 1 table in the ")
                    .endsWith(" since backup " + backup + " (exact)");
        }
    }
}
