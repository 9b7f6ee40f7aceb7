package io.jenkins.plugins.dbrunbooks.plugin.trend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.jenkins.plugins.dbrunbooks.plugin.audit.BackupProof;
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
import org.springframework.security.access.AccessDeniedException;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

/** The trend charts on a runbook job and the proof levels in its builds' receipts, in real builds. */
public class RunbookTrendActionITest {
    @Rule
    public JenkinsRule j = new JenkinsRule();

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private WorkflowJob job;

    @Before
    public void configure() throws Exception {
        new RunbookFixture(folder).setUp();
        job = j.createProject(WorkflowJob.class, "nightly");
        job.setDefinition(new CpsFlowDefinition("node {\n"
                + "  backupDatabase environment: 'dev', database: 'shop'\n"
                + "  drillDatabaseBackup environment: 'dev', database: 'shop'\n"
                + "}", true));
    }

    @Test
    public void shouldChartSizeDurationAndRestoreTimeOfEveryBuild() throws Exception {
        WorkflowRun first = j.buildAndAssertStatus(Result.SUCCESS, job);
        WorkflowRun second = j.buildAndAssertStatus(Result.SUCCESS, job);

        RunbookTrendAction action = job.getAction(RunbookTrendAction.class);
        assertThat(action).as("added by the receipt of the last successful build").isNotNull();
        assertThat(action.getSizeChart().isTrendVisible()).isTrue();
        JsonNode sizes = new ObjectMapper().readTree(action.getSizeChart().getBuildTrendModel());
        assertThat(sizes.get("buildNumbers").toString())
                .isEqualTo("[" + first.getNumber() + "," + second.getNumber() + "]");
        assertThat(sizes.get("series").get(0).get("name").asText()).startsWith("dev/shop (");
        assertThat(sizes.get("series").get(0).get("data").get(1).asDouble()).isPositive();
        JsonNode times = new ObjectMapper().readTree(action.getTimeChart().getBuildTrendModel());
        assertThat(times.get("series")).extracting(s -> s.get("name").asText())
                .containsExactly("backup dev/shop (s)", "drill restore dev/shop (s)");
        assertThat(times.get("series").get(1).get("data").get(1).isNumber()).isTrue();
        assertThat(new ObjectMapper().readTree(action.getTimeChart().getConfigurableBuildTrendModel("{}")))
                .as("the model the trend-chart tag's script asks for").isEqualTo(times);

        String jobPage = j.createWebClient().getPage(job).getWebResponse().getContentAsString();
        assertThat(jobPage).contains("Backup size").contains("Backup and drill restore time")
                .contains("echarts-api-trend-chart-data-holder");
    }

    @Test
    public void shouldRefuseTheChartModelToWhoCannotReadTheJob() throws Exception {
        j.buildAndAssertStatus(Result.SUCCESS, job);
        j.buildAndAssertStatus(Result.SUCCESS, job);
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ).everywhere().to("outsider")
                .grant(Jenkins.READ, Item.READ).everywhere().to("reader"));
        RunbookTrendAction action = job.getAction(RunbookTrendAction.class);

        try (ACLContext c = ACL.as(User.getById("outsider", true))) {
            assertThatThrownBy(() -> action.getSizeChart().getBuildTrendModel())
                    .isInstanceOf(AccessDeniedException.class);
        }
        try (ACLContext c = ACL.as(User.getById("reader", true))) {
            assertThat(action.getTimeChart().getBuildTrendModel()).contains("drill restore dev/shop (s)");
        }
    }

    @Test
    public void shouldShowInTheReceiptHowFarEachBackupWasProvenByNow() throws Exception {
        WorkflowJob backupOnly = j.createProject(WorkflowJob.class, "backup-only");
        backupOnly.setDefinition(new CpsFlowDefinition(
                "node { backupDatabase environment: 'dev', database: 'shop' }", true));
        WorkflowRun backup = j.buildAndAssertStatus(Result.SUCCESS, backupOnly);
        RunbookAction receipt = backup.getAction(RunbookAction.class);
        assertThat(receipt.getBackups()).extracting(BackupProof::getProven).containsExactly("stored");

        WorkflowJob drill = j.createProject(WorkflowJob.class, "drill");
        drill.setDefinition(new CpsFlowDefinition(
                "node { drillDatabaseBackup environment: 'dev', database: 'shop' }", true));
        j.buildAndAssertStatus(Result.SUCCESS, drill);

        assertThat(receipt.getBackups()).extracting(BackupProof::getProven)
                .as("the later drill counts in the backup's own receipt").containsExactly("checked");
        String page = j.createWebClient().getPage(backup, RunbookAction.URL_NAME).asNormalizedText();
        assertThat(page).contains("restored and checked").contains(receipt.getBackups().get(0).getBackupId());
    }

    @Test
    public void shouldListEachBackupWithHowFarItWasProven() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "list");
        p.setDefinition(new CpsFlowDefinition("node {\n"
                + "  backupDatabase environment: 'dev', database: 'shop', label: 'old'\n"
                + "  verifyDatabaseBackup environment: 'dev', database: 'shop'\n"
                + "  backupDatabase environment: 'dev', database: 'shop', label: 'new'\n"
                + "  drillDatabaseBackup environment: 'dev', database: 'shop'\n"
                + "  def all = listDatabaseBackups environment: 'dev', database: 'shop'\n"
                + "  echo \"proven=${all.collect { it.label + ':' + it.proven }} drilled=${all[0].lastDrill.passed}\"\n"
                + "}", true));

        WorkflowRun run = j.buildAndAssertStatus(Result.SUCCESS, p);

        j.assertLogContains("proven=[new:checked, old:", run);
        j.assertLogContains("drilled=true", run);
    }
}
