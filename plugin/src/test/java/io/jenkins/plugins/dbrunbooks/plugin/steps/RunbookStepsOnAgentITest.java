package io.jenkins.plugins.dbrunbooks.plugin.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.User;
import hudson.slaves.DumbSlave;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent;
import io.jenkins.plugins.dbrunbooks.plugin.audit.AuditRecord;
import io.jenkins.plugins.dbrunbooks.plugin.audit.AuditTrail;
import io.jenkins.plugins.dbrunbooks.plugin.audit.RunbookAction;
import io.jenkins.plugins.dbrunbooks.plugin.maintenance.MaintenanceManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * Every step inside {@code node} on a real agent, a second JVM behind a remoting channel: what the engine returns
 * and records there must pass the controller's class filter, come back whole and reach the build and the audit
 * trail.
 */
public class RunbookStepsOnAgentITest {
    @Rule
    public JenkinsRule j = new JenkinsRule();

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private static final String AGENT = "db-agent";
    private static final String LABEL = "db-tools";

    private RunbookFixture fixture;

    @Before
    public void configure() throws Exception {
        fixture = new RunbookFixture(folder).setUp();
        DumbSlave agent = j.createSlave(AGENT, LABEL, null);
        j.waitOnline(agent);
    }

    /** Runs {@code body} inside {@code node} on the agent and checks that it ran there and nothing was rejected. */
    private WorkflowRun onAgent(String body) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition("node('" + LABEL + "') {\n" + body + "\n}", true));
        WorkflowRun run = j.buildAndAssertSuccess(p);
        j.assertLogContains("Running on " + AGENT, run);
        j.assertLogNotContains("Rejected", run);
        return run;
    }

    private static AuditRecord only(WorkflowRun run, String operation) {
        List<AuditRecord> records = RunbookAction.of(run).getRecords().stream()
                .filter(r -> r.getOperation().equals(operation)).toList();
        assertThat(records).as("%s records of %s", operation, run).hasSize(1);
        return records.get(0);
    }

    private List<Path> payloads() throws Exception {
        try (Stream<Path> files = Files.list(fixture.backupRoot("dev").resolve("dev").resolve("shop"))) {
            return files.filter(f -> !f.getFileName().toString().endsWith(".manifest.json")).toList();
        }
    }

    @Test
    public void shouldBackUpOnTheAgentAndReturnAndAuditTheBackup() throws Exception {
        WorkflowRun run = onAgent("  def r = backupDatabase environment: 'dev', database: 'shop', label: 'on-agent'\n"
                + "  echo \"id=${r.id} sha256=${r.sha256} label=${r.label}\"");

        AuditRecord backup = only(run, "backup");
        assertThat(backup.getOutcome()).isEqualTo("SUCCESS");
        assertThat(backup.getSha256()).isNotBlank();
        j.assertLogContains("id=" + backup.getBackupId() + " sha256=" + backup.getSha256() + " label=on-agent", run);
        assertThat(AuditTrail.get().recentOperations(10)).extracting(AuditEvent::backupId)
                .contains(backup.getBackupId());
        assertThat(payloads()).hasSize(1);
    }

    @Test
    public void shouldRestoreOnTheAgentIntoANewDatabase() throws Exception {
        WorkflowRun run = onAgent("  def b = backupDatabase environment: 'dev', database: 'shop'\n"
                + "  def r = restoreDatabase environment: 'dev', database: 'shop', backup: b.id,"
                + " targetDatabase: 'shop_agent'\n"
                + "  echo \"restored=${r.backupId} sha256=${r.sha256} into=${r.targetDatabase}\"");

        AuditRecord backup = only(run, "backup");
        AuditRecord restore = only(run, "restore");
        assertThat(restore.getOutcome()).isEqualTo("SUCCESS");
        assertThat(restore.getBackupId()).isEqualTo(backup.getBackupId());
        j.assertLogContains("restored=" + backup.getBackupId() + " sha256=" + backup.getSha256()
                + " into=shop_agent", run);
        assertThat(fixture.rows("dev", "shop_agent")).isEqualTo(RunbookFixture.ROWS);
    }

    @Test
    public void shouldVerifyOnTheAgentAndReturnEveryCheck() throws Exception {
        WorkflowRun run = onAgent("  def b = backupDatabase environment: 'dev', database: 'shop'\n"
                + "  def r = verifyDatabaseBackup environment: 'dev', database: 'shop', backup: b.id\n"
                + "  echo \"verified=${r.backupId} passed=${r.passed} first=${r.checks[0].check}:${r.checks[0].outcome}\"");

        AuditRecord verify = only(run, "verify");
        assertThat(verify.getOutcome()).isEqualTo("SUCCESS");
        j.assertLogContains("verified=" + verify.getBackupId() + " passed=true first=checksum:PASSED", run);
        assertThat(verify.getBackupId()).isEqualTo(only(run, "backup").getBackupId());
    }

    @Test
    public void shouldListOnTheAgentNewestFirst() throws Exception {
        WorkflowRun run = onAgent("  backupDatabase environment: 'dev', database: 'shop', label: 'a1'\n"
                + "  backupDatabase environment: 'dev', database: 'shop', label: 'a2'\n"
                + "  def all = listDatabaseBackups environment: 'dev', database: 'shop'\n"
                + "  echo \"count=${all.size()} labels=${all.collect { it.label }} sha=${all[0].sha256}\"");

        j.assertLogContains("count=2 labels=[a2, a1] sha=", run);
        // Listing reads only: the two backups are all the run recorded.
        assertThat(RunbookAction.of(run).getRecords()).extracting(AuditRecord::getOperation)
                .containsExactly("backup", "backup");
    }

    @Test
    public void shouldPruneOnTheAgent() throws Exception {
        WorkflowRun run = onAgent("  backupDatabase environment: 'dev', database: 'shop'\n"
                + "  backupDatabase environment: 'dev', database: 'shop'\n"
                + "  backupDatabase environment: 'dev', database: 'shop'\n"
                + "  def r = pruneDatabaseBackups environment: 'dev', database: 'shop', keepLast: 1\n"
                + "  echo \"deleted=${r.deleted.size()} kept=${r.kept.size()} dry=${r.dryRun}\"");

        j.assertLogContains("deleted=2 kept=1 dry=false", run);
        assertThat(only(run, "prune").getOutcome()).isEqualTo("SUCCESS");
        assertThat(payloads()).hasSize(1);
    }

    @Test
    public void shouldBindTheDatabaseForABodyOnTheAgent() throws Exception {
        WorkflowRun run = onAgent("  withDatabase(environment: 'dev', database: 'shop') {\n"
                + "    echo \"url=${env.DB_URL} password=${env.DB_PASSWORD}\"\n"
                + "  }");

        j.assertLogContains("url=" + fixture.url("dev", "shop") + " password=****", run);
        assertThat(RunbookFixture.everythingRecorded(run)).doesNotContain(RunbookFixture.PASSWORD);
    }

    @Test
    public void shouldMakeAndDropAScratchCopyOnTheAgent() throws Exception {
        fixture.execute("dev", "DELETE FROM items WHERE id > 4");
        WorkflowRun run = onAgent("  backupDatabase environment: 'prod', database: 'shop'\n"
                + "  withDatabaseCopy(environment: 'dev', database: 'shop', fromEnvironment: 'prod') {\n"
                + "    echo \"scratch=${env.DB_URL}\"\n"
                + "  }");

        j.assertLogContains("scratch=jdbc:h2:", run);
        assertThat(RunbookAction.of(run).getRecords()).extracting(AuditRecord::getOperation)
                .containsExactly("backup", "restore", "drop");
        assertThat(RunbookAction.of(run).getRecords()).extracting(AuditRecord::getOutcome).containsOnly("SUCCESS");
        assertThat(fixture.databases("dev")).containsExactly("shop");
        assertThat(fixture.rows("dev", "shop")).isEqualTo(4);
    }

    @Test
    public void shouldHoldMaintenanceAroundABodyOnTheAgent() throws Exception {
        User.getById("maintainer", true);
        WorkflowJob p = j.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition("node('" + LABEL + "') {\n"
                + "  withDatabaseMaintenance(reason: 'Agent upgrade', environments: ['dev']) {\n"
                + "    def r = backupDatabase environment: 'dev', database: 'shop'\n"
                + "    echo \"inside id=${r.id}\"\n"
                + "  }\n"
                + "}", true));

        WorkflowRun run = j.assertBuildStatusSuccess(p.scheduleBuild2(0,
                new CauseAction(new Cause.UserIdCause("maintainer"))));

        j.assertLogContains("Running on " + AGENT, run);
        j.assertLogContains("Database maintenance on for this build", run);
        j.assertLogContains("inside id=" + only(run, "backup").getBackupId(), run);
        assertThat(MaintenanceManager.get().isOn()).isFalse();
        assertThat(AuditTrail.get().recentOperations(10)).extracting(AuditEvent::operation)
                .containsSubsequence("maintenance-disable", "backup", "maintenance-enable");
    }
}
