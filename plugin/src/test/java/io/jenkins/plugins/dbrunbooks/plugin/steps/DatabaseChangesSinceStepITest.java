package io.jenkins.plugins.dbrunbooks.plugin.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.dbrunbooks.plugin.audit.AuditRecord;
import io.jenkins.plugins.dbrunbooks.plugin.audit.RunbookAction;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * {@code databaseChangesSince} in a real pipeline, and the acceptance a protected rollback needs. The fixture's
 * databases are H2, which keeps no row counters: the step says so rather than report no writes.
 */
public class DatabaseChangesSinceStepITest {
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
    public void shouldReturnTheChangesSinceABackupAsAMapAndLogThem() throws Exception {
        WorkflowRun build = run(Result.SUCCESS, "node {\n"
                + "  def b = backupDatabase environment: 'dev', database: 'shop'\n"
                + "  def c = databaseChangesSince environment: 'dev', database: 'shop', backup: b.id\n"
                + "  echo \"same=${c.backupId == b.id} measured=${c.measured} nothing=${c.nothingWritten}\"\n"
                + "  echo \"certainty=${c.certainty} rows=${c.rowsWritten} tables=${c.tables.size()}\"\n"
                + "}");

        j.assertLogContains("same=true measured=false nothing=false", build);
        j.assertLogContains("certainty=unknown: the server offers no row counters rows=null tables=0", build);
        j.assertLogContains("H2 keeps no log position or row counters", build);
        assertThat(RunbookFixture.everythingRecorded(build)).doesNotContain(RunbookFixture.PASSWORD);
    }

    @Test
    public void shouldRefuseAProtectedRollbackUntilTheLossIsAccepted() throws Exception {
        WorkflowRun backup = run(Result.SUCCESS, "node { backupDatabase environment: 'prod', database: 'shop' }");
        String id = RunbookAction.of(backup).getRecords().stream().filter(r -> "backup".equals(r.getOperation()))
                .findFirst().orElseThrow().getBackupId();
        fixture.execute("prod", "DELETE FROM items WHERE id > 5");

        WorkflowRun refused = run(Result.FAILURE,
                "node { restoreDatabase environment: 'prod', database: 'shop', confirm: 'prod' }");

        j.assertLogContains("would throw away what was written since it", refused);
        j.assertLogContains("Rolling forward keeps that data", refused);
        j.assertLogContains("acceptLoss: '" + id + "'", refused);
        assertThat(fixture.rows("prod", "shop")).isEqualTo(5);
        assertThat(RunbookAction.of(refused).getRecords()).extracting(AuditRecord::getOutcome)
                .containsExactly("REFUSED");

        WorkflowRun accepted = run(Result.SUCCESS, "node {\n"
                + "  def r = restoreDatabase environment: 'prod', database: 'shop', confirm: 'prod', acceptLoss: '"
                + id + "'\n"
                + "  echo \"rollback=${r.rollback.backupId} certainty=${r.rollback.certainty}\"\n"
                + "}");

        j.assertLogContains("rollback=" + id + " certainty=unknown", accepted);
        assertThat(fixture.rows("prod", "shop")).isEqualTo(RunbookFixture.ROWS);
        assertThat(RunbookAction.of(accepted).getRecords()).extracting(AuditRecord::getMessage)
                .anyMatch(m -> m.contains("rollback: ") && m.contains("loss accepted"));
    }
}
