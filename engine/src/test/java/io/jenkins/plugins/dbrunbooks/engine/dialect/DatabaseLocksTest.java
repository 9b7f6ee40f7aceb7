package io.jenkins.plugins.dbrunbooks.engine.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.DatabaseLock;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.LockKind;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.LockRecord;
import org.junit.Test;

public class DatabaseLocksTest {
    private static final DbCredential LOGIN = DbCredential.of("restorer", "s3cret-pw");

    private static ErrorKind kindOf(Throwable e) {
        return ((RunbookException) e).kind();
    }

    @Test
    public void shouldChooseTheLockByUrl() {
        assertThat(DatabaseLocks.forUrl("jdbc:postgresql://db:5432/orders", LOGIN).engine()).isEqualTo("postgresql");
        assertThat(DatabaseLocks.forUrl("jdbc:mariadb://db:3306/orders", LOGIN).engine()).isEqualTo("mariadb");
        assertThat(DatabaseLocks.forUrl("jdbc:mysql://db:3306/orders", LOGIN).engine()).isEqualTo("mariadb");
    }

    @Test
    public void shouldHaveALockForEveryEngineInTheList() {
        assertThat(DatabaseLocks.engines()).containsExactly("postgresql", "mariadb");
    }

    @Test
    public void shouldRefuseH2() {
        assertThatThrownBy(() -> DatabaseLocks.forUrl("jdbc:h2:mem:orders", LOGIN))
                .isInstanceOf(RunbookException.class).hasMessage("H2 has no database lock")
                .extracting(DatabaseLocksTest::kindOf).isEqualTo(ErrorKind.CONFIGURATION);
    }

    @Test
    public void shouldRefuseUnknownUrlsWithoutShowingAPassword() {
        assertThatThrownBy(() -> DatabaseLocks.forUrl("jdbc:sqlserver://db;password=hunter2", LOGIN))
                .isInstanceOf(RunbookException.class).hasMessageNotContaining("hunter2")
                .extracting(DatabaseLocksTest::kindOf).isEqualTo(ErrorKind.CONFIGURATION);
        assertThatThrownBy(() -> DatabaseLocks.forUrl(null, LOGIN)).isInstanceOf(RunbookException.class);
    }

    @Test
    public void shouldSayWhichKindsEachEngineSupports() {
        DatabaseLock postgres = DatabaseLocks.forUrl("jdbc:postgresql://db/orders", LOGIN);
        DatabaseLock mariaDb = DatabaseLocks.forUrl("jdbc:mariadb://db/orders", LOGIN);
        for (LockKind kind : LockKind.values()) {
            assertThat(postgres.supports(kind)).as("PostgreSQL %s", kind).isTrue();
        }
        assertThat(mariaDb.supports(LockKind.NONE)).isTrue();
        assertThat(mariaDb.supports(LockKind.READ_ONLY)).isTrue();
        assertThat(mariaDb.supports(LockKind.NO_CONNECTIONS)).isFalse();
    }

    @Test
    public void shouldRefuseNoConnectionsOnMariaDbBeforeConnecting() {
        assertThatThrownBy(() -> DatabaseLocks.forUrl("jdbc:mariadb://no-such-host.invalid/orders", LOGIN)
                .apply(LockKind.NO_CONNECTIONS))
                .isInstanceOf(RunbookException.class).hasMessageContaining("'orders'")
                .extracting(DatabaseLocksTest::kindOf).isEqualTo(ErrorKind.CONFIGURATION);
    }

    @Test
    public void shouldApplyAndRevertNoLockWithoutConnecting() {
        DatabaseLock lock = DatabaseLocks.forUrl("jdbc:postgresql://no-such-host.invalid/orders", LOGIN);
        LockRecord record = lock.apply(LockKind.NONE);
        assertThat(record.kind()).isEqualTo(LockKind.NONE);
        lock.revert(record);
        DatabaseLocks.revert(record, LOGIN);
    }
}
