package io.jenkins.plugins.dbrunbooks.plugin.status;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.dbrunbooks.plugin.config.RunbooksConfiguration;
import io.jenkins.plugins.dbrunbooks.plugin.security.RunbookPermissions;
import io.jenkins.plugins.dbrunbooks.plugin.steps.RunbookFixture;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

/** The status page and the monitor, from the controller's audit trail. */
public class BackupStatusPageITest {
    @Rule
    public JenkinsRule j = new JenkinsRule();

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Before
    public void configure() throws Exception {
        new RunbookFixture(folder).setUp();
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, RunbookPermissions.BACKUP).everywhere().to("operator")
                .grant(Jenkins.READ).everywhere().to("reader"));
    }

    private void run(String script) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition(script, true));
        j.buildAndAssertStatus(Result.SUCCESS, p);
    }

    @Test
    public void shouldShowEachDatabaseFromTheAuditTrailToThoseWithTheBackupPermission() throws Exception {
        RunbooksConfiguration.get().environment("dev").setMaxDrillAge("8d");
        run("node { backupDatabase environment: 'dev', database: 'shop'\n"
                + " drillDatabaseBackup environment: 'dev', database: 'shop' }");

        String page = j.createWebClient().login("operator").goTo("database-backup-status").asNormalizedText();
        assertThat(page).contains("dev").contains("shop").contains("passed").contains("ok").contains("never");
        String refused = j.createWebClient().login("reader").goTo("database-backup-status").asNormalizedText();
        assertThat(refused).contains("needs the Database Runbooks/Backup permission").doesNotContain("shop");
        assertThat(new TargetsMissedMonitor().isActivated()).as("prod has no target set").isFalse();

        RunbooksConfiguration.get().environment("prod").setMaxBackupAge("1h");
        assertThat(new TargetsMissedMonitor().getMissed()).extracting(s -> s.environment() + "/" + s.state().id())
                .containsExactly("prod/never");
    }
}
