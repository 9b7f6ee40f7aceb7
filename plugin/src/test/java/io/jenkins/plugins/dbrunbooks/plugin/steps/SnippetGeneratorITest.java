package io.jenkins.plugins.dbrunbooks.plugin.steps;

import java.util.List;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * Every step as the snippet generator writes it, and back: the snippet parses into an equal step. Arguments come
 * in alphabetical order and values equal to the defaults are left out.
 */
public class SnippetGeneratorITest {
    private static final String BACKUP_ID = "20261124T235512123Z-9f3c";
    private static final String BLOCK = " {\n    // some block\n}";

    @Rule
    public JenkinsRule j = new JenkinsRule();

    private SnippetizerTester snippets;

    @Before
    public void setUp() {
        snippets = new SnippetizerTester(j);
    }

    @Test
    public void shouldWriteAndReadBackupDatabase() throws Exception {
        BackupDatabaseStep step = new BackupDatabaseStep("qa", "shop");
        snippets.assertRoundTrip(step, "backupDatabase database: 'shop', environment: 'qa'");
        step.setLabel("pre-1.4");
        snippets.assertRoundTrip(step, "backupDatabase database: 'shop', environment: 'qa', label: 'pre-1.4'");
    }

    @Test
    public void shouldWriteAndReadRestoreDatabase() throws Exception {
        RestoreDatabaseStep step = new RestoreDatabaseStep("qa", "shop");
        snippets.assertRoundTrip(step, "restoreDatabase database: 'shop', environment: 'qa'");
        step.setBackup(BACKUP_ID);
        step.setFromEnvironment("prod");
        step.setFromDatabase("orders");
        step.setTargetDatabase("shop_feature");
        step.setConfirm("qa");
        snippets.assertRoundTrip(step, "restoreDatabase backup: '" + BACKUP_ID + "', confirm: 'qa', database: 'shop', "
                + "environment: 'qa', fromDatabase: 'orders', fromEnvironment: 'prod', targetDatabase: 'shop_feature'");
        RestoreDatabaseStep rollback = new RestoreDatabaseStep("prod", "shop");
        rollback.setBackup(BACKUP_ID);
        rollback.setConfirm("prod");
        rollback.setAcceptLoss(BACKUP_ID);
        snippets.assertRoundTrip(rollback, "restoreDatabase acceptLoss: '" + BACKUP_ID + "', backup: '" + BACKUP_ID
                + "', confirm: 'prod', database: 'shop', environment: 'prod'");
    }

    @Test
    public void shouldWriteAndReadDatabaseChangesSince() throws Exception {
        DatabaseChangesSinceStep step = new DatabaseChangesSinceStep("prod", "shop");
        snippets.assertRoundTrip(step, "databaseChangesSince database: 'shop', environment: 'prod'");
        step.setBackup(BACKUP_ID);
        snippets.assertRoundTrip(step, "databaseChangesSince backup: '" + BACKUP_ID
                + "', database: 'shop', environment: 'prod'");
    }

    @Test
    public void shouldWriteAndReadVerifyListAndPrune() throws Exception {
        VerifyDatabaseBackupStep verify = new VerifyDatabaseBackupStep("qa", "shop");
        verify.setBackup(BACKUP_ID);
        snippets.assertRoundTrip(verify, "verifyDatabaseBackup backup: '" + BACKUP_ID
                + "', database: 'shop', environment: 'qa'");

        snippets.assertRoundTrip(new ListDatabaseBackupsStep("qa", "shop"),
                "listDatabaseBackups database: 'shop', environment: 'qa'");

        PruneDatabaseBackupsStep prune = new PruneDatabaseBackupsStep("qa", "shop");
        snippets.assertRoundTrip(prune, "pruneDatabaseBackups database: 'shop', environment: 'qa'");
        prune.setDryRun(true);
        prune.setKeepLast(3);
        prune.setMaxAgeDays(30);
        snippets.assertRoundTrip(prune, "pruneDatabaseBackups database: 'shop', dryRun: true, environment: 'qa', "
                + "keepLast: 3, maxAgeDays: 30");
    }

    @Test
    public void shouldWriteAndReadWithDatabase() throws Exception {
        WithDatabaseStep step = new WithDatabaseStep("qa", "shop");
        snippets.assertRoundTrip(step, "withDatabase(database: 'shop', environment: 'qa')" + BLOCK);
        step.setRole("restore");
        step.setUrlVariable("SHOP_URL");
        step.setUserVariable("SHOP_USER");
        step.setPasswordVariable("SHOP_PASSWORD");
        snippets.assertRoundTrip(step, "withDatabase(database: 'shop', environment: 'qa', "
                + "passwordVariable: 'SHOP_PASSWORD', role: 'restore', urlVariable: 'SHOP_URL', "
                + "userVariable: 'SHOP_USER')" + BLOCK);
    }

    @Test
    public void shouldWriteAndReadWithDatabaseCopy() throws Exception {
        WithDatabaseCopyStep step = new WithDatabaseCopyStep("qa", "shop");
        snippets.assertRoundTrip(step, "withDatabaseCopy(database: 'shop', environment: 'qa')" + BLOCK);
        step.setBackup(BACKUP_ID);
        step.setFromEnvironment("prod");
        step.setConfirm("qa");
        step.setUrlVariable("COPY_URL");
        step.setUserVariable("COPY_USER");
        step.setPasswordVariable("COPY_PASSWORD");
        snippets.assertRoundTrip(step, "withDatabaseCopy(backup: '" + BACKUP_ID + "', confirm: 'qa', "
                + "database: 'shop', environment: 'qa', fromEnvironment: 'prod', passwordVariable: 'COPY_PASSWORD', "
                + "urlVariable: 'COPY_URL', userVariable: 'COPY_USER')" + BLOCK);
    }

    @Test
    public void shouldWriteAndReadWithDatabaseMaintenance() throws Exception {
        WithDatabaseMaintenanceStep step = new WithDatabaseMaintenanceStep("PostgreSQL 16 upgrade");
        snippets.assertRoundTrip(step, "withDatabaseMaintenance('PostgreSQL 16 upgrade')" + BLOCK);
        step.setEnvironments(List.of("prod", "qa"));
        step.setMinutes(90);
        step.setDatabaseLock("read-only");
        snippets.assertRoundTrip(step, "withDatabaseMaintenance(databaseLock: 'read-only', environments: ['prod', "
                + "'qa'], minutes: 90, reason: 'PostgreSQL 16 upgrade')" + BLOCK);
    }

    @Test
    public void shouldTakeTheEnvironmentsOfWithDatabaseMaintenanceFromTheGeneratorsTextField() throws Exception {
        // What the form of config.jelly posts: the environments as one text field, the empty number field as "".
        snippets.assertGenerateSnippet("{'stapler-class': '" + WithDatabaseMaintenanceStep.class.getName() + "', "
                + "'reason': 'PostgreSQL 16 upgrade', 'environments': 'prod, qa', 'minutes': '', "
                + "'databaseLock': 'read-only'}",
                "withDatabaseMaintenance(databaseLock: 'read-only', environments: ['prod', 'qa'], "
                + "reason: 'PostgreSQL 16 upgrade')" + BLOCK, null);
        snippets.assertGenerateSnippet("{'stapler-class': '" + WithDatabaseMaintenanceStep.class.getName() + "', "
                + "'reason': 'PostgreSQL 16 upgrade', 'environments': '', 'minutes': '90', 'databaseLock': ''}",
                "withDatabaseMaintenance(minutes: 90, reason: 'PostgreSQL 16 upgrade')" + BLOCK, null);
    }

    @Test
    public void shouldDescribeEveryStepForTheGeneratedDocumentation() throws Exception {
        for (Class<? extends Step> step : List.of(BackupDatabaseStep.class,
                RestoreDatabaseStep.class, VerifyDatabaseBackupStep.class, ListDatabaseBackupsStep.class,
                PruneDatabaseBackupsStep.class, WithDatabaseStep.class, WithDatabaseCopyStep.class,
                WithDatabaseMaintenanceStep.class)) {
            SnippetizerTester.assertDocGeneration(step);
        }
    }
}
