package io.jenkins.plugins.dbrunbooks.engine.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.dbrunbooks.engine.config.DatabaseTarget;
import io.jenkins.plugins.dbrunbooks.engine.config.Environment;
import io.jenkins.plugins.dbrunbooks.engine.config.Role;
import io.jenkins.plugins.dbrunbooks.engine.credentials.CredentialResolver;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class LoginsTest {
    private static final DatabaseTarget WITH_BACKUP = new DatabaseTarget("orders", "jdbc:h2:mem:orders", null,
            Map.of(Role.BACKUP, "b", Role.RESTORE, "r"));
    private static final DatabaseTarget WITHOUT_BACKUP = new DatabaseTarget("orders", "jdbc:h2:mem:orders", null,
            Map.of(Role.RESTORE, "r"));

    @Test
    public void shouldBackUpAsTheBackupLoginOnly() {
        assertThat(Logins.backup()).containsExactly(Role.BACKUP);
    }

    @Test
    public void shouldAddTheBackupLoginOnlyForASafetyBackupOfAReplacedDatabase() {
        assertThat(Logins.restore(WITH_BACKUP, false, true)).containsExactlyInAnyOrder(Role.RESTORE, Role.BACKUP);
        assertThat(Logins.restore(WITH_BACKUP, true, true)).containsExactly(Role.RESTORE);
        assertThat(Logins.restore(WITH_BACKUP, false, false)).containsExactly(Role.RESTORE);
        assertThat(Logins.restore(WITHOUT_BACKUP, false, true)).containsExactly(Role.RESTORE);
    }

    @Test
    public void shouldReadALiveCopysSourceAsItsBackupLoginAndWriteTheCopyAsTheRestoreLogin() {
        assertThat(Logins.liveCopy(true, false)).containsExactly(Role.BACKUP);
        assertThat(Logins.liveCopy(false, true)).containsExactly(Role.RESTORE);
        assertThat(Logins.liveCopy(true, true)).containsExactlyInAnyOrder(Role.BACKUP, Role.RESTORE);
        assertThat(Logins.liveCopy(false, false)).isEmpty();
    }

    @Test
    public void shouldNeverUseTheDeployLoginForRunbookWork() {
        assertThat(Logins.scratchCopy()).isEqualTo(Role.RESTORE);
        assertThat(Logins.databaseLock()).isEqualTo(Role.RESTORE);
        assertThat(Logins.readBackups()).isEmpty();
    }

    @Test
    public void shouldHandOutOnlyTheLoginsTheRuleGives() {
        Environment qa = new Environment("qa", false, "/backups", null, null, List.of(WITH_BACKUP));
        CredentialResolver all = (environment, database, role) -> DbCredential.of(role.id() + "-user", null);
        CredentialResolver forBackup = Logins.limitedTo(all, (environment, database) -> Logins.backup());

        assertThat(forBackup.resolve(qa, WITH_BACKUP, Role.BACKUP).userName()).contains("backup-user");
        assertThatThrownBy(() -> forBackup.resolve(qa, WITH_BACKUP, Role.RESTORE))
                .isInstanceOf(RunbookException.class)
                .hasMessageContaining("does not use the restore login of 'qa/orders'")
                .extracting(e -> ((RunbookException) e).kind()).isEqualTo(ErrorKind.CREDENTIALS);
    }

    @Test
    public void shouldLeaveAMissingCredentialToTheResolverThatNamesIt() {
        Environment qa = new Environment("qa", false, "/backups", null, null, List.of(WITHOUT_BACKUP));
        CredentialResolver none = (environment, database, role) -> {
            throw new RunbookException(ErrorKind.CREDENTIALS, "Database 'qa/orders' has no credential for role '"
                    + role.id() + "'");
        };
        assertThatThrownBy(() -> Logins.limitedTo(none, (environment, database) -> Logins.readBackups())
                .resolve(qa, WITHOUT_BACKUP, Role.BACKUP)).hasMessageContaining("has no credential for role 'backup'");
    }

    @Test
    public void shouldGiveATargetsLoginsToThatDatabaseOnlyNotToOneOfTheSameNameElsewhere() {
        Environment qa = new Environment("qa", false, "/backups", null, null, List.of(WITH_BACKUP));
        Environment prod = new Environment("prod", true, "/backups", null, null, List.of(WITH_BACKUP));
        CredentialResolver all = (environment, database, role) -> DbCredential.of(role.id() + "-user", null);
        CredentialResolver forQa = Logins.limitedTo(all, Logins.only("qa", "orders",
                database -> Logins.restore(database, true, false)));

        assertThat(forQa.resolve(qa, WITH_BACKUP, Role.RESTORE).userName()).contains("restore-user");
        assertThatThrownBy(() -> forQa.resolve(prod, WITH_BACKUP, Role.RESTORE))
                .hasMessageContaining("does not use the restore login of 'prod/orders'");
        assertThatThrownBy(() -> forQa.resolve(qa, WITH_BACKUP, Role.BACKUP))
                .hasMessageContaining("does not use the backup login of 'qa/orders'");
    }

    @Test
    public void shouldMatchALiveCopysSourceAndTargetByEnvironmentAndName() {
        Environment qa = new Environment("qa", false, "/backups", null, null, List.of(WITH_BACKUP));
        Environment prod = new Environment("prod", true, "/backups", null, null, List.of(WITH_BACKUP));
        Logins.Rule prodToQa = Logins.liveCopy("prod", "orders", "qa", "orders");

        assertThat(prodToQa.allows(prod, WITH_BACKUP)).containsExactly(Role.BACKUP);
        assertThat(prodToQa.allows(qa, WITH_BACKUP)).containsExactly(Role.RESTORE);
        assertThat(Logins.liveCopy("qa", "orders", "qa", "orders").allows(qa, WITH_BACKUP))
                .containsExactlyInAnyOrder(Role.BACKUP, Role.RESTORE);
    }
}
