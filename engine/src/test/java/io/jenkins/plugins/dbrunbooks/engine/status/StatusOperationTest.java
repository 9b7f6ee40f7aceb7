package io.jenkins.plugins.dbrunbooks.engine.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.config.Environment;
import io.jenkins.plugins.dbrunbooks.engine.config.RecoveryTargets;
import io.jenkins.plugins.dbrunbooks.engine.config.Retention;
import io.jenkins.plugins.dbrunbooks.engine.drill.DrillOperation;
import io.jenkins.plugins.dbrunbooks.engine.drill.DrillRecord;
import io.jenkins.plugins.dbrunbooks.engine.drill.DrillRequest;
import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The status of real backups and drills, judged now and as a clock two days on would judge them. */
public class StatusOperationTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static RunbookContext later(RunbookContext c, Duration by) {
        return new RunbookContext(c.config(), c.credentials(), c.stores(), c.methods(), c.tools(), c.workDir(),
                c.listener(), c.audit(), c.actor(), c.payload(), Clock.offset(Clock.systemUTC(), by));
    }

    @Test
    public void shouldMeetTargetsAfterABackupAndADrillAndMissThemLater() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            db.execute("CREATE TABLE items (id INT PRIMARY KEY)", "INSERT INTO items VALUES (1), (2)");
            RecoveryTargets targets = new RecoveryTargets(Duration.ofHours(26), Duration.ofDays(8),
                    Duration.ofMinutes(30));
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), db.login()).environment(
                    new Environment("qa", false, tmp.getRoot().toPath().resolve("backups").toString(),
                            Retention.KEEP_ALL, List.of(), List.of(EngineFixture.database("orders", db.url()),
                                    EngineFixture.database("never", db.url())),
                            new Environment.Drills(null, targets)));
            new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
            DrillRecord drill = new DrillOperation(fixture.context()).run(DrillRequest.of("qa", "orders"));

            StatusReport now = new StatusOperation(fixture.context()).run(null);
            StatusReport inTwoDays = new StatusOperation(later(fixture.context(), Duration.ofDays(2))).run("qa");

            DatabaseStatus orders = now.databases().get(0);
            assertThat(orders.state()).as(orders.missed().toString()).isEqualTo(DatabaseStatus.State.OK);
            assertThat(orders.observed().restoreTime()).isEqualTo(drill.restoreTime());
            assertThat(orders.observed().drillBackupId()).isEqualTo(drill.backupId());
            assertThat(orders.observed().drillCheckedData()).as("the drill compared the data").isTrue();
            assertThat(now.databases().get(1).state()).isEqualTo(DatabaseStatus.State.NEVER);
            assertThat(now.targetMissed()).isTrue();
            DatabaseStatus late = inTwoDays.databases().get(0);
            assertThat(late.state()).isEqualTo(DatabaseStatus.State.LATE);
            assertThat(late.missed()).singleElement().asString().startsWith("newest backup is 2d 0h old");

            String prometheus = PrometheusText.of(now);
            assertThat(prometheus).contains("# TYPE dbrunbooks_backup_age_seconds gauge")
                    .contains("dbrunbooks_target_missed{environment=\"qa\",database=\"orders\"} 0")
                    .contains("dbrunbooks_target_missed{environment=\"qa\",database=\"never\"} 1")
                    .contains("dbrunbooks_last_drill_passed{environment=\"qa\",database=\"orders\"} 1")
                    .contains("dbrunbooks_target_backup_age_seconds{environment=\"qa\",database=\"orders\"} 93600")
                    .doesNotContain("dbrunbooks_backup_age_seconds{environment=\"qa\",database=\"never\"}");
        }
    }
}
