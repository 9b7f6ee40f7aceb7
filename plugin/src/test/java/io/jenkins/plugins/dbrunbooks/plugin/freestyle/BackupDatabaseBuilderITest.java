package io.jenkins.plugins.dbrunbooks.plugin.freestyle;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import io.jenkins.plugins.dbrunbooks.plugin.audit.AuditRecord;
import io.jenkins.plugins.dbrunbooks.plugin.audit.RunbookAction;
import io.jenkins.plugins.dbrunbooks.plugin.steps.RunbookFixture;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.jvnet.hudson.test.JenkinsRule;

public class BackupDatabaseBuilderITest {
    @Rule
    public JenkinsRule j = new JenkinsRule();

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private RunbookFixture fixture;

    @Before
    public void configure() throws Exception {
        fixture = new RunbookFixture(folder).setUp();
    }

    @Test
    public void shouldKeepItsSettingsThroughTheConfigurationForm() throws Exception {
        BackupDatabaseBuilder builder = new BackupDatabaseBuilder("dev", "shop");
        builder.setLabel("nightly");

        BackupDatabaseBuilder after = j.configRoundtrip(builder);

        j.assertEqualDataBoundBeans(builder, after);
    }

    @Test
    public void shouldBackUpWithTheBuildNumberInTheLabel() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject();
        BackupDatabaseBuilder builder = new BackupDatabaseBuilder("dev", "shop");
        builder.setLabel("build-${BUILD_NUMBER}");
        project.getBuildersList().add(builder);

        FreeStyleBuild build = j.buildAndAssertSuccess(project);

        AuditRecord record = RunbookAction.of(build).getRecords().get(0);
        assertThat(record.getOperation()).isEqualTo("backup");
        assertThat(record.getMessage()).isEqualTo("build-1");
        assertThat(RunbookFixture.everythingRecorded(build)).doesNotContain(RunbookFixture.PASSWORD);
    }

    @Test
    public void shouldRestoreAndRefuseAProtectedEnvironmentWithoutConfirmation() throws Exception {
        FreeStyleProject backup = j.createFreeStyleProject();
        backup.getBuildersList().add(new BackupDatabaseBuilder("prod", "shop"));
        FreeStyleBuild backedUp = j.buildAndAssertSuccess(backup);
        fixture.execute("prod", "DELETE FROM items WHERE id > 2");
        FreeStyleProject restore = j.createFreeStyleProject();
        RestoreDatabaseBuilder unconfirmed = new RestoreDatabaseBuilder("prod", "shop");
        restore.getBuildersList().add(unconfirmed);

        FreeStyleBuild refused = j.buildAndAssertStatus(Result.FAILURE, restore);

        j.assertLogContains("Environment 'prod' is protected", refused);
        assertThat(fixture.rows("prod", "shop")).isEqualTo(2);

        unconfirmed.setConfirm("prod");
        FreeStyleBuild lossNotAccepted = j.buildAndAssertStatus(Result.FAILURE, restore);
        j.assertLogContains("would throw away what was written since it", lossNotAccepted);
        assertThat(fixture.rows("prod", "shop")).isEqualTo(2);

        unconfirmed.setAcceptLoss(RunbookAction.of(backedUp).getRecords().stream()
                .filter(r -> "backup".equals(r.getOperation())).findFirst().orElseThrow().getBackupId());
        j.buildAndAssertSuccess(restore);

        assertThat(fixture.rows("prod", "shop")).isEqualTo(RunbookFixture.ROWS);
    }

    @Test
    public void shouldKeepRestoreSettingsThroughTheConfigurationForm() throws Exception {
        RestoreDatabaseBuilder builder = new RestoreDatabaseBuilder("dev", "shop");
        builder.setBackup("20261124T235512123Z-9f3c");
        builder.setFromEnvironment("prod");
        builder.setFromDatabase("shop");
        builder.setTargetDatabase("shop_feature");
        builder.setConfirm("dev");
        builder.setAcceptLoss("20261124T235512123Z-9f3c");

        RestoreDatabaseBuilder after = j.configRoundtrip(builder);

        j.assertEqualDataBoundBeans(builder, after);
    }
}
