package io.jenkins.plugins.dbrunbooks.plugin.maintenance;

import static io.jenkins.plugins.dbrunbooks.plugin.maintenance.MaintenanceUsers.DEVELOPER;
import static io.jenkins.plugins.dbrunbooks.plugin.maintenance.MaintenanceUsers.MAINTAINER;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.ExtensionList;
import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.queue.QueueTaskFuture;
import hudson.triggers.TimerTrigger;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.LockKind;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.MaintenanceWindow;
import io.jenkins.plugins.dbrunbooks.plugin.audit.AuditTrail;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

public class MaintenanceQueueITest {
    private static final String REASON = "PostgreSQL 16 upgrade";

    @Rule
    public JenkinsRule j = new JenkinsRule();

    private FreeStyleProject project;

    @Before
    public void setUp() throws Exception {
        MaintenanceUsers.setUp(j);
        project = j.createFreeStyleProject("app");
    }

    private MaintenanceWindow enableGlobal() throws Exception {
        return MaintenanceManager.get().enable(REASON, List.of(), null, LockKind.NONE, MAINTAINER);
    }

    private QueueTaskFuture<FreeStyleBuild> schedule(FreeStyleProject p, Cause cause) {
        return p.scheduleBuild2(0, new CauseAction(cause));
    }

    private String heldBecause(FreeStyleProject p) throws InterruptedException {
        return QueueItems.heldBecause(j, p);
    }

    @Test
    public void shouldHoldNonMaintainersBuildWithTheReasonAndRunItWhenMaintenanceEnds() throws Exception {
        MaintenanceWindow window = enableGlobal();
        QueueTaskFuture<FreeStyleBuild> build = schedule(project, new Cause.UserIdCause(DEVELOPER));

        assertThat(heldBecause(project)).startsWith("Database maintenance: " + REASON + ", by " + MAINTAINER
                + " since ").contains("until");
        Thread.sleep(1000);
        assertThat(build.isDone()).isFalse();

        assertThat(MaintenanceManager.get().disable(window.id(), MAINTAINER)).isTrue();
        j.assertBuildStatusSuccess(build);
    }

    @Test
    public void shouldRunMaintainersBuild() throws Exception {
        enableGlobal();
        j.assertBuildStatusSuccess(schedule(project, new Cause.UserIdCause(MAINTAINER)));
        assertThat(dispatcher().remembered()).as("answers kept after the item left the queue").isZero();
    }

    private static MaintenanceQueueDispatcher dispatcher() {
        return ExtensionList.lookupSingleton(MaintenanceQueueDispatcher.class);
    }

    @Test
    public void shouldRunDownstreamBuildOfMaintainersUpstreamBuild() throws Exception {
        FreeStyleBuild upstream = j.assertBuildStatusSuccess(schedule(j.createFreeStyleProject("upstream"),
                new Cause.UserIdCause(MAINTAINER)));
        enableGlobal();
        j.assertBuildStatusSuccess(schedule(project, new Cause.UpstreamCause(upstream)));
    }

    @Test
    public void shouldHoldDownstreamBuildOfDevelopersUpstreamBuild() throws Exception {
        FreeStyleBuild upstream = j.assertBuildStatusSuccess(schedule(j.createFreeStyleProject("upstream"),
                new Cause.UserIdCause(DEVELOPER)));
        enableGlobal();
        schedule(project, new Cause.UpstreamCause(upstream));
        assertThat(heldBecause(project)).contains(REASON);
    }

    @Test
    public void shouldHoldTimerTriggeredBuild() throws Exception {
        enableGlobal();
        QueueTaskFuture<FreeStyleBuild> build = schedule(project, new TimerTrigger.TimerTriggerCause());
        assertThat(heldBecause(project)).contains(REASON);
        assertThat(dispatcher().remembered()).isEqualTo(1);
        j.jenkins.getQueue().cancel(project);
        assertThat(build.isCancelled()).isTrue();
        assertThat(dispatcher().remembered()).as("answers kept after the item left the queue").isZero();
    }

    @Test
    public void shouldNotHoldBuildsForMaintenanceOfAnEnvironment() throws Exception {
        RunbookFixtureEnvironments.configure("dev", "qa");
        MaintenanceManager.get().enable(REASON, List.of("dev"), null, LockKind.NONE, MAINTAINER);
        j.assertBuildStatusSuccess(schedule(project, new Cause.UserIdCause(DEVELOPER)));
    }

    @Test
    public void shouldEndExpiredWindowsAndAuditEveryChange() throws Exception {
        MaintenanceManager manager = MaintenanceManager.get();
        MaintenanceWindow expiring = manager.enable("Short window", List.of(), 1, LockKind.NONE, MAINTAINER);
        MaintenanceWindow open = enableGlobal();

        manager.expire(Instant.now().plus(Duration.ofMinutes(2)));

        assertThat(manager.state().windows()).extracting(MaintenanceWindow::id).containsExactly(open.id());
        manager.disable(open.id(), MAINTAINER);
        assertThat(manager.disable(open.id(), MAINTAINER)).isFalse();
        assertThat(manager.isOn()).isFalse();

        List<AuditEvent> events = AuditTrail.get().recentOperations(10);
        assertThat(events).extracting(AuditEvent::operation).containsExactly("maintenance-disable",
                "maintenance-expire", "maintenance-enable", "maintenance-enable");
        assertThat(events).allSatisfy(e -> assertThat(e.environment()).isEqualTo("*"));
        assertThat(events.get(1).message()).isEqualTo("Short window");
        assertThat(events.get(1).actor()).isEqualTo("SYSTEM");
        assertThat(events.get(0).actor()).isEqualTo(MAINTAINER);
        assertThat(events.get(0).message()).isEqualTo(REASON);
        assertThat(expiring.until()).isNotNull();
    }

    @Test
    public void shouldRefuseBadRequestsAndChangeNothing() throws Exception {
        MaintenanceManager manager = MaintenanceManager.get();
        for (Runnable bad : List.<Runnable>of(
                () -> enableQuietly(" ", List.of(), null),
                () -> enableQuietly(REASON, List.of("nowhere"), null),
                () -> enableQuietly(REASON, List.of(), 0))) {
            bad.run();
        }
        assertThat(manager.state().windows()).isEmpty();
        assertThat(AuditTrail.get().recentOperations(10)).isEmpty();
    }

    private static void enableQuietly(String reason, List<String> environments, Integer minutes) {
        try {
            MaintenanceManager.get().enable(reason, environments, minutes, LockKind.NONE, MAINTAINER);
            throw new AssertionError("Accepted reason '" + reason + "', " + environments + ", " + minutes);
        } catch (hudson.AbortException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
