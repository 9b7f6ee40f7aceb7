package io.jenkins.plugins.dbrunbooks.plugin.maintenance;

import static io.jenkins.plugins.dbrunbooks.plugin.maintenance.MaintenanceUsers.DEVELOPER;
import static io.jenkins.plugins.dbrunbooks.plugin.maintenance.MaintenanceUsers.MAINTAINER;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.queue.QueueTaskFuture;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.MaintenanceWindow;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.test.steps.SemaphoreStep;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.JenkinsSessionRule;

/**
 * A restart of Jenkins while the body of {@code withDatabaseMaintenance} runs: maintenance stays on, the build that
 * turned it on goes on (it was running before), and the block turns its window off when the body ends.
 */
public class WithDatabaseMaintenanceRestartITest {
    @Rule
    public JenkinsSessionRule sessions = new JenkinsSessionRule();

    @Test
    public void shouldKeepMaintenanceOnAcrossARestartAndEndItWithTheBlock() throws Throwable {
        sessions.then(j -> {
            MaintenanceUsers.setUp(j);
            RunbookFixtureEnvironments.configure("dev", "prod");
            j.createFreeStyleProject("app");
            WorkflowJob p = j.createProject(WorkflowJob.class, "upgrade");
            p.setDefinition(new CpsFlowDefinition("withDatabaseMaintenance(reason: 'Prod upgrade') {\n"
                    + "  semaphore 'upgrade'\n"
                    + "  echo 'upgrade done'\n"
                    + "}", true));
            WorkflowRun run = p.scheduleBuild2(0, new CauseAction(new Cause.UserIdCause(MAINTAINER)))
                    .waitForStart();
            SemaphoreStep.waitForStart("upgrade/1", run);
            assertThat(MaintenanceManager.get().isGlobal()).isTrue();
        });
        sessions.then(j -> {
            MaintenanceUsers.setUp(j);
            WorkflowRun run = j.jenkins.getItemByFullName("upgrade", WorkflowJob.class).getBuildByNumber(1);
            assertThat(MaintenanceManager.get().status()).extracting(MaintenanceWindow::reason)
                    .containsExactly("Prod upgrade");
            // The resumed build takes its executor again: maintenance holds new builds, not running ones.
            while (run.getOneOffExecutor() == null) {
                Thread.sleep(100);
            }
            FreeStyleProject app = j.jenkins.getItemByFullName("app", FreeStyleProject.class);
            QueueTaskFuture<FreeStyleBuild> held = app.scheduleBuild2(0,
                    new CauseAction(new Cause.UserIdCause(DEVELOPER)));
            assertThat(QueueItems.heldBecause(j, app)).contains("Prod upgrade");

            SemaphoreStep.success("upgrade/1", null);
            j.assertBuildStatusSuccess(j.waitForCompletion(run));

            j.assertLogContains("upgrade done", run);
            j.assertLogContains("is off", run);
            assertThat(MaintenanceManager.get().isOn()).isFalse();
            j.assertBuildStatusSuccess(held);
        });
    }
}
