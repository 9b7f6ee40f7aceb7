package io.jenkins.plugins.dbrunbooks.plugin.maintenance;

import static io.jenkins.plugins.dbrunbooks.plugin.maintenance.MaintenanceUsers.DEVELOPER;
import static io.jenkins.plugins.dbrunbooks.plugin.maintenance.MaintenanceUsers.MAINTAINER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.Result;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.LockKind;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.MaintenanceWindow;
import io.jenkins.plugins.dbrunbooks.plugin.audit.AuditTrail;
import io.jenkins.plugins.dbrunbooks.plugin.steps.RunbookFixture;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.jvnet.hudson.test.JenkinsRule;

public class MaintenanceGateITest {
    @Rule
    public JenkinsRule j = new JenkinsRule();

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private long pollMillis;

    @Before
    public void setUp() throws Exception {
        new RunbookFixture(folder).setUp();
        MaintenanceUsers.setUp(j);
        pollMillis = MaintenanceGate.pollMillis;
        MaintenanceGate.pollMillis = 200;
    }

    @After
    public void restorePolling() {
        MaintenanceGate.pollMillis = pollMillis;
    }

    private WorkflowRun start(String name, String environment) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition("node { backupDatabase environment: '" + environment
                + "', database: 'shop' }", true));
        return p.scheduleBuild2(0, new CauseAction(new Cause.UserIdCause(DEVELOPER))).waitForStart();
    }

    @Test
    public void shouldHoldOnlyStepsAimedAtTheEnvironmentInMaintenance() throws Exception {
        MaintenanceWindow window = MaintenanceManager.get().enable("Dev database upgrade", List.of("dev"), null,
                LockKind.NONE, MAINTAINER);

        WorkflowRun dev = start("dev-backup", "dev");
        j.waitForMessage("Database maintenance: Dev database upgrade, by " + MAINTAINER, dev);
        j.assertBuildStatusSuccess(j.waitForCompletion(start("prod-backup", "prod")));
        Thread.sleep(1000);
        assertThat(dev.isBuilding()).isTrue();

        MaintenanceManager.get().disable(window.id(), MAINTAINER);
        j.assertBuildStatusSuccess(j.waitForCompletion(dev));
        j.assertLogContains("Maintenance of 'dev' has ended; the step goes on.", dev);
        j.assertLogContains("Stored backup", dev);
    }

    @Test
    public void shouldStopWaitingWhenTheBuildIsAborted() throws Exception {
        MaintenanceManager.get().enable("Dev database upgrade", List.of("dev"), null, LockKind.NONE, MAINTAINER);
        WorkflowRun dev = start("dev-backup", "dev");
        j.waitForMessage("Database maintenance: Dev database upgrade", dev);

        dev.getOneOffExecutor().interrupt();

        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(dev));
        j.assertLogNotContains("Stored backup", dev);
    }

    @Test
    public void shouldRefuseADatabaseLockTheServerCannotTakeAndChangeNothing() {
        assertThatThrownBy(() -> MaintenanceManager.get().enable("Dev upgrade", List.of("dev"), null,
                LockKind.READ_ONLY, MAINTAINER)).isInstanceOf(AbortException.class)
                .hasMessageContaining("Database 'dev/shop' could not be locked for maintenance")
                .hasMessageContaining("H2 has no database lock");
        assertThat(MaintenanceManager.get().state().windows()).isEmpty();
        assertThat(AuditTrail.get().recentOperations(10)).isEmpty();
    }
}
