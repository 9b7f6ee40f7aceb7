package io.jenkins.plugins.dbrunbooks.plugin.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.model.CNode;
import io.jenkins.plugins.dbrunbooks.engine.config.RunbookConfig;
import io.jenkins.plugins.dbrunbooks.engine.config.Timeouts;
import org.junit.Rule;
import org.junit.Test;

public class ConfigurationAsCodeITest {
    @Rule
    public JenkinsConfiguredWithCodeRule j = new JenkinsConfiguredWithCodeRule();

    @Test
    @ConfiguredWithCode("ConfigurationAsCodeITest/configuration-as-code.yml")
    public void shouldImportEnvironmentsAndDatabases() {
        RunbooksConfiguration config = RunbooksConfiguration.get();

        assertThat(config.getEnvironments()).extracting(EnvironmentConfig::getName).containsExactly("qa", "prod");
        EnvironmentConfig qa = config.environment("qa");
        assertThat(qa.getKeepLast()).isEqualTo(7);
        assertThat(qa.getKeepSafetyBackups()).isEqualTo(3);
        assertThat(config.environment("prod").getKeepSafetyBackups()).as("the default where none is set")
                .isEqualTo(2);
        assertThat(qa.recipientList()).hasSize(1);
        assertThat(qa.database("orders").getBackupCredentialsId()).isEqualTo("qa-orders-backup");
        assertThat(config.environment("prod").isProtectedEnvironment()).isTrue();
        RunbookConfig engine = config.toEngine();
        assertThat(engine.environment("prod").protectedEnvironment()).isTrue();
        assertThat(engine.environment("qa").database("orders").timeouts().connectSeconds()).isEqualTo(10);
        assertThat(engine.environment("prod").database("orders").timeouts())
                .isEqualTo(Timeouts.DEFAULT);
        assertThat(engine.environment("qa").retention().keepSafetyBackups()).isEqualTo(3);
        assertThat(engine.environment("prod").database("orders").allowPartial()).isTrue();
        assertThat(engine.environment("qa").database("orders").allowPartial()).isFalse();
        assertThat(engine.environment("prod").database("orders").fingerprints()).isFalse();
        assertThat(engine.environment("qa").database("orders").fingerprints()).as("on unless turned off").isTrue();
    }

    @Test
    @ConfiguredWithCode("ConfigurationAsCodeITest/configuration-as-code.yml")
    public void shouldExportWhatWasImported() throws Exception {
        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        CNode node = Util.getUnclassifiedRoot(context).get("databaseRunbooks");

        String exported = Util.toYamlString(node);

        assertThat(exported).contains("name: \"qa\"", "name: \"prod\"", "protectedEnvironment: true",
                "keepLast: 7", "maxAgeDays: 30", "keepSafetyBackups: 3",
                "connectTimeout: 10", "backupCredentialsId: \"qa-orders-backup\"",
                "restoreCredentialsId: \"qa-orders-restore\"", "url: \"jdbc:postgresql://db-qa:5432/orders\"",
                "ageRecipients: \"age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p\"",
                "allowPartial: true", "fingerprints: false");
        assertThat(exported).doesNotContain("backup-secret-qa", "restore-secret-qa");
    }

    @Test
    @ConfiguredWithCode("ConfigurationAsCodeITest/configuration-as-code.yml")
    public void shouldKeepTheConfigurationThroughTheWebForm() throws Exception {
        j.configRoundtrip();

        assertThat(RunbooksConfiguration.get().environment("qa").database("orders").getRestoreCredentialsId())
                .isEqualTo("qa-orders-restore");
        assertThat(RunbooksConfiguration.get().environment("qa").getMaxAgeDays()).isEqualTo(30);
        assertThat(RunbooksConfiguration.get().environment("qa").database("orders").getConnectTimeout())
                .isEqualTo(10);
        assertThat(RunbooksConfiguration.get().environment("qa").getKeepSafetyBackups()).isEqualTo(3);
        assertThat(RunbooksConfiguration.get().environment("prod").database("orders").isAllowPartial()).isTrue();
        assertThat(RunbooksConfiguration.get().environment("prod").database("orders").isFingerprints()).isFalse();
        assertThat(RunbooksConfiguration.get().environment("qa").database("orders").isFingerprints()).isTrue();
    }
}
