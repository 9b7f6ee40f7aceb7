package io.jenkins.plugins.dbrunbooks.plugin.audit;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent.Outcome;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditChain;
import io.jenkins.plugins.dbrunbooks.engine.audit.change.ConfigChange;
import io.jenkins.plugins.dbrunbooks.plugin.security.RunbookPermissions;
import java.time.Instant;
import java.util.List;
import jenkins.model.Jenkins;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

public class AuditManagementLinkITest {
    @Rule
    public JenkinsRule j = new JenkinsRule();

    private static AuditEvent event(String operation) {
        return new AuditEvent(Instant.now(), "alice", "p#1", operation, "qa", "orders", null, null, Outcome.SUCCESS,
                1, 0, null);
    }

    @Test
    public void shouldShowEachViewerTheEventsTheirPermissionsCover() throws Exception {
        AuditTrail.get().recordAll(List.of(event("backup"), event("restore"), event("maintenance-enable")));
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, RunbookPermissions.BACKUP).everywhere().to("backupper")
                .grant(Jenkins.ADMINISTER).everywhere().to("admin"));
        AuditManagementLink link = j.jenkins.getExtensionList(AuditManagementLink.class).get(0);

        try (ACLContext ignored = ACL.as(User.getById("backupper", true))) {
            assertThat(link.getRecords()).extracting(AuditRecord::getOperation).containsExactly("backup");
        }
        try (ACLContext ignored = ACL.as(User.getById("admin", true))) {
            assertThat(link.getRecords()).extracting(AuditRecord::getOperation)
                    .containsExactly("maintenance-enable", "restore", "backup");
        }
        assertThat(AuditChain.verify(AuditTrail.get().file().toPath()).intact()).isTrue();
        j.createWebClient().login("admin").goTo("manage/database-runbook-audit/");
    }

    @Test
    public void shouldFilterByKindEnvironmentJobAndUserAndServeJsonAndEventPages() throws Exception {
        FreeStyleProject job = j.createFreeStyleProject("restore-prod");
        String change = AuditTrail.get().append(AuditEvent.of(Instant.now(), "bob", ConfigChange.job(
                ConfigChange.Action.UPDATED, "restore-prod", null, List.of("prod"), "--- a\n+++ b\n", null)));
        AuditTrail.get().append(new AuditEvent(Instant.now(), "alice", "restore-prod#1", "restore", "prod", "orders",
                null, null, Outcome.SUCCESS, 1, 0, null));
        AuditTrail.get().append(event("backup"));
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, RunbookPermissions.RESTORE, RunbookPermissions.BACKUP).everywhere().to("restorer")
                .grant(Jenkins.READ).onRoot().to("editor")
                .grant(Item.READ, Item.CONFIGURE).onItems(job).to("editor")
                .grant(Jenkins.ADMINISTER).everywhere().to("admin"));
        AuditManagementLink link = j.jenkins.getExtensionList(AuditManagementLink.class).get(0);

        try (ACLContext ignored = ACL.as(User.getById("admin", true))) {
            assertThat(link.records("prod", null, null, "change")).extracting(AuditRecord::getHash)
                    .containsExactly(change);
            assertThat(link.records(null, "restore-prod", null, null)).extracting(AuditRecord::getKind)
                    .containsExactly("run", "change");
            assertThat(link.records(null, null, "alice", "run")).extracting(AuditRecord::getOperation)
                    .containsExactly("restore");
            assertThat(link.runbookJobs("prod")).singleElement().satisfies(row -> {
                assertThat(row.getJob()).isEqualTo("restore-prod");
                assertThat(row.getOperations()).containsExactly("restore prod");
                assertThat(row.getLastChange().getActor()).isEqualTo("bob");
            });
            assertThat(link.getEvent(change)).isNotNull();
        }
        try (ACLContext ignored = ACL.as(User.getById("restorer", true))) {
            assertThat(link.records(null, null, null, "change")).isEmpty();
            assertThat(link.getEvent(change)).isNull();
        }
        try (ACLContext ignored = ACL.as(User.getById("editor", true))) {
            assertThat(link.records(null, null, null, "change")).extracting(AuditRecord::getHash)
                    .containsExactly(change);
        }
        String json = j.createWebClient().login("admin")
                .goTo("manage/database-runbook-audit/events?kind=change&environment=prod", "application/json")
                .getWebResponse().getContentAsString();
        assertThat(json).contains("\"hash\":\"" + change + "\"", "\"kind\":\"change\"", "\"action\":\"updated\"")
                .doesNotContain("\"operation\":\"restore\"");
        j.createWebClient().login("admin").goTo("manage/database-runbook-audit/event/" + change);
        j.createWebClient().login("admin").goTo("manage/database-runbook-audit/?environment=prod");
    }
}
