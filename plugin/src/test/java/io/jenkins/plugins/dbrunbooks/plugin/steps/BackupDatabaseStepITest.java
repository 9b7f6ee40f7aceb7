package io.jenkins.plugins.dbrunbooks.plugin.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.User;
import io.jenkins.plugins.dbrunbooks.plugin.audit.AuditRecord;
import io.jenkins.plugins.dbrunbooks.plugin.config.DatabaseConfig;
import io.jenkins.plugins.dbrunbooks.plugin.config.RunbooksConfiguration;
import io.jenkins.plugins.dbrunbooks.plugin.audit.RunbookAction;
import io.jenkins.plugins.dbrunbooks.plugin.security.RunbookPermissions;
import java.nio.file.Files;
import java.nio.file.Path;
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

public class BackupDatabaseStepITest {
    @Rule
    public JenkinsRule j = new JenkinsRule();

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private RunbookFixture fixture;

    @Before
    public void configure() throws Exception {
        fixture = new RunbookFixture(folder).setUp();
    }

    private WorkflowJob pipeline(String script) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    @Test
    public void shouldBackUpAndReturnWhatWasStored() throws Exception {
        WorkflowJob p = pipeline("node {\n"
                + "  def r = backupDatabase environment: 'dev', database: 'shop', label: 'pre-1.4'\n"
                + "  echo \"id=${r.id} label=${r.label} env=${r.environment}/${r.database} sha=${r.sha256}\"\n"
                + "  echo \"sized=${r.size > 0 && r.rawSize > 0} file=${r.file}\"\n"
                + "}");

        WorkflowRun run = j.buildAndAssertSuccess(p);

        j.assertLogContains("label=pre-1.4 env=dev/shop sha=", run);
        j.assertLogContains("sized=true", run);
        j.assertLogContains("[database-runbooks] Stored backup ", run);
        AuditRecord record = RunbookAction.of(run).getRecords().get(0);
        assertThat(record.getOperation()).isEqualTo("backup");
        assertThat(record.getOutcome()).isEqualTo("SUCCESS");
        j.assertLogContains("id=" + record.getBackupId(), run);
        Path stored = fixture.backupRoot("dev").resolve("dev").resolve("shop");
        try (var files = Files.list(stored)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .anyMatch(n -> n.startsWith(record.getBackupId()) && n.endsWith(".manifest.json"));
        }
    }

    @Test
    public void shouldRefuseAJdbcBackupThatCannotCarryEveryObjectBeforeWritingAnything() throws Exception {
        fixture.execute("dev", "CREATE ALIAS TWICE FOR 'java.lang.Math.multiplyExact(int, int)'");
        RunbooksConfiguration.get().environment("dev").database("shop").setMethod("jdbc");
        WorkflowJob p = pipeline("node { backupDatabase environment: 'dev', database: 'shop' }");

        WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, p);

        j.assertLogContains("cannot carry 1 object(s) of 'dev/shop': routine PUBLIC.TWICE", run);
        j.assertLogContains("allowPartial", run);
        Path root = fixture.backupRoot("dev");
        if (Files.exists(root)) {
            try (var files = Files.walk(root)) {
                assertThat(files.filter(Files::isRegularFile)).as("files written before the refusal").isEmpty();
            }
        }
    }

    @Test
    public void shouldReturnAPartialBackupAsPartialWhenTheDatabaseAcceptsIt() throws Exception {
        fixture.execute("dev", "CREATE ALIAS TWICE FOR 'java.lang.Math.multiplyExact(int, int)'");
        DatabaseConfig shop = RunbooksConfiguration.get().environment("dev").database("shop");
        shop.setMethod("jdbc");
        shop.setAllowPartial(true);
        WorkflowJob p = pipeline("node {\n"
                + "  def r = backupDatabase environment: 'dev', database: 'shop'\n"
                + "  echo \"partial=${r.partial} notCarried=${r.notCarried}\"\n"
                + "  echo \"engineOnlyValues=${r.engineOnlyValues} valuesNotHeldBy=${r.valuesNotHeldBy}\"\n"
                + "  def listed = listDatabaseBackups environment: 'dev', database: 'shop'\n"
                + "  echo \"listed partial=${listed[0].partial}\"\n"
                + "}");

        WorkflowRun run = j.buildAndAssertSuccess(p);

        j.assertLogContains("partial=true notCarried=[routine PUBLIC.TWICE]", run);
        // H2 holds no value another engine lacks: both come, empty.
        j.assertLogContains("engineOnlyValues=[] valuesNotHeldBy=[:]", run);
        j.assertLogContains("listed partial=true", run);
        j.assertLogContains("Partial backup ", run);
    }

    @Test
    public void shouldKeepTheSecretOutOfTheLogTheBuildRecordAndTheAuditTrail() throws Exception {
        WorkflowJob p = pipeline("node { backupDatabase environment: 'dev', database: 'shop' }");

        WorkflowRun run = j.buildAndAssertSuccess(p);

        assertThat(RunbookFixture.everythingRecorded(run)).doesNotContain(RunbookFixture.PASSWORD);
    }

    @Test
    public void shouldRefuseAUserWithoutTheBackupPermission() throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.BUILD).everywhere().to("bob")
                .grant(Jenkins.ADMINISTER).everywhere().to("admin"));
        User.getById("bob", true);
        WorkflowJob p = pipeline("node { backupDatabase environment: 'dev', database: 'shop' }");

        WorkflowRun run = j.assertBuildStatus(Result.FAILURE,
                p.scheduleBuild2(0, new CauseAction(new Cause.UserIdCause("bob"))));

        j.assertLogContains("'bob'", run);
        j.assertLogContains(RunbookPermissions.BACKUP.name, run);
        AuditRecord refusal = RunbookAction.of(run).getRecords().get(0);
        assertThat(refusal.getOutcome()).isEqualTo("REFUSED");
        assertThat(refusal.getActor()).isEqualTo("bob");
        assertThat(fixture.backupRoot("dev").resolve("dev")).doesNotExist();
    }

    @Test
    public void shouldLetAUserWithTheBackupPermissionBackUp() throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.BUILD, RunbookPermissions.BACKUP).everywhere().to("alice"));
        User.getById("alice", true);
        WorkflowJob p = pipeline("node { backupDatabase environment: 'dev', database: 'shop' }");

        WorkflowRun run = j.assertBuildStatusSuccess(
                p.scheduleBuild2(0, new CauseAction(new Cause.UserIdCause("alice"))));

        assertThat(RunbookAction.of(run).getRecords().get(0).getActor()).isEqualTo("alice");
    }

    @Test
    public void shouldNameAnUnknownEnvironment() throws Exception {
        WorkflowJob p = pipeline("node { backupDatabase environment: 'staging', database: 'shop' }");

        WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, p);

        j.assertLogContains("Environment 'staging' is not configured", run);
    }

    @Test
    public void shouldRefuseAnInvalidLabelAndStoreNothing() throws Exception {
        WorkflowJob p = pipeline("node { backupDatabase environment: 'dev', database: 'shop', label: '../x' }");

        WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, p);

        j.assertLogContains("Label '../x' is not valid", run);
        assertThat(RunbookAction.of(run).getRecords().get(0).getOutcome()).isEqualTo("REFUSED");
    }

    @Test
    public void shouldNeedANode() throws Exception {
        WorkflowJob p = pipeline("backupDatabase environment: 'dev', database: 'shop'");

        WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, p);

        j.assertLogContains("node", run);
    }
}
