package io.jenkins.plugins.dbrunbooks.plugin.audit;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent.Outcome;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditChain;
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
}
