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
import java.util.List;
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

public class RestoreDatabaseStepITest {
    @Rule
    public JenkinsRule j = new JenkinsRule();

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private RunbookFixture fixture;

    @Before
    public void configure() throws Exception {
        fixture = new RunbookFixture(folder).setUp();
    }

    private WorkflowRun run(Result expected, String script) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return j.buildAndAssertStatus(expected, p);
    }

    @Test
    public void shouldRestoreTheLatestBackupInPlaceAfterASafetyBackup() throws Exception {
        run(Result.SUCCESS, "node { backupDatabase environment: 'dev', database: 'shop' }");
        fixture.execute("dev", "DELETE FROM items WHERE id > 5");

        WorkflowRun restore = run(Result.SUCCESS, "node {\n"
                + "  def r = restoreDatabase environment: 'dev', database: 'shop', backup: 'latest'\n"
                + "  echo \"restored=${r.backupId} into=${r.targetDatabase} safety=${r.safetyBackupId != null}\"\n"
                + "}");

        j.assertLogContains("into=shop safety=true", restore);
        assertThat(fixture.rows("dev", "shop")).isEqualTo(RunbookFixture.ROWS);
        List<AuditRecord> records = RunbookAction.of(restore).getRecords();
        assertThat(records).extracting(AuditRecord::getOperation).contains("backup", "restore");
        assertThat(RunbookFixture.everythingRecorded(restore)).doesNotContain(RunbookFixture.PASSWORD);
    }

    @Test
    public void shouldAuditTheStartAndReturnWhatWasLeftOut() throws Exception {
        run(Result.SUCCESS, "node { backupDatabase environment: 'dev', database: 'shop' }");

        WorkflowRun restore = run(Result.SUCCESS, "node {\n"
                + "  def r = restoreDatabase environment: 'dev', database: 'shop', force: true\n"
                + "  echo \"leftOut=${r.leftOut}\"\n"
                + "}");

        j.assertLogContains("leftOut=[]", restore);
        assertThat(RunbookAction.of(restore).getRecords()).extracting(AuditRecord::getOperation)
                .containsSubsequence("restore-started", "restore");
    }

    @Test
    public void shouldKeepTheSafetyBackupApartFromLatest() throws Exception {
        run(Result.SUCCESS, "node { backupDatabase environment: 'dev', database: 'shop', label: 'nightly' }");
        run(Result.SUCCESS, "node { restoreDatabase environment: 'dev', database: 'shop' }");

        WorkflowRun again = run(Result.SUCCESS, "node {\n"
                + "  def all = listDatabaseBackups environment: 'dev', database: 'shop'\n"
                + "  def r = restoreDatabase environment: 'dev', database: 'shop'\n"
                + "  echo \"kinds=${all.collect { it.safetyBackup }} labels=${all.collect { it.label }}\"\n"
                + "  echo \"restored=${r.backupId == all[1].id}\"\n"
                + "}");

        j.assertLogContains("kinds=[true, false] labels=[pre-restore, nightly]", again);
        j.assertLogContains("restored=true", again);
    }

    @Test
    public void shouldRefuseAProtectedEnvironmentWithoutConfirmation() throws Exception {
        run(Result.SUCCESS, "node { backupDatabase environment: 'prod', database: 'shop' }");
        fixture.execute("prod", "DELETE FROM items WHERE id > 5");

        WorkflowRun refused = run(Result.FAILURE,
                "node { restoreDatabase environment: 'prod', database: 'shop' }");

        j.assertLogContains("Environment 'prod' is protected", refused);
        assertThat(fixture.rows("prod", "shop")).isEqualTo(5);
        assertThat(RunbookAction.of(refused).getRecords()).extracting(AuditRecord::getOutcome)
                .containsExactly("REFUSED");
    }

    @Test
    public void shouldRestoreAProtectedEnvironmentWhenTheConfirmationNamesIt() throws Exception {
        run(Result.SUCCESS, "node { backupDatabase environment: 'prod', database: 'shop' }");
        fixture.execute("prod", "DELETE FROM items WHERE id > 5");

        // H2 keeps no row counters, so a protected rollback also accepts the loss by naming the backup.
        run(Result.SUCCESS, "node {\n"
                + "  def id = listDatabaseBackups(environment: 'prod', database: 'shop')[0].id\n"
                + "  restoreDatabase environment: 'prod', database: 'shop', confirm: 'prod', acceptLoss: id\n"
                + "}");

        assertThat(fixture.rows("prod", "shop")).isEqualTo(RunbookFixture.ROWS);
    }

    @Test
    public void shouldRefuseAConfirmationNamingAnotherEnvironment() throws Exception {
        run(Result.SUCCESS, "node { backupDatabase environment: 'prod', database: 'shop' }");

        WorkflowRun refused = run(Result.FAILURE,
                "node { restoreDatabase environment: 'prod', database: 'shop', confirm: 'dev' }");

        j.assertLogContains("Environment 'prod' is protected", refused);
    }

    @Test
    public void shouldRestoreAnotherEnvironmentsBackupIntoANewDatabase() throws Exception {
        run(Result.SUCCESS, "node { backupDatabase environment: 'prod', database: 'shop' }");

        WorkflowRun restore = run(Result.SUCCESS, "node {\n"
                + "  def r = restoreDatabase environment: 'dev', database: 'shop', fromEnvironment: 'prod',"
                + " targetDatabase: 'shop_feature'\n"
                + "  echo \"url=${r.jdbcUrl} safety=${r.safetyBackupId}\"\n"
                + "}");

        j.assertLogContains("shop_feature safety=null", restore);
        assertThat(fixture.rows("dev", "shop_feature")).isEqualTo(RunbookFixture.ROWS);
    }

    @Test
    public void shouldNameAMissingBackup() throws Exception {
        WorkflowRun refused = run(Result.FAILURE,
                "node { restoreDatabase environment: 'dev', database: 'shop' }");

        j.assertLogContains("has no backup", refused);
        assertThat(fixture.rows("dev", "shop")).isEqualTo(RunbookFixture.ROWS);
    }

    @Test
    public void shouldRefuseAUserWithBackupButNotRestore() throws Exception {
        run(Result.SUCCESS, "node { backupDatabase environment: 'dev', database: 'shop' }");
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.BUILD, RunbookPermissions.BACKUP).everywhere().to("bob"));
        User.getById("bob", true);
        WorkflowJob p = j.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition("node { restoreDatabase environment: 'dev', database: 'shop' }",
                true));

        WorkflowRun run = j.assertBuildStatus(Result.FAILURE,
                p.scheduleBuild2(0, new CauseAction(new Cause.UserIdCause("bob"))));

        j.assertLogContains("'bob'", run);
        j.assertLogContains(RunbookPermissions.RESTORE.name, run);
    }
}
