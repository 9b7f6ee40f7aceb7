package io.jenkins.plugins.dbrunbooks.plugin.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.User;
import io.jenkins.plugins.dbrunbooks.plugin.security.RunbookPermissions;
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

public class WithDatabaseStepITest {
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
        WorkflowJob p = j.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    @Test
    public void shouldBindTheDatabaseForTheBodyWithTheSecretsMasked() throws Exception {
        WorkflowJob p = pipeline("withDatabase(environment: 'dev', database: 'shop') {\n"
                + "  echo \"url=${env.DB_URL}\"\n"
                + "  echo \"user=${env.DB_USER} password=${env.DB_PASSWORD}\"\n"
                + "}\n"
                + "echo \"after=${env.DB_PASSWORD}\"");

        WorkflowRun run = j.buildAndAssertSuccess(p);

        j.assertLogContains("url=" + fixture.url("dev", "shop"), run);
        j.assertLogContains("user=**** password=****", run);
        j.assertLogContains("after=null", run);
        assertThat(RunbookFixture.everythingRecorded(run)).doesNotContain(RunbookFixture.PASSWORD)
                .doesNotContain(RunbookFixture.USER);
    }

    @Test
    public void shouldUseTheVariableNamesGiven() throws Exception {
        WorkflowJob p = pipeline("withDatabase(environment: 'dev', database: 'shop', role: 'restore',"
                + " urlVariable: 'SHOP_URL', userVariable: 'SHOP_USER', passwordVariable: 'SHOP_PASSWORD') {\n"
                + "  echo \"url=${env.SHOP_URL} default=${env.DB_URL} set=${env.SHOP_PASSWORD != null}\"\n"
                + "}");

        WorkflowRun run = j.buildAndAssertSuccess(p);

        j.assertLogContains("url=" + fixture.url("dev", "shop") + " default=null set=true", run);
    }

    @Test
    public void shouldRefuseAnUnknownRole() throws Exception {
        WorkflowJob p = pipeline("withDatabase(environment: 'dev', database: 'shop', role: 'owner') { echo 'body ran' }");

        WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, p);

        j.assertLogContains("Role 'owner' is not known", run);
        j.assertLogNotContains("body ran", run);
    }

    @Test
    public void shouldRefuseTheDeployLoginToAUserWithoutRestore() throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.BUILD, RunbookPermissions.BACKUP).everywhere().to("bob"));
        User.getById("bob", true);
        WorkflowJob p = pipeline("withDatabase(environment: 'dev', database: 'shop') { echo 'body ran' }");

        WorkflowRun run = j.assertBuildStatus(Result.FAILURE,
                p.scheduleBuild2(0, new CauseAction(new Cause.UserIdCause("bob"))));

        j.assertLogContains(RunbookPermissions.RESTORE.name, run);
        j.assertLogNotContains("body ran", run);
    }
}
