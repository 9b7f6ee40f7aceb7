package io.jenkins.plugins.dbrunbooks.plugin.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.User;
import io.jenkins.plugins.dbrunbooks.plugin.audit.AuditRecord;
import io.jenkins.plugins.dbrunbooks.plugin.audit.RunbookAction;
import io.jenkins.plugins.dbrunbooks.plugin.security.RunbookPermissions;
import jenkins.model.Jenkins;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

public class WithDatabaseCopyStepITest {
    private static final Pattern SCRATCH = Pattern.compile("scratch=.*/(shop_copy_\\d+_[0-9a-f]{4})\\b");

    @Rule
    public JenkinsRule j = new JenkinsRule();

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private RunbookFixture fixture;

    @Before
    public void configure() throws Exception {
        fixture = new RunbookFixture(folder).setUp();
        WorkflowJob backup = j.createProject(WorkflowJob.class, "backup");
        backup.setDefinition(new CpsFlowDefinition("node { backupDatabase environment: 'dev', database: 'shop' }",
                true));
        j.buildAndAssertSuccess(backup);
    }

    private WorkflowJob pipeline(String script) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    private static String scratchName(WorkflowRun run) throws Exception {
        Matcher m = SCRATCH.matcher(JenkinsRule.getLog(run));
        assertThat(m.find()).as("the body printed the scratch URL").isTrue();
        return m.group(1);
    }

    @Test
    public void shouldBindAScratchCopyAndDropItAfterwards() throws Exception {
        WorkflowJob p = pipeline("node {\n"
                + "  withDatabaseCopy(environment: 'dev', database: 'shop') {\n"
                + "    echo \"scratch=${env.DB_URL}\"\n"
                + "    echo \"password=${env.DB_PASSWORD}\"\n"
                + "  }\n"
                + "}");

        WorkflowRun run = j.buildAndAssertSuccess(p);

        String scratch = scratchName(run);
        assertThat(scratch).startsWith("shop_copy_1_");
        j.assertLogContains("password=****", run);
        assertThat(fixture.databases("dev")).containsExactly("shop");
        List<AuditRecord> records = RunbookAction.of(run).getRecords();
        assertThat(records).extracting(AuditRecord::getOperation).containsExactly("restore", "drop");
        assertThat(RunbookFixture.everythingRecorded(run)).doesNotContain(RunbookFixture.PASSWORD);
    }

    @Test
    public void shouldDropTheScratchCopyWhenTheBodyFails() throws Exception {
        WorkflowJob p = pipeline("node {\n"
                + "  withDatabaseCopy(environment: 'dev', database: 'shop') {\n"
                + "    echo \"scratch=${env.DB_URL}\"\n"
                + "    error 'the tests failed'\n"
                + "  }\n"
                + "}");

        WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, p);

        scratchName(run);
        j.assertLogContains("the tests failed", run);
        assertThat(fixture.databases("dev")).containsExactly("shop");
    }

    @Test
    public void shouldHoldTheBackupWhileTheBodyRunsAndDropItWhenTheBuildIsAborted() throws Exception {
        fixture.execute("dev", "DELETE FROM items WHERE id > 3");
        WorkflowJob p = pipeline("node {\n"
                + "  withDatabaseCopy(environment: 'dev', database: 'shop') {\n"
                + "    echo \"scratch=${env.DB_URL}\"\n"
                + "    sleep time: 10, unit: 'MINUTES'\n"
                + "  }\n"
                + "}");

        WorkflowRun run = p.scheduleBuild2(0).waitForStart();
        j.waitForMessage("Sleeping for 10 min", run);
        String scratch = scratchName(run);
        assertThat(fixture.rows("dev", scratch)).isEqualTo(RunbookFixture.ROWS);
        assertThat(fixture.rows("dev", "shop")).isEqualTo(3);
        run.getOneOffExecutor().interrupt();

        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(run));
        assertThat(fixture.databaseExists("dev", scratch)).isFalse();
        j.assertLogContains("Dropped scratch database '" + scratch + "'", run);
    }

    @Test
    public void shouldRefuseInvalidVariableNamesBeforeRestoringAnything() throws Exception {
        WorkflowJob p = pipeline("node {\n"
                + "  withDatabaseCopy(environment: 'dev', database: 'shop', urlVariable: 'A B') { echo 'body ran' }\n"
                + "}");

        WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, p);

        j.assertLogContains("Variable name 'A B' is not valid", run);
        j.assertLogNotContains("body ran", run);
        assertThat(fixture.databases("dev")).containsExactly("shop");
    }

    @Test
    public void shouldCopyTheLiveDatabaseWhenAskedAndDropItAfterwards() throws Exception {
        // Written after the backup: only the live database holds it.
        fixture.execute("dev", "DELETE FROM items WHERE id > 3");
        WorkflowJob p = pipeline("node {\n"
                + "  withDatabaseCopy(environment: 'dev', database: 'shop', fromLive: true) {\n"
                + "    echo \"scratch=${env.DB_URL}\"\n"
                + "    sleep time: 10, unit: 'MINUTES'\n"
                + "  }\n"
                + "}");

        WorkflowRun run = p.scheduleBuild2(0).waitForStart();
        j.waitForMessage("Sleeping for 10 min", run);
        String scratch = scratchName(run);
        assertThat(fixture.rows("dev", scratch)).isEqualTo(3);
        j.assertLogContains("Scratch database '" + scratch + "' holds a live copy of 'dev/shop'", run);
        run.getOneOffExecutor().interrupt();

        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(run));
        assertThat(fixture.databaseExists("dev", scratch)).isFalse();
        List<AuditRecord> records = RunbookAction.of(run).getRecords();
        assertThat(records).extracting(AuditRecord::getOperation).containsExactly("restore", "drop");
        assertThat(RunbookFixture.everythingRecorded(run)).doesNotContain(RunbookFixture.PASSWORD);
    }

    @Test
    public void shouldRefuseALiveCopyToAUserWhoMayRestoreButNotBackUp() throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.BUILD, RunbookPermissions.RESTORE).everywhere().to("restorer"));
        User.getById("restorer", true);
        WorkflowJob p = pipeline("node {\n"
                + "  withDatabaseCopy(environment: 'dev', database: 'shop', fromLive: true) { echo 'body ran' }\n"
                + "}");

        WorkflowRun run = j.waitForCompletion(p.scheduleBuild2(0, new CauseAction(new Cause.UserIdCause("restorer")))
                .waitForStart());

        j.assertBuildStatus(Result.FAILURE, run);
        j.assertLogContains("who lacks the permission Database Runbooks/Backup", run);
        j.assertLogNotContains("body ran", run);
        assertThat(fixture.databases("dev")).containsExactly("shop");
    }
}
