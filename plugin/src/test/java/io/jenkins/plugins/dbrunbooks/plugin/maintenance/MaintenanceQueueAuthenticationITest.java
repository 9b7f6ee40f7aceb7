package io.jenkins.plugins.dbrunbooks.plugin.maintenance;

import static io.jenkins.plugins.dbrunbooks.plugin.maintenance.MaintenanceUsers.DEVELOPER;
import static io.jenkins.plugins.dbrunbooks.plugin.maintenance.MaintenanceUsers.MAINTAINER;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.queue.QueueTaskFuture;
import hudson.triggers.TimerTrigger;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.LockKind;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.MaintenanceWindow;
import io.jenkins.plugins.dbrunbooks.plugin.security.BuildAuthentication;
import io.jenkins.plugins.dbrunbooks.plugin.security.RunbookPermissions;
import java.util.List;
import jenkins.model.Jenkins;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

/**
 * Maintenance of all of Jenkins and the build's authentication: a build a user started is judged by that user; a
 * build nobody started (timer, SCM) runs when it runs as a real user who holds Maintain, and waits when it runs
 * as the system.
 */
public class MaintenanceQueueAuthenticationITest {
    private static final String REASON = "PostgreSQL 16 upgrade";

    @Rule
    public JenkinsRule j = new JenkinsRule();

    private FreeStyleProject project;
    private BuildAuthentication authentication;

    @Before
    public void setUp() throws Exception {
        MaintenanceUsers.setUp(j);
        // Builds that run as a user need Agent/Build on the node that runs them.
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.BUILD, BuildAuthentication.agentBuild(),
                        RunbookPermissions.MAINTAIN).everywhere().to(MAINTAINER)
                .grant(Jenkins.READ, Item.READ, Item.BUILD, BuildAuthentication.agentBuild()).everywhere()
                .to(DEVELOPER));
        project = j.createFreeStyleProject("app");
        authentication = BuildAuthentication.install();
    }

    private MaintenanceWindow enableGlobal() throws Exception {
        return MaintenanceManager.get().enable(REASON, List.of(), null, LockKind.NONE, MAINTAINER);
    }

    private QueueTaskFuture<FreeStyleBuild> schedule(Cause cause) {
        return project.scheduleBuild2(0, new CauseAction(cause));
    }

    @Test
    public void shouldRunATimerBuildThatRunsAsAMaintainer() throws Exception {
        authentication.runAs("app", MAINTAINER);
        enableGlobal();

        j.assertBuildStatusSuccess(schedule(new TimerTrigger.TimerTriggerCause()));
    }

    @Test
    public void shouldHoldATimerBuildThatRunsAsANonMaintainerUntilMaintenanceEnds() throws Exception {
        authentication.runAs("app", DEVELOPER);
        MaintenanceWindow window = enableGlobal();

        QueueTaskFuture<FreeStyleBuild> build = schedule(new TimerTrigger.TimerTriggerCause());

        assertThat(QueueItems.heldBecause(j, project)).contains(REASON);
        assertThat(build.isDone()).isFalse();
        MaintenanceManager.get().disable(window.id(), MAINTAINER);
        j.assertBuildStatusSuccess(build);
    }

    @Test
    public void shouldHoldATimerBuildThatRunsAsTheSystemUntilMaintenanceEnds() throws Exception {
        MaintenanceWindow window = enableGlobal();

        QueueTaskFuture<FreeStyleBuild> build = schedule(new TimerTrigger.TimerTriggerCause());

        assertThat(QueueItems.heldBecause(j, project)).contains(REASON);
        MaintenanceManager.get().disable(window.id(), MAINTAINER);
        j.assertBuildStatusSuccess(build);
    }

    @Test
    public void shouldHoldADevelopersBuildEvenWhenItRunsAsAMaintainer() throws Exception {
        authentication.runAs("app", MAINTAINER);
        enableGlobal();

        QueueTaskFuture<FreeStyleBuild> build = schedule(new Cause.UserIdCause(DEVELOPER));

        assertThat(QueueItems.heldBecause(j, project)).contains(REASON);
        j.jenkins.getQueue().cancel(project);
        assertThat(build.isCancelled()).isTrue();
    }

    @Test
    public void shouldRunAMaintainersBuildWhateverItRunsAs() throws Exception {
        authentication.runAs("app", DEVELOPER);
        enableGlobal();

        j.assertBuildStatusSuccess(schedule(new Cause.UserIdCause(MAINTAINER)));
    }
}
