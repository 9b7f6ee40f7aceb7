package io.jenkins.plugins.dbrunbooks.plugin.maintenance;

import static io.jenkins.plugins.dbrunbooks.plugin.maintenance.MaintenanceUsers.DEVELOPER;
import static io.jenkins.plugins.dbrunbooks.plugin.maintenance.MaintenanceUsers.MAINTAINER;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import hudson.tasks.Shell;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent;
import io.jenkins.plugins.dbrunbooks.plugin.audit.AuditTrail;
import io.jenkins.plugins.dbrunbooks.plugin.freestyle.MaintenanceWrapper;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

public class WithDatabaseMaintenanceITest {
    @Rule
    public JenkinsRule j = new JenkinsRule();

    @Before
    public void setUp() {
        MaintenanceUsers.setUp(j);
        RunbookFixtureEnvironments.configure("dev", "prod");
    }

    private WorkflowRun start(String script, String user) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p.scheduleBuild2(0, new CauseAction(new Cause.UserIdCause(user))).waitForStart();
    }

    @Test
    public void shouldTurnItsOwnWindowOffAfterTheBodyAndLeaveOthersOn() throws Exception {
        MaintenanceManager.get().enable("Long upgrade", List.of(), null, null, MAINTAINER);
        WorkflowRun run = j.waitForCompletion(start("withDatabaseMaintenance(reason: 'Prod upgrade', "
                + "environments: ['prod'], minutes: 30) { echo 'inside' }", MAINTAINER));

        j.assertBuildStatusSuccess(run);
        j.assertLogContains("Database maintenance on for this build", run);
        j.assertLogContains("inside", run);
        assertThat(MaintenanceManager.get().status()).extracting(w -> w.reason()).containsExactly("Long upgrade");
        assertThat(AuditTrail.get().recentOperations(10)).extracting(AuditEvent::operation).contains("maintenance-enable",
                "maintenance-disable");
    }

    @Test
    public void shouldTurnMaintenanceOffWhenTheBodyFails() throws Exception {
        WorkflowRun run = j.waitForCompletion(start("withDatabaseMaintenance(reason: 'Prod upgrade') "
                + "{ error 'migration broke' }", MAINTAINER));

        j.assertBuildStatus(Result.FAILURE, run);
        assertThat(MaintenanceManager.get().isOn()).isFalse();
    }

    @Test
    public void shouldTurnMaintenanceOffWhenTheBuildIsAborted() throws Exception {
        WorkflowRun run = start("withDatabaseMaintenance(reason: 'Prod upgrade') { echo 'inside'; sleep 600 }",
                MAINTAINER);
        j.waitForMessage("inside", run);
        assertThat(MaintenanceManager.get().isOn()).isTrue();

        run.getOneOffExecutor().interrupt();

        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(run));
        assertThat(MaintenanceManager.get().isOn()).isFalse();
    }

    @Test
    public void shouldRefuseABuildOfAUserWithoutMaintain() throws Exception {
        WorkflowRun run = j.waitForCompletion(start("withDatabaseMaintenance(reason: 'Prod upgrade') "
                + "{ echo 'inside' }", DEVELOPER));

        j.assertBuildStatus(Result.FAILURE, run);
        j.assertLogContains("This build was started by '" + DEVELOPER + "', who lacks the permission "
                + "Database Runbooks/Maintain on 'Jenkins'", run);
        j.assertLogNotContains("inside", run);
        assertThat(MaintenanceManager.get().isOn()).isFalse();
    }

    @Test
    public void shouldRefuseAnUnknownDatabaseLock() throws Exception {
        WorkflowRun run = j.waitForCompletion(start("withDatabaseMaintenance(reason: 'Prod upgrade', "
                + "databaseLock: 'frozen') { echo 'inside' }", MAINTAINER));

        j.assertBuildStatus(Result.FAILURE, run);
        j.assertLogContains("Database lock 'frozen' is not known", run);
        assertThat(MaintenanceManager.get().isOn()).isFalse();
    }

    @Test
    public void shouldTurnMaintenanceOffAfterAFailedFreestyleBuild() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject();
        MaintenanceWrapper wrapper = new MaintenanceWrapper("Prod upgrade");
        wrapper.setEnvironments("prod, dev");
        wrapper.setDatabaseLock("none");
        project.getBuildWrappersList().add(wrapper);
        project.getBuildersList().add(new Shell("exit 1"));

        FreeStyleBuild build = j.assertBuildStatus(Result.FAILURE, project.scheduleBuild2(0,
                new CauseAction(new Cause.UserIdCause(MAINTAINER))));

        j.assertLogContains("Database maintenance on for this build", build);
        j.assertLogContains("is off", build);
        assertThat(MaintenanceManager.get().isOn()).isFalse();
    }

    @Test
    public void shouldKeepTheWrapperConfigurationThroughTheForm() throws Exception {
        // The round trip submits the form as an anonymous web client.
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy().grant(Jenkins.ADMINISTER).everywhere()
                .to("anonymous"));
        FreeStyleProject project = j.createFreeStyleProject();
        MaintenanceWrapper wrapper = new MaintenanceWrapper("Prod upgrade");
        wrapper.setEnvironments("prod dev");
        wrapper.setMinutes(45);
        wrapper.setDatabaseLock("read-only");
        project.getBuildWrappersList().add(wrapper);

        j.assertEqualDataBoundBeans(wrapper, j.configRoundtrip(project).getBuildWrappersList()
                .get(MaintenanceWrapper.class));
    }

    @Test
    public void shouldRefuseAFreestyleBuildOfAUserWithoutMaintain() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject();
        project.getBuildWrappersList().add(new MaintenanceWrapper("Prod upgrade"));

        FreeStyleBuild build = j.assertBuildStatus(Result.FAILURE, project.scheduleBuild2(0,
                new CauseAction(new Cause.UserIdCause(DEVELOPER))));

        j.assertLogContains("Database Runbooks/Maintain", build);
        assertThat(MaintenanceManager.get().isOn()).isFalse();
    }
}
