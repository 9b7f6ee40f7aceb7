package io.jenkins.plugins.dbrunbooks.plugin.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.AbortException;
import hudson.model.Result;
import io.jenkins.plugins.dbrunbooks.plugin.audit.AuditRecord;
import io.jenkins.plugins.dbrunbooks.plugin.audit.RunbookAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.test.steps.SemaphoreStep;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.JenkinsSessionRule;

/** A restart of Jenkins while the body of {@code withDatabaseCopy} runs. */
public class WithDatabaseCopyRestartITest {
    private static final Pattern SCRATCH = Pattern.compile("scratch=.*/(shop_copy_\\d+_[0-9a-f]{4})\\b");

    @Rule
    public JenkinsSessionRule sessions = new JenkinsSessionRule();

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private static WorkflowRun build(JenkinsRule j) {
        return j.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
    }

    /** Every file of the build's directory, the saved Pipeline program included, as bytes read one to a char. */
    private static String buildDirectory(WorkflowRun run) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(run.getRootDir().toPath())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }

    /** Starts a build whose body holds a scratch copy and waits in a semaphore; returns the scratch name. */
    private String startCopyAndWait(JenkinsRule j) throws Exception {
        RunbookFixture fixture = new RunbookFixture(folder).setUp();
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("node {\n"
                + "  backupDatabase environment: 'dev', database: 'shop'\n"
                + "  withDatabaseCopy(environment: 'dev', database: 'shop') {\n"
                + "    echo \"scratch=${env.DB_URL}\"\n"
                + "    semaphore 'copy'\n"
                + "    echo \"resumed=${env.DB_URL.contains('/shop_copy_1_')} password=${env.DB_PASSWORD}\"\n"
                + "  }\n"
                + "}", true));
        WorkflowRun run = p.scheduleBuild2(0).waitForStart();
        SemaphoreStep.waitForStart("copy/1", run);
        Matcher m = SCRATCH.matcher(JenkinsRule.getLog(run));
        assertThat(m.find()).as("the body printed the scratch URL").isTrue();
        assertThat(fixture.rows("dev", m.group(1))).isEqualTo(RunbookFixture.ROWS);
        return m.group(1);
    }

    @Test
    public void shouldResumeTheBodyAndDropTheScratchCopyWhenItEnds() throws Throwable {
        String[] scratch = new String[1];
        sessions.then(j -> scratch[0] = startCopyAndWait(j));
        sessions.then(j -> {
            RunbookFixture fixture = new RunbookFixture(folder);
            WorkflowRun run = build(j);
            // The copy outlives the restart: the body goes on with it.
            assertThat(fixture.databaseExists("dev", scratch[0])).isTrue();
            assertThat(buildDirectory(run)).doesNotContain(RunbookFixture.PASSWORD);

            SemaphoreStep.success("copy/1", null);
            j.assertBuildStatusSuccess(j.waitForCompletion(run));

            j.assertLogContains("after Jenkins restart", run);
            j.assertLogContains("resumed=true password=****", run);
            j.assertLogContains("Dropped scratch database '" + scratch[0] + "'", run);
            assertThat(fixture.databases("dev")).containsExactly("shop");
            List<AuditRecord> records = RunbookAction.of(run).getRecords();
            assertThat(records).extracting(AuditRecord::getOperation).containsExactly("backup", "restore", "drop");
            assertThat(RunbookFixture.everythingRecorded(run)).doesNotContain(RunbookFixture.PASSWORD);
        });
    }

    @Test
    public void shouldDropTheScratchCopyWhenTheBodyFailsAfterARestart() throws Throwable {
        String[] scratch = new String[1];
        sessions.then(j -> scratch[0] = startCopyAndWait(j));
        sessions.then(j -> {
            RunbookFixture fixture = new RunbookFixture(folder);
            WorkflowRun run = build(j);

            SemaphoreStep.failure("copy/1", new AbortException("the tests failed"));
            j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(run));

            j.assertLogContains("the tests failed", run);
            j.assertLogNotContains("resumed=", run);
            j.assertLogContains("Dropped scratch database '" + scratch[0] + "'", run);
            assertThat(fixture.databases("dev")).containsExactly("shop");
        });
    }
}
