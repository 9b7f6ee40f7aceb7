package io.jenkins.plugins.dbrunbooks.plugin.freestyle;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.Functions;
import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.User;
import hudson.slaves.DumbSlave;
import hudson.tasks.BatchFile;
import hudson.tasks.Builder;
import hudson.tasks.Shell;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent;
import io.jenkins.plugins.dbrunbooks.plugin.audit.AuditRecord;
import io.jenkins.plugins.dbrunbooks.plugin.audit.AuditTrail;
import io.jenkins.plugins.dbrunbooks.plugin.audit.RunbookAction;
import io.jenkins.plugins.dbrunbooks.plugin.maintenance.MaintenanceManager;
import io.jenkins.plugins.dbrunbooks.plugin.steps.RunbookFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * Every freestyle builder and wrapper in a build on a real agent. The built-in node has no executors, so each
 * build runs on the agent; the engine's results and audit events cross the remoting channel back.
 */
public class FreestyleOnAgentITest {
    @Rule
    public JenkinsRule j = new JenkinsRule();

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private static final String AGENT = "db-agent";

    private RunbookFixture fixture;

    @Before
    public void configure() throws Exception {
        fixture = new RunbookFixture(folder).setUp();
        DumbSlave agent = j.createSlave(AGENT, "db-tools", null);
        j.waitOnline(agent);
        j.jenkins.setNumExecutors(0);
    }

    private FreeStyleBuild buildOnAgent(FreeStyleProject project) throws Exception {
        FreeStyleBuild build = j.buildAndAssertSuccess(project);
        assertThat(build.getBuiltOnStr()).isEqualTo(AGENT);
        j.assertLogNotContains("Rejected", build);
        return build;
    }

    private static Builder script(String unix, String windows) {
        return Functions.isWindows() ? new BatchFile(windows) : new Shell(unix);
    }

    private String backUp(String environment) throws Exception {
        FreeStyleProject backup = j.createFreeStyleProject();
        backup.getBuildersList().add(new BackupDatabaseBuilder(environment, "shop"));
        AuditRecord record = RunbookAction.of(buildOnAgent(backup)).getRecords().get(0);
        assertThat(record.getOperation()).isEqualTo("backup");
        assertThat(record.getOutcome()).isEqualTo("SUCCESS");
        return record.getBackupId();
    }

    @Test
    public void shouldBackUpOnTheAgent() throws Exception {
        String backupId = backUp("dev");

        assertThat(AuditTrail.get().recentOperations(10)).extracting(AuditEvent::backupId).contains(backupId);
        try (Stream<Path> files = Files.list(fixture.backupRoot("dev").resolve("dev").resolve("shop"))) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .anyMatch(n -> n.startsWith(backupId) && n.endsWith(".manifest.json"));
        }
    }

    @Test
    public void shouldRestoreOnTheAgent() throws Exception {
        String backupId = backUp("dev");
        FreeStyleProject project = j.createFreeStyleProject();
        RestoreDatabaseBuilder restore = new RestoreDatabaseBuilder("dev", "shop");
        restore.setBackup(backupId);
        restore.setTargetDatabase("shop_agent");
        project.getBuildersList().add(restore);

        FreeStyleBuild build = buildOnAgent(project);

        AuditRecord record = RunbookAction.of(build).getRecords().get(0);
        assertThat(record.getOperation()).isEqualTo("restore");
        assertThat(record.getOutcome()).isEqualTo("SUCCESS");
        assertThat(record.getBackupId()).isEqualTo(backupId);
        assertThat(fixture.rows("dev", "shop_agent")).isEqualTo(RunbookFixture.ROWS);
    }

    @Test
    public void shouldBackUpEveryListedDatabaseOnTheAgentBeforeTheBuild() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject();
        BackupBeforeBuildWrapper wrapper = new BackupBeforeBuildWrapper(List.of(
                new DatabaseSelection("dev", "shop"), new DatabaseSelection("prod", "shop")));
        wrapper.setLabel("pre-${BUILD_NUMBER}");
        project.getBuildWrappersList().add(wrapper);
        project.getBuildersList().add(script("echo build ran", "echo build ran"));

        FreeStyleBuild build = buildOnAgent(project);

        j.assertLogContains("build ran", build);
        assertThat(RunbookAction.of(build).getRecords()).extracting(AuditRecord::getEnvironment)
                .containsExactly("dev", "prod");
        assertThat(RunbookAction.of(build).getRecords()).extracting(AuditRecord::getMessage).containsOnly("pre-1");
        assertThat(RunbookAction.of(build).getRecords()).extracting(AuditRecord::getOutcome)
                .containsOnly("SUCCESS");
    }

    @Test
    public void shouldBindAScratchCopyOnTheAgentAndDropIt() throws Exception {
        backUp("dev");
        FreeStyleProject project = j.createFreeStyleProject();
        project.getBuildWrappersList().add(new ScratchCopyWrapper("dev", "shop"));
        project.getBuildersList().add(script("echo \"url=$DB_URL password=$DB_PASSWORD\"",
                "echo url=%DB_URL% password=%DB_PASSWORD%"));

        FreeStyleBuild build = buildOnAgent(project);

        j.assertLogContains("shop_copy_1_", build);
        j.assertLogContains("password=****", build);
        assertThat(RunbookAction.of(build).getRecords()).extracting(AuditRecord::getOperation)
                .containsExactly("restore", "drop");
        assertThat(fixture.databases("dev")).containsExactly("shop");
        assertThat(RunbookFixture.everythingRecorded(build)).doesNotContain(RunbookFixture.PASSWORD);
    }

    @Test
    public void shouldHoldMaintenanceForABuildOnTheAgent() throws Exception {
        User.getById("maintainer", true);
        FreeStyleProject project = j.createFreeStyleProject();
        MaintenanceWrapper wrapper = new MaintenanceWrapper("Agent upgrade");
        wrapper.setEnvironments("dev");
        project.getBuildWrappersList().add(wrapper);
        project.getBuildersList().add(new BackupDatabaseBuilder("dev", "shop"));

        FreeStyleBuild build = j.assertBuildStatusSuccess(project.scheduleBuild2(0,
                new CauseAction(new Cause.UserIdCause("maintainer"))));

        assertThat(build.getBuiltOnStr()).isEqualTo(AGENT);
        j.assertLogContains("Database maintenance on for this build", build);
        j.assertLogContains("is off", build);
        assertThat(RunbookAction.of(build).getRecords()).extracting(AuditRecord::getOperation)
                .containsExactly("backup");
        assertThat(MaintenanceManager.get().isOn()).isFalse();
        assertThat(AuditTrail.get().recentOperations(10)).extracting(AuditEvent::operation)
                .containsSubsequence("maintenance-disable", "backup", "maintenance-enable");
    }
}
