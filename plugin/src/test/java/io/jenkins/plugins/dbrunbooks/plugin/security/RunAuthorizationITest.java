package io.jenkins.plugins.dbrunbooks.plugin.security;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.User;
import hudson.triggers.TimerTrigger;
import io.jenkins.plugins.dbrunbooks.plugin.audit.AuditRecord;
import io.jenkins.plugins.dbrunbooks.plugin.audit.RunbookAction;
import io.jenkins.plugins.dbrunbooks.plugin.steps.RunbookFixture;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.MockFolder;

/**
 * Who a runbook step runs as: the build's authentication (the system, or the user Authorize Project names) must
 * hold the permission on the job, and so must the user who started the build, directly or upstream. Builds that
 * no user started (timers, SCM, webhooks) depend on the build's authentication alone.
 */
public class RunAuthorizationITest {
    private static final String BACKUP = "node { backupDatabase environment: 'dev', database: 'shop' }";
    private static final String RESTORE = "node { restoreDatabase environment: 'dev', database: 'shop' }";

    @Rule
    public JenkinsRule j = new JenkinsRule();

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private RunbookFixture fixture;

    /** A cause without a user, as a webhook or another plugin's trigger gives. */
    static final class WebhookCause extends Cause {
        @Override
        public String getShortDescription() {
            return "Started by a webhook";
        }
    }

    /**
     * {@code alice} holds Backup and Restore, {@code bob} neither; both may read and build jobs and use the
     * executors. Nobody else holds anything, so only the system may run a runbook without a user.
     */
    @Before
    public void configure() throws Exception {
        fixture = new RunbookFixture(folder).setUp();
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.BUILD, BuildAuthentication.agentBuild()).everywhere()
                .to("alice", "bob")
                .grant(RunbookPermissions.BACKUP, RunbookPermissions.RESTORE).everywhere().to("alice"));
        User.getById("alice", true);
        User.getById("bob", true);
    }

    private WorkflowJob pipeline(String name, String script) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    private WorkflowRun run(Result expected, WorkflowJob p, Cause cause) throws Exception {
        return j.assertBuildStatus(expected, p.scheduleBuild2(0, new CauseAction(cause)));
    }

    private void assertRefused(WorkflowRun run, String who, String permission) throws Exception {
        j.assertLogContains("'" + who + "'", run);
        j.assertLogContains("Database Runbooks/" + permission, run);
        assertThat(RunbookAction.of(run).getRecords()).extracting(AuditRecord::getOutcome).containsExactly("REFUSED");
    }

    @Test
    public void shouldRunATimerBuildAsTheSystemWhenNoBuildAuthenticationIsConfigured() throws Exception {
        WorkflowRun run = run(Result.SUCCESS, pipeline("nightly", BACKUP), new TimerTrigger.TimerTriggerCause());

        AuditRecord backup = RunbookAction.of(run).getRecords().get(0);
        assertThat(backup.getOperation()).isEqualTo("backup");
        assertThat(backup.getOutcome()).isEqualTo("SUCCESS");
    }

    @Test
    public void shouldRunATimerBuildAsAUserWhoHoldsThePermission() throws Exception {
        WorkflowJob p = pipeline("nightly", BACKUP);
        BuildAuthentication.install().runAs("nightly", "alice");

        WorkflowRun run = run(Result.SUCCESS, p, new TimerTrigger.TimerTriggerCause());

        assertThat(RunbookAction.of(run).getRecords()).extracting(AuditRecord::getOutcome).containsExactly("SUCCESS");
    }

    @Test
    public void shouldRefuseATimerBuildRunningAsAUserWithoutThePermission() throws Exception {
        WorkflowJob p = pipeline("nightly", BACKUP);
        BuildAuthentication.install().runAs("nightly", "bob");

        WorkflowRun run = run(Result.FAILURE, p, new TimerTrigger.TimerTriggerCause());

        assertRefused(run, "bob", "Backup");
        assertThat(fixture.backupRoot("dev").resolve("dev")).doesNotExist();
    }

    @Test
    public void shouldJudgeAWebhookBuildByItsBuildAuthentication() throws Exception {
        WorkflowJob allowed = pipeline("allowed", BACKUP);
        WorkflowJob refused = pipeline("refused", BACKUP);
        BuildAuthentication.install().runAs("allowed", "alice").runAs("refused", "bob");

        run(Result.SUCCESS, allowed, new WebhookCause());
        assertRefused(run(Result.FAILURE, refused, new WebhookCause()), "bob", "Backup");
    }

    @Test
    public void shouldRefuseAHoldersBuildThatRunsAsAUserWithoutThePermission() throws Exception {
        // bob may configure the job, so the job runs as bob: alice's click must not lend him Restore.
        run(Result.SUCCESS, pipeline("backup", BACKUP), new Cause.UserIdCause("alice"));
        WorkflowJob p = pipeline("restore", RESTORE);
        BuildAuthentication.install().runAs("restore", "bob");

        WorkflowRun run = run(Result.FAILURE, p, new Cause.UserIdCause("alice"));

        assertRefused(run, "bob", "Restore");
        assertThat(fixture.rows("dev", "shop")).isEqualTo(RunbookFixture.ROWS);
    }

    @Test
    public void shouldRefuseAUserWithoutThePermissionWhenTheBuildRunsAsAHolder() throws Exception {
        WorkflowJob p = pipeline("backup", BACKUP);
        BuildAuthentication.install().runAs("backup", "alice");

        WorkflowRun run = run(Result.FAILURE, p, new Cause.UserIdCause("bob"));

        assertRefused(run, "bob", "Backup");
    }

    @Test
    public void shouldRefuseADownstreamBuildOfAUserWithoutThePermission() throws Exception {
        WorkflowRun upstream = run(Result.SUCCESS, pipeline("upstream", "echo 'upstream'"),
                new Cause.UserIdCause("bob"));

        WorkflowRun run = run(Result.FAILURE, pipeline("downstream", BACKUP), new Cause.UpstreamCause(upstream));

        assertRefused(run, "bob", "Backup");
    }

    @Test
    public void shouldHonourAGrantOnTheFolderOfTheJobOnly() throws Exception {
        MockFolder team = j.createFolder("team");
        WorkflowJob inside = team.createProject(WorkflowJob.class, "backup");
        inside.setDefinition(new CpsFlowDefinition(BACKUP, true));
        WorkflowJob outside = pipeline("backup", BACKUP);
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.BUILD, BuildAuthentication.agentBuild()).everywhere()
                .to("carol")
                .grant(RunbookPermissions.BACKUP).onFolders(team).to("carol"));
        User.getById("carol", true);

        WorkflowRun allowed = run(Result.SUCCESS, inside, new Cause.UserIdCause("carol"));
        WorkflowRun refused = run(Result.FAILURE, outside, new Cause.UserIdCause("carol"));

        assertThat(RunbookAction.of(allowed).getRecords()).extracting(AuditRecord::getOutcome)
                .containsExactly("SUCCESS");
        assertRefused(refused, "carol", "Backup");
    }

    @Test
    public void shouldHonourAFolderGrantToTheUserATimerBuildRunsAs() throws Exception {
        MockFolder team = j.createFolder("team");
        WorkflowJob inside = team.createProject(WorkflowJob.class, "nightly");
        inside.setDefinition(new CpsFlowDefinition(BACKUP, true));
        WorkflowJob outside = pipeline("nightly", BACKUP);
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.BUILD, BuildAuthentication.agentBuild()).everywhere()
                .to("carol")
                .grant(RunbookPermissions.BACKUP).onFolders(team).to("carol"));
        BuildAuthentication.install().runAs("team/nightly", "carol").runAs("nightly", "carol");

        run(Result.SUCCESS, inside, new TimerTrigger.TimerTriggerCause());
        assertRefused(run(Result.FAILURE, outside, new TimerTrigger.TimerTriggerCause()), "carol", "Backup");
    }
}
