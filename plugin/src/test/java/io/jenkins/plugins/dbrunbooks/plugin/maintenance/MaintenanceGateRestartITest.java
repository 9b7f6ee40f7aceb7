package io.jenkins.plugins.dbrunbooks.plugin.maintenance;

import static io.jenkins.plugins.dbrunbooks.plugin.maintenance.MaintenanceUsers.DEVELOPER;
import static io.jenkins.plugins.dbrunbooks.plugin.maintenance.MaintenanceUsers.MAINTAINER;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Cause;
import hudson.model.CauseAction;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.LockKind;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.MaintenanceWindow;
import io.jenkins.plugins.dbrunbooks.plugin.steps.RunbookFixture;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.JenkinsSessionRule;

/**
 * Maintenance windows are when Jenkins is restarted: a step waiting at the gate must neither hold the restart up
 * nor fail after it.
 */
public class MaintenanceGateRestartITest {
    @Rule
    public JenkinsSessionRule sessions = new JenkinsSessionRule();

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private static WorkflowRun build(JenkinsRule j, String job) {
        return j.jenkins.getItemByFullName(job, WorkflowJob.class).getBuildByNumber(1);
    }

    private static WorkflowRun start(JenkinsRule j, String name, String script) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p.scheduleBuild2(0, new CauseAction(new Cause.UserIdCause(DEVELOPER))).waitForStart();
    }

    @Test
    public void shouldLetJenkinsRestartWhileStepsWaitAndWaitAgainAfterwards() throws Throwable {
        String[] window = new String[1];
        sessions.then(j -> {
            new RunbookFixture(folder).setUp();
            MaintenanceUsers.setUp(j);
            MaintenanceGate.pollMillis = 200;
            j.assertBuildStatusSuccess(j.waitForCompletion(start(j, "seed",
                    "node { backupDatabase environment: 'dev', database: 'shop' }")));
            window[0] = MaintenanceManager.get().enable("Dev database upgrade", List.of("dev"), null,
                    LockKind.NONE, MAINTAINER).id();
            WorkflowRun backup = start(j, "backup", "node { backupDatabase environment: 'dev', database: 'shop' }");
            WorkflowRun copy = start(j, "copy", "node { withDatabaseCopy(environment: 'dev', database: 'shop') {"
                    + " echo 'copy ready' } }");
            j.waitForMessage("Database maintenance: Dev database upgrade", backup);
            j.waitForMessage("Database maintenance: Dev database upgrade", copy);

            assertThat(backup.getExecution().blocksRestart()).as("a backup waiting at the gate").isFalse();
            assertThat(copy.getExecution().blocksRestart()).as("a copy waiting at the gate").isFalse();
        });
        sessions.then(j -> {
            MaintenanceUsers.setUp(j);
            MaintenanceGate.pollMillis = 200;
            RunbookFixture fixture = new RunbookFixture(folder);
            WorkflowRun backup = build(j, "backup");
            WorkflowRun copy = build(j, "copy");
            assertThat(MaintenanceManager.get().status()).extracting(MaintenanceWindow::reason)
                    .containsExactly("Dev database upgrade");
            Thread.sleep(1000);
            assertThat(backup.isBuilding()).as("the backup still waits").isTrue();
            assertThat(copy.isBuilding()).as("the copy still waits").isTrue();

            MaintenanceManager.get().disable(window[0], MAINTAINER);

            j.assertBuildStatusSuccess(j.waitForCompletion(backup));
            j.assertBuildStatusSuccess(j.waitForCompletion(copy));
            j.assertLogContains("Stored backup", backup);
            j.assertLogContains("copy ready", copy);
            assertThat(fixture.databases("dev")).containsExactly("shop");
        });
    }
}
