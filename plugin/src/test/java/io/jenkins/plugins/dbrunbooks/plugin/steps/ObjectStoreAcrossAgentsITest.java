package io.jenkins.plugins.dbrunbooks.plugin.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.slaves.DumbSlave;
import io.jenkins.plugins.dbrunbooks.engine.testing.S3TestServer;
import io.jenkins.plugins.dbrunbooks.plugin.config.EnvironmentConfig;
import io.jenkins.plugins.dbrunbooks.plugin.config.RunbooksConfiguration;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * A bucket shared by two agents: a backup taken on one is listed and restored on the other, with the key from a
 * username/password credential that reaches the agents only inside the work that needs it.
 */
public class ObjectStoreAcrossAgentsITest {
    @ClassRule
    public static final S3TestServer SERVER = new S3TestServer();
    @Rule
    public JenkinsRule j = new JenkinsRule();
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void shouldRestoreOnOneAgentABackupTakenOnAnother() throws Exception {
        RunbookFixture fixture = new RunbookFixture(folder).setUp();
        SystemCredentialsProvider.getInstance().getCredentials().add(new UsernamePasswordCredentialsImpl(
                CredentialsScope.GLOBAL, "s3-key", null, S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY));
        SystemCredentialsProvider.getInstance().save();
        String bucket = SERVER.newBucket();
        EnvironmentConfig dev = RunbooksConfiguration.get().environment("dev");
        dev.setBackupRoot("s3://" + bucket + "/runbooks");
        dev.setObjectStoreEndpoint(SERVER.endpoint());
        dev.setObjectStoreRegion("us-east-1");
        dev.setObjectStorePathStyle(true);
        dev.setObjectStoreCredentialsId("s3-key");
        DumbSlave first = j.createSlave("first", "first", null);
        DumbSlave second = j.createSlave("second", "second", null);
        j.waitOnline(first);
        j.waitOnline(second);

        WorkflowJob p = j.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition("def id\n"
                + "node('first') { id = backupDatabase(environment: 'dev', database: 'shop').id }\n"
                + "node('second') {\n"
                + "  def all = listDatabaseBackups environment: 'dev', database: 'shop'\n"
                + "  echo \"listed=${all.collect { it.id }}\"\n"
                + "  def r = restoreDatabase environment: 'dev', database: 'shop', backup: id,"
                + " targetDatabase: 'shop_second'\n"
                + "  echo \"restored=${r.backupId}\"\n"
                + "}", true));
        WorkflowRun run = j.buildAndAssertSuccess(p);

        j.assertLogContains("Running on first", run);
        j.assertLogContains("Running on second", run);
        String id = JenkinsRule.getLog(run).replaceAll("(?s).*restored=(\\S+).*", "$1");
        j.assertLogContains("listed=[" + id + "]", run);
        assertThat(fixture.rows("dev", "shop_second")).isEqualTo(RunbookFixture.ROWS);
        assertThat(SERVER.objects(bucket)).contains("runbooks/dev/shop/" + id + ".manifest.json");
        assertThat(fixture.backupRoot("dev")).doesNotExist();
        assertThat(RunbookFixture.everythingRecorded(run)).doesNotContain(S3TestServer.SECRET_KEY);
    }
}
