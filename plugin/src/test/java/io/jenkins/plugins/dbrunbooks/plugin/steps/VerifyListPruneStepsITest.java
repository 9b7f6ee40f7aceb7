package io.jenkins.plugins.dbrunbooks.plugin.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
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

/** {@code verifyDatabaseBackup}, {@code listDatabaseBackups} and {@code pruneDatabaseBackups} in pipelines. */
public class VerifyListPruneStepsITest {
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

    private void backUp(int times) throws Exception {
        StringBuilder script = new StringBuilder("node {\n");
        for (int i = 0; i < times; i++) {
            script.append("  backupDatabase environment: 'dev', database: 'shop', label: 'b").append(i).append("'\n");
        }
        run(Result.SUCCESS, script.append("}").toString());
    }

    private List<Path> payloads() throws Exception {
        try (Stream<Path> files = Files.list(fixture.backupRoot("dev").resolve("dev").resolve("shop"))) {
            return files.filter(f -> !f.getFileName().toString().endsWith(".manifest.json")).toList();
        }
    }

    @Test
    public void shouldVerifyAGoodBackup() throws Exception {
        backUp(1);

        WorkflowRun run = run(Result.SUCCESS, "node {\n"
                + "  def r = verifyDatabaseBackup environment: 'dev', database: 'shop'\n"
                + "  echo \"passed=${r.passed} first=${r.checks[0].check}:${r.checks[0].outcome} level=${r.level}\"\n"
                + "}");

        j.assertLogContains("passed=true first=checksum:PASSED level=structure", run);
        j.assertLogContains("verified to level 'structure'", run);
    }

    @Test
    public void shouldFailTheStepWhenABackupIsDamaged() throws Exception {
        backUp(1);
        Path payload = payloads().get(0);
        byte[] bytes = Files.readAllBytes(payload);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(payload, bytes);

        WorkflowRun run = run(Result.FAILURE, "node { verifyDatabaseBackup environment: 'dev', database: 'shop' }");

        j.assertLogContains("failed verification", run);
        j.assertLogContains("FAILED  checksum", run);
    }

    @Test
    public void shouldListBackupsNewestFirst() throws Exception {
        backUp(2);

        WorkflowRun run = run(Result.SUCCESS, "node {\n"
                + "  def all = listDatabaseBackups environment: 'dev', database: 'shop'\n"
                + "  echo \"count=${all.size()} labels=${all.collect { it.label }}\"\n"
                + "}");

        j.assertLogContains("count=2 labels=[b1, b0]", run);
    }

    @Test
    public void shouldListAManifestThatCannotBeReadWithTheReason() throws Exception {
        backUp(1);
        Files.writeString(fixture.backupRoot("dev").resolve("dev").resolve("shop")
                .resolve("20200101T000000000Z-beef.manifest.json"), "{ not json");

        WorkflowRun run = run(Result.SUCCESS, "node {\n"
                + "  def all = listDatabaseBackups environment: 'dev', database: 'shop'\n"
                + "  echo \"readable=${all.collect { it.readable }} last=${all[1].id}\"\n"
                + "}");

        j.assertLogContains("readable=[true, false] last=20200101T000000000Z-beef", run);
        j.assertLogContains("Backup 20200101T000000000Z-beef cannot be read: ", run);
    }

    @Test
    public void shouldFailPruningAndDeleteNothingWhenNoBackupVerifies() throws Exception {
        backUp(2);
        for (Path payload : payloads()) {
            Files.write(payload, new byte[] {0});
        }

        WorkflowRun run = run(Result.FAILURE,
                "node { pruneDatabaseBackups environment: 'dev', database: 'shop', keepLast: 1 }");

        j.assertLogContains("verifies (2 checked); nothing was deleted", run);
        assertThat(payloads()).hasSize(2);
    }

    @Test
    public void shouldListWhatPruningWouldDeleteOnADryRunAndDeleteNothing() throws Exception {
        backUp(3);

        WorkflowRun run = run(Result.SUCCESS, "node {\n"
                + "  def r = pruneDatabaseBackups environment: 'dev', database: 'shop', keepLast: 1, dryRun: true\n"
                + "  echo \"deleted=${r.deleted.size()} kept=${r.kept.size()} dry=${r.dryRun}\"\n"
                + "}");

        j.assertLogContains("deleted=2 kept=1 dry=true", run);
        assertThat(payloads()).hasSize(3);
    }

    @Test
    public void shouldPruneToTheRetentionGiven() throws Exception {
        backUp(3);

        WorkflowRun run = run(Result.SUCCESS, "node {\n"
                + "  def r = pruneDatabaseBackups environment: 'dev', database: 'shop', keepLast: 1\n"
                + "  echo \"kept=${r.kept} protected=${r.protectedId}\"\n"
                + "}");

        assertThat(payloads()).hasSize(1);
        j.assertLogContains("protected=", run);
    }

    @Test
    public void shouldRefuseANegativeRetention() throws Exception {
        backUp(1);

        WorkflowRun run = run(Result.FAILURE,
                "node { pruneDatabaseBackups environment: 'dev', database: 'shop', keepLast: -1 }");

        j.assertLogContains("is negative", run);
        assertThat(payloads()).hasSize(1);
    }
}
