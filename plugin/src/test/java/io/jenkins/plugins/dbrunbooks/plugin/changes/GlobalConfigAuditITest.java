package io.jenkins.plugins.dbrunbooks.plugin.changes;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditChain;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEntry;
import io.jenkins.plugins.dbrunbooks.engine.audit.change.ConfigChange;
import io.jenkins.plugins.dbrunbooks.engine.audit.change.FieldChange;
import io.jenkins.plugins.dbrunbooks.plugin.audit.AuditTrail;
import io.jenkins.plugins.dbrunbooks.plugin.config.RunbooksConfiguration;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

public class GlobalConfigAuditITest {
    @Rule
    public JenkinsConfiguredWithCodeRule j = new JenkinsConfiguredWithCodeRule();

    @Test
    @ConfiguredWithCode("GlobalConfigAuditITest/configuration-as-code.yml")
    public void shouldRecordOneEventForConfigurationAsCodeWithEveryField() throws Exception {
        List<AuditEntry> changes = ChangeEvents.all();

        assertThat(changes).hasSize(1);
        AuditEntry entry = changes.get(0);
        ConfigChange change = entry.event().change();
        assertThat(change.action()).isEqualTo(ConfigChange.Action.CONFIGURED);
        assertThat(change.job()).isNull();
        assertThat(change.environments()).containsExactly("prod", "qa");
        // Jenkins applies Configuration as Code at startup as SYSTEM; the test rule applies it before the test
        // thread impersonates SYSTEM, so there it is anonymous. Either way it is not a user.
        assertThat(entry.event().actor()).isIn("SYSTEM", "anonymous");
        assertThat(change.fields()).contains(
                new FieldChange("environments[qa].keepLast", null, "7"),
                new FieldChange("environments[qa].databases[orders].backupCredentialsId", null, "qa-orders-backup"),
                new FieldChange("environments[qa].databases[orders].url", null,
                        "jdbc:postgresql://db-qa:5432/orders"),
                new FieldChange("environments[prod].protectedEnvironment", null, "true"));
        assertThat(ChangeEvents.auditFile()).doesNotContain("backup-secret-qa", "restore-secret-qa");
        assertThat(RunbooksConfiguration.get().getEnvironments()).hasSize(2);
    }

    @Test
    @ConfiguredWithCode("GlobalConfigAuditITest/configuration-as-code.yml")
    public void shouldRecordOneEventPerFormSaveAsTheUserWithOldAndNewValues() throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("alice"));
        int before = ChangeEvents.all().size();
        HtmlForm form = j.createWebClient().login("alice").goTo("configure").getFormByName("config");
        HtmlInput keepLast = form.getInputsByName("_.keepLast").get(0);
        keepLast.setValue("14");

        j.submit(form);

        List<AuditEntry> changes = ChangeEvents.all();
        assertThat(changes).hasSize(before + 1);
        AuditEntry entry = changes.get(changes.size() - 1);
        assertThat(entry.event().actor()).isEqualTo("alice");
        assertThat(entry.event().change().fields())
                .containsExactly(new FieldChange("environments[qa].keepLast", "7", "14"));
        assertThat(entry.event().environment()).isEqualTo("qa");
        assertThat(AuditChain.verify(AuditTrail.get().file().toPath()).intact()).isTrue();
    }

    @Test
    @ConfiguredWithCode("GlobalConfigAuditITest/configuration-as-code.yml")
    public void shouldRecordNothingForASaveThatChangesNothing() throws Exception {
        int before = ChangeEvents.all().size();

        j.configRoundtrip();
        RunbooksConfiguration.get().save();

        assertThat(ChangeEvents.all()).hasSize(before);
    }
}
