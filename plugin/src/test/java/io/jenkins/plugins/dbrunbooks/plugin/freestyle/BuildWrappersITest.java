package io.jenkins.plugins.dbrunbooks.plugin.freestyle;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.Functions;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import hudson.tasks.BatchFile;
import hudson.tasks.Builder;
import hudson.tasks.Shell;
import io.jenkins.plugins.dbrunbooks.plugin.audit.AuditRecord;
import io.jenkins.plugins.dbrunbooks.plugin.audit.RunbookAction;
import io.jenkins.plugins.dbrunbooks.plugin.steps.RunbookFixture;
import java.util.List;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.jvnet.hudson.test.JenkinsRule;

/** "Back up databases before the build" and "Scratch copy of a database". */
public class BuildWrappersITest {
    @Rule
    public JenkinsRule j = new JenkinsRule();

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private RunbookFixture fixture;

    @Before
    public void configure() throws Exception {
        fixture = new RunbookFixture(folder).setUp();
    }

    private static Builder script(String unix, String windows) {
        return Functions.isWindows() ? new BatchFile(windows) : new Shell(unix);
    }

    @Test
    public void shouldKeepTheBackupWrapperThroughTheConfigurationForm() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject();
        BackupBeforeBuildWrapper wrapper = new BackupBeforeBuildWrapper(List.of(
                new DatabaseSelection("dev", "shop"), new DatabaseSelection("prod", "shop")));
        wrapper.setLabel("pre-${BUILD_NUMBER}");
        project.getBuildWrappersList().add(wrapper);

        j.configRoundtrip(project);

        j.assertEqualDataBoundBeans(wrapper, project.getBuildWrappersList().get(BackupBeforeBuildWrapper.class));
    }

    @Test
    public void shouldBackUpEveryListedDatabaseBeforeTheBuild() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject();
        BackupBeforeBuildWrapper wrapper = new BackupBeforeBuildWrapper(List.of(
                new DatabaseSelection("dev", "shop"), new DatabaseSelection("prod", "shop")));
        wrapper.setLabel("pre-${BUILD_NUMBER}");
        project.getBuildWrappersList().add(wrapper);

        FreeStyleBuild build = j.buildAndAssertSuccess(project);

        assertThat(RunbookAction.of(build).getRecords()).extracting(AuditRecord::getEnvironment)
                .containsExactly("dev", "prod");
        assertThat(RunbookAction.of(build).getRecords()).extracting(AuditRecord::getMessage)
                .containsOnly("pre-1");
    }

    @Test
    public void shouldNotRunTheBuildWhenABackupFails() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject();
        project.getBuildWrappersList().add(new BackupBeforeBuildWrapper(List.of(
                new DatabaseSelection("dev", "nope"))));
        project.getBuildersList().add(script("echo build ran", "echo build ran"));

        FreeStyleBuild build = j.buildAndAssertStatus(Result.FAILURE, project);

        j.assertLogContains("Environment 'dev' has no database 'nope'", build);
        j.assertLogNotContains("build ran", build);
    }

    @Test
    public void shouldKeepTheScratchCopyWrapperThroughTheConfigurationForm() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject();
        ScratchCopyWrapper wrapper = new ScratchCopyWrapper("dev", "shop");
        wrapper.setFromEnvironment("prod");
        wrapper.setFromLive(true);
        wrapper.setPasswordVariable("SHOP_PASSWORD");
        project.getBuildWrappersList().add(wrapper);

        j.configRoundtrip(project);

        j.assertEqualDataBoundBeans(wrapper, project.getBuildWrappersList().get(ScratchCopyWrapper.class));
    }

    @Test
    public void shouldBindAScratchCopyAndDropItWhenTheBuildFails() throws Exception {
        FreeStyleProject backup = j.createFreeStyleProject();
        backup.getBuildersList().add(new BackupDatabaseBuilder("dev", "shop"));
        j.buildAndAssertSuccess(backup);
        FreeStyleProject project = j.createFreeStyleProject();
        project.getBuildWrappersList().add(new ScratchCopyWrapper("dev", "shop"));
        project.getBuildersList().add(script("echo \"url=$DB_URL password=$DB_PASSWORD\"; exit 1",
                "echo url=%DB_URL% password=%DB_PASSWORD%\r\nexit /b 1"));

        FreeStyleBuild build = j.buildAndAssertStatus(Result.FAILURE, project);

        j.assertLogContains("shop_copy_1_", build);
        j.assertLogContains("password=****", build);
        assertThat(fixture.databases("dev")).containsExactly("shop");
        assertThat(RunbookAction.of(build).getRecords()).extracting(AuditRecord::getOperation)
                .containsExactly("restore", "drop");
        assertThat(RunbookFixture.everythingRecorded(build)).doesNotContain(RunbookFixture.PASSWORD);
    }

    @Test
    public void shouldBindALiveCopyWithoutAnyBackupAndDropItAfterwards() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject();
        ScratchCopyWrapper wrapper = new ScratchCopyWrapper("dev", "shop");
        wrapper.setFromLive(true);
        project.getBuildWrappersList().add(wrapper);
        project.getBuildersList().add(script("echo \"url=$DB_URL\"", "echo url=%DB_URL%"));

        FreeStyleBuild build = j.buildAndAssertSuccess(project);

        j.assertLogContains("holds a live copy of 'dev/shop'", build);
        j.assertLogContains("url=jdbc:h2:", build);
        assertThat(fixture.databases("dev")).containsExactly("shop");
        assertThat(RunbookAction.of(build).getRecords()).extracting(AuditRecord::getOperation)
                .containsExactly("restore", "drop");
    }
}
