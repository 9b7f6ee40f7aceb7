package io.jenkins.plugins.dbrunbooks.plugin.changes;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleProject;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditChain;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEntry;
import io.jenkins.plugins.dbrunbooks.engine.audit.change.ConfigChange.Action;
import io.jenkins.plugins.dbrunbooks.plugin.audit.AuditTrail;
import io.jenkins.plugins.dbrunbooks.plugin.audit.RunbookAction;
import io.jenkins.plugins.dbrunbooks.plugin.freestyle.BackupDatabaseBuilder;
import io.jenkins.plugins.dbrunbooks.plugin.steps.RunbookFixture;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.CpsScmFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.SingleFileSCM;

public class JobChangeAuditITest {
    private static final String BACKUP = "node { backupDatabase environment: 'dev', database: 'shop' }\n";
    private static final String SECRET = "Hunter2-in-a-script-9c1";

    @Rule
    public JenkinsRule j = new JenkinsRule();

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Before
    public void configure() throws Exception {
        new RunbookFixture(folder).setUp();
    }

    @Test
    public void shouldRecordEditsRenameAndDeletionOfAPipelineThatUsesTheSteps() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "restore-prod");
        p.setDefinition(new CpsFlowDefinition(BACKUP, true));
        p.setDefinition(new CpsFlowDefinition(BACKUP.replace("'dev'", "'prod'")
                + "// withEnv(['DB_PASSWORD=" + SECRET + "'])\n", true));

        List<AuditEntry> edits = ChangeEvents.ofJob("restore-prod");
        assertThat(edits).extracting(e -> e.event().change().action()).containsExactly(Action.UPDATED, Action.UPDATED);
        assertThat(edits.get(0).event().change().diff()).contains("+++ b/restore-prod/config.xml")
                .contains("backupDatabase");
        assertThat(edits.get(1).event().change().diff()).contains("-node { backupDatabase environment: &apos;dev&apos;")
                .contains("+node { backupDatabase environment: &apos;prod&apos;");
        assertThat(edits.get(1).event().change().environments()).containsExactly("dev", "prod");

        p.renameTo("restore-production");
        p.delete();

        List<AuditEntry> all = ChangeEvents.all();
        AuditEntry renamed = all.get(all.size() - 2);
        assertThat(renamed.event().change().action()).isEqualTo(Action.RENAMED);
        assertThat(renamed.event().change().previousName()).isEqualTo("restore-prod");
        assertThat(renamed.event().job()).isEqualTo("restore-production");
        AuditEntry deleted = all.get(all.size() - 1);
        assertThat(deleted.event().change().action()).isEqualTo(Action.DELETED);
        assertThat(deleted.event().job()).isEqualTo("restore-production");
        assertThat(ChangeEvents.auditFile()).doesNotContain(SECRET);
        assertThat(AuditChain.verify(AuditTrail.get().file().toPath()).intact()).isTrue();
    }

    @Test
    public void shouldIgnoreJobsThatDoNotUseThePlugin() throws Exception {
        WorkflowJob plain = j.createProject(WorkflowJob.class, "plain");
        plain.setDefinition(new CpsFlowDefinition("echo 'hello'", true));
        plain.setDefinition(new CpsFlowDefinition("echo 'bye'", true));
        FreeStyleProject shell = j.createFreeStyleProject("shell");
        shell.save();
        plain.renameTo("plain2");
        shell.delete();

        assertThat(ChangeEvents.ofJob("plain")).isEmpty();
        assertThat(ChangeEvents.ofJob("plain2")).isEmpty();
        assertThat(ChangeEvents.ofJob("shell")).isEmpty();
    }

    @Test
    public void shouldRecordAFreestyleJobWithABuilderAndItsEnvironment() throws Exception {
        FreeStyleProject f = j.createFreeStyleProject("nightly");
        f.getBuildersList().add(new BackupDatabaseBuilder("dev", "shop"));

        List<AuditEntry> edits = ChangeEvents.ofJob("nightly");
        assertThat(edits).isNotEmpty();
        AuditEntry last = edits.get(edits.size() - 1);
        assertThat(last.event().change().diff()).contains("BackupDatabaseBuilder");
        assertThat(last.event().change().environments()).contains("dev");
    }

    @Test
    public void shouldRecordEachNewJenkinsfileRevisionOnceAndLinkTheRunToIt() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "from-scm");
        p.setDefinition(new CpsScmFlowDefinition(new SingleFileSCM("Jenkinsfile", BACKUP), "Jenkinsfile"));

        WorkflowRun first = j.buildAndAssertSuccess(p);
        j.buildAndAssertSuccess(p);
        List<AuditEntry> revisions = ChangeEvents.ofJob("from-scm").stream()
                .filter(e -> e.event().change().action() == Action.JENKINSFILE).toList();
        assertThat(revisions).hasSize(1);
        assertThat(revisions.get(0).event().change().revision()).matches("[0-9a-f]{12}");
        assertThat(revisions.get(0).event().change().diff()).contains("+++ b/Jenkinsfile")
                .contains("+node { backupDatabase");
        assertThat(first.getAction(RunbookAction.class).getJobChange()).isEqualTo(revisions.get(0).hash());

        String second = BACKUP + "echo 'password: \"" + SECRET + "\"'\n";
        p.setDefinition(new CpsScmFlowDefinition(new SingleFileSCM("Jenkinsfile", second), "Jenkinsfile"));
        WorkflowRun third = j.buildAndAssertSuccess(p);

        revisions = ChangeEvents.ofJob("from-scm").stream()
                .filter(e -> e.event().change().action() == Action.JENKINSFILE).toList();
        assertThat(revisions).hasSize(2);
        assertThat(revisions.get(1).event().change().diff()).contains("--- a/Jenkinsfile").contains("+echo");
        assertThat(third.getAction(RunbookAction.class).getJobChange()).isEqualTo(revisions.get(1).hash());
        assertThat(ChangeEvents.auditFile()).doesNotContain(SECRET);
    }
}
