package io.jenkins.plugins.dbrunbooks.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.dbrunbooks.engine.config.ConfigPolicy.Finding;
import io.jenkins.plugins.dbrunbooks.engine.config.ConfigPolicy.Rule;
import io.jenkins.plugins.dbrunbooks.engine.config.ConfigPolicy.Severity;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class ConfigPolicyTest {
    private static final ConfigPolicy.LoginKey BY_ID = (environment, database, role) ->
            database.credentialId(role).orElse(null);

    private static DatabaseTarget database(String name, String backup, String deploy) {
        Map<Role, String> ids = new java.util.EnumMap<>(Role.class);
        if (backup != null) {
            ids.put(Role.BACKUP, backup);
        }
        if (deploy != null) {
            ids.put(Role.DEPLOY, deploy);
        }
        return new DatabaseTarget(name, "jdbc:h2:mem:" + name, null, ids);
    }

    private static Environment environment(String name, DatabaseTarget... databases) {
        return new Environment(name, false, "/backups", null, null, List.of(databases));
    }

    @Test
    public void shouldFindNothingInADisciplinedConfiguration() {
        RunbookConfig config = new RunbookConfig(List.of(
                environment("qa", database("orders", "qa-backup", "qa-deploy"), database("shop", "qa-backup", null)),
                environment("prod", database("orders", "prod-backup", "prod-deploy"))));
        assertThat(ConfigPolicy.check(config, BY_ID)).isEmpty();
    }

    @Test
    public void shouldRefuseABackupLoginThatIsTheDeployLogin() {
        RunbookConfig config = new RunbookConfig(List.of(environment("qa", database("orders", "app", "app"))));

        List<Finding> findings = ConfigPolicy.check(config, BY_ID);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(Rule.BACKUP_IS_DEPLOY);
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.subject()).isEqualTo("qa/orders");
            assertThat(f.message()).contains("'qa/orders'");
        });
        assertThatThrownBy(() -> ConfigPolicy.enforce(findings)).isInstanceOf(RunbookException.class)
                .hasMessageContaining("Database 'qa/orders' uses its deployment login as its backup login")
                .extracting(e -> ((RunbookException) e).kind()).isEqualTo(ErrorKind.CONFIGURATION);
    }

    @Test
    public void shouldWarnWhenOneBackupLoginServesSeveralEnvironments() {
        RunbookConfig config = new RunbookConfig(List.of(
                environment("qa", database("orders", "shared", "qa-deploy")),
                environment("prod", database("orders", "shared", "prod-deploy")),
                environment("dev", database("orders", "dev-backup", null))));

        List<Finding> findings = ConfigPolicy.check(config, BY_ID);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(Rule.SHARED_BACKUP_CREDENTIAL);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains("'shared'", "serves 2 environments (qa, prod)");
        });
        ConfigPolicy.enforce(findings);
    }

    @Test
    public void shouldListErrorsBeforeWarnings() {
        RunbookConfig config = new RunbookConfig(List.of(
                environment("qa", database("orders", "shared", null)),
                environment("prod", database("orders", "shared", "shared"))));

        assertThat(ConfigPolicy.check(config, BY_ID)).extracting(Finding::rule)
                .containsExactly(Rule.BACKUP_IS_DEPLOY, Rule.SHARED_BACKUP_CREDENTIAL);
    }

    @Test
    public void shouldAnswerSingleFieldChecksAsTheWholeCheckDoes() {
        assertThat(ConfigPolicy.backupIsNotDeploy("qa/orders", "app", "app")).isPresent();
        assertThat(ConfigPolicy.backupIsNotDeploy("qa/orders", "backup", "app")).isEmpty();
        assertThat(ConfigPolicy.backupIsNotDeploy("qa/orders", null, null)).isEmpty();
        assertThat(ConfigPolicy.backupServesOneEnvironment("b", List.of("qa", "qa"))).isEmpty();
        assertThat(ConfigPolicy.backupServesOneEnvironment("b", List.of("qa", "prod"))).isPresent();
    }

    @Test
    public void shouldApplyTheNameRules() {
        assertThat(ConfigPolicy.name("Environment", "qa-1")).isEmpty();
        assertThat(ConfigPolicy.name("Environment", "../etc")).hasValueSatisfying(f -> {
            assertThat(f.rule()).isEqualTo(Rule.NAME);
            assertThat(f.message()).contains("Environment '../etc' is not a valid name");
        });
    }
}
