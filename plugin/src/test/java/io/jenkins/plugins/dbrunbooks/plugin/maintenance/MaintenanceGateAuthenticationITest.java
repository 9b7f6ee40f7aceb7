package io.jenkins.plugins.dbrunbooks.plugin.maintenance;

import static io.jenkins.plugins.dbrunbooks.plugin.maintenance.MaintenanceUsers.MAINTAINER;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.CauseAction;
import hudson.model.Item;
import hudson.triggers.TimerTrigger;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.LockKind;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.MaintenanceWindow;
import io.jenkins.plugins.dbrunbooks.plugin.audit.AuditRecord;
import io.jenkins.plugins.dbrunbooks.plugin.audit.RunbookAction;
import io.jenkins.plugins.dbrunbooks.plugin.security.BuildAuthentication;
import io.jenkins.plugins.dbrunbooks.plugin.security.RunbookPermissions;
import io.jenkins.plugins.dbrunbooks.plugin.steps.RunbookFixture;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

/**
 * Maintenance of one environment and a runbook step in a build that no user started: the step goes on when the
 * build runs as a user who holds Maintain, and waits when it runs as the system.
 */
public class MaintenanceGateAuthenticationITest {
    private static final String REASON = "Dev database upgrade";

    @Rule
    public JenkinsRule j = new JenkinsRule();

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private long pollMillis;
    private WorkflowJob nightly;

    @Before
    public void setUp() throws Exception {
        new RunbookFixture(folder).setUp();
        MaintenanceUsers.setUp(j);
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.BUILD, BuildAuthentication.agentBuild(), RunbookPermissions.BACKUP,
                        RunbookPermissions.MAINTAIN).everywhere().to(MAINTAINER));
        pollMillis = MaintenanceGate.pollMillis;
        MaintenanceGate.pollMillis = 200;
        nightly = j.createProject(WorkflowJob.class, "nightly");
        nightly.setDefinition(new CpsFlowDefinition("node { backupDatabase environment: 'dev', database: 'shop' }",
                true));
    }

    @After
    public void restorePolling() {
        MaintenanceGate.pollMillis = pollMillis;
    }

    private WorkflowRun startByTimer() throws Exception {
        return nightly.scheduleBuild2(0, new CauseAction(new TimerTrigger.TimerTriggerCause())).waitForStart();
    }

    @Test
    public void shouldLetATimerBuildThatRunsAsAMaintainerGoOn() throws Exception {
        BuildAuthentication.install().runAs("nightly", MAINTAINER);
        MaintenanceManager.get().enable(REASON, List.of("dev"), null, LockKind.NONE, MAINTAINER);

        WorkflowRun run = j.assertBuildStatusSuccess(j.waitForCompletion(startByTimer()));

        j.assertLogNotContains("This step waits", run);
        assertThat(RunbookAction.of(run).getRecords()).extracting(AuditRecord::getOutcome).containsExactly("SUCCESS");
    }

    @Test
    public void shouldHoldTheStepOfATimerBuildThatRunsAsTheSystemUntilMaintenanceEnds() throws Exception {
        MaintenanceWindow window = MaintenanceManager.get().enable(REASON, List.of("dev"), null, LockKind.NONE,
                MAINTAINER);

        WorkflowRun run = startByTimer();
        j.waitForMessage("Database maintenance: " + REASON, run);
        assertThat(RunbookAction.of(run).getRecords()).isEmpty();
        MaintenanceManager.get().disable(window.id(), MAINTAINER);

        j.assertBuildStatusSuccess(j.waitForCompletion(run));
        j.assertLogContains("Maintenance of 'dev' has ended; the step goes on.", run);
        assertThat(RunbookAction.of(run).getRecords()).extracting(AuditRecord::getOutcome).containsExactly("SUCCESS");
    }
}
