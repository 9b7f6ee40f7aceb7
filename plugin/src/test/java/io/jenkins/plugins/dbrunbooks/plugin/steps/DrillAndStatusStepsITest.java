package io.jenkins.plugins.dbrunbooks.plugin.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import io.jenkins.plugins.dbrunbooks.plugin.config.EnvironmentConfig;
import io.jenkins.plugins.dbrunbooks.plugin.config.RunbooksConfiguration;
import io.jenkins.plugins.dbrunbooks.plugin.freestyle.DrillDatabaseBuilder;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.jvnet.hudson.test.JenkinsRule;

/** {@code drillDatabaseBackup}, its freestyle twin and {@code databaseBackupStatus} in real builds. */
public class DrillAndStatusStepsITest {
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
    public void shouldDrillTheNewestBackupAndReturnItsRecord() throws Exception {
        run(Result.SUCCESS, "node { backupDatabase environment: 'dev', database: 'shop' }");

        WorkflowRun drill = run(Result.SUCCESS, "node {\n"
                + "  def d = drillDatabaseBackup environment: 'dev', database: 'shop'\n"
                + "  echo \"passed=${d.passed} checked=${d.dataChecked} table=${d.checks[1].check}\"\n"
                + "}");

        j.assertLogContains("passed=true checked=true table=table PUBLIC.ITEMS", drill);
        assertThat(fixture.databases("dev")).containsExactly("shop");
        assertThat(RunbookFixture.everythingRecorded(drill)).doesNotContain(RunbookFixture.PASSWORD);
    }

    @Test
    public void shouldFailTheFreestyleDrillWhenTheRestoredDataDiffers() throws Exception {
        run(Result.SUCCESS, "node { backupDatabase environment: 'dev', database: 'shop' }");
        fixture.execute("dev", "DELETE FROM items WHERE id = 1");
        run(Result.SUCCESS, "node { backupDatabase environment: 'dev', database: 'shop' }");
        // The older backup's manifest with the newer payload: what a drill exists to catch.
        RunbookFixtureBackups.swapNewestPayloadIntoOlder(fixture.backupRoot("dev").resolve("dev").resolve("shop"));

        FreeStyleProject p = j.createFreeStyleProject();
        DrillDatabaseBuilder builder = new DrillDatabaseBuilder("dev", "shop");
        builder.setBackup(RunbookFixtureBackups.oldestId(fixture.backupRoot("dev").resolve("dev").resolve("shop")));
        p.getBuildersList().add(builder);
        FreeStyleBuild build = j.buildAndAssertStatus(Result.FAILURE, p);

        j.assertLogContains("FAILED", build);
        j.assertLogContains("PUBLIC.ITEMS", build);
    }

    @Test
    public void shouldReturnTheStatusTableAndFailWhenATargetIsMissed() throws Exception {
        EnvironmentConfig dev = RunbooksConfiguration.get().environment("dev");
        dev.setMaxDrillAge("8d");
        run(Result.SUCCESS, "node { backupDatabase environment: 'dev', database: 'shop' }");

        WorkflowRun late = run(Result.FAILURE, "node { databaseBackupStatus environment: 'dev' }");
        j.assertLogContains("dev/shop: late (no drill yet; the target is one every 8d)", late);

        run(Result.SUCCESS, "node { drillDatabaseBackup environment: 'dev', database: 'shop' }");
        WorkflowRun ok = run(Result.SUCCESS, "node {\n"
                + "  def rows = databaseBackupStatus()\n"
                + "  echo \"rows=${rows.collect { it.environment + '/' + it.state }}\"\n"
                + "}");
        j.assertLogContains("rows=[dev/ok, prod/never]", ok);
    }
}
