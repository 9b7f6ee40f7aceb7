package io.jenkins.plugins.dbrunbooks.plugin.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.maintenance.LockKind;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.MaintenanceWindow;
import java.util.List;
import java.util.Set;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsSessionRule;

public class MaintenancePersistenceITest {
    @Rule
    public JenkinsSessionRule sessions = new JenkinsSessionRule();

    @Test
    public void shouldKeepMaintenanceWindowsAcrossARestart() throws Throwable {
        String[] ids = new String[2];
        sessions.then(j -> {
            RunbookFixtureEnvironments.configure("dev", "prod");
            ids[0] = MaintenanceManager.get().enable("Jenkins upgrade", List.of(), null, LockKind.NONE, "admin")
                    .id();
            ids[1] = MaintenanceManager.get().enable("Prod upgrade", List.of("prod"), 600, LockKind.NONE, "admin")
                    .id();
        });
        sessions.then(j -> {
            List<MaintenanceWindow> windows = MaintenanceManager.get().status();
            assertThat(windows).extracting(MaintenanceWindow::id).containsExactly(ids[0], ids[1]);
            assertThat(windows.get(0).reason()).isEqualTo("Jenkins upgrade");
            assertThat(windows.get(0).until()).isNull();
            assertThat(windows.get(1).environments()).isEqualTo(Set.of("prod"));
            assertThat(windows.get(1).until()).isNotNull();
            assertThat(MaintenanceManager.get().disable(ids[0], "admin")).isTrue();
        });
        sessions.then(j -> assertThat(MaintenanceManager.get().status()).extracting(MaintenanceWindow::id)
                .containsExactly(ids[1]));
    }
}
