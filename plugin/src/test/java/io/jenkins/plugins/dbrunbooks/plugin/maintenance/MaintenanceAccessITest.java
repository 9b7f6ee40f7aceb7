package io.jenkins.plugins.dbrunbooks.plugin.maintenance;

import static io.jenkins.plugins.dbrunbooks.plugin.maintenance.MaintenanceUsers.DEVELOPER;
import static io.jenkins.plugins.dbrunbooks.plugin.maintenance.MaintenanceUsers.MAINTAINER;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.cli.CLICommandInvoker;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.LockKind;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.MaintenanceWindow;
import java.net.URL;
import java.util.List;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

public class MaintenanceAccessITest {
    @Rule
    public JenkinsRule j = new JenkinsRule();

    @Before
    public void setUp() {
        MaintenanceUsers.setUp(j);
        RunbookFixtureEnvironments.configure("dev", "prod");
    }

    private CLICommandInvoker.Result cli(String user, String... args) {
        return new CLICommandInvoker(j, "database-maintenance").asUser(user).invokeWithArgs(args);
    }

    @Test
    public void shouldTurnMaintenanceOnAndOffFromTheCli() {
        CLICommandInvoker.Result on = cli(MAINTAINER, "on", "--reason", "PostgreSQL 16 upgrade", "--environment",
                "prod", "--environment", "dev", "--minutes", "90");
        assertThat(on.returnCode()).as(on.stderr()).isZero();
        assertThat(on.stdout()).contains("Maintenance on: ", "prod, dev", "PostgreSQL 16 upgrade");
        MaintenanceWindow window = MaintenanceManager.get().status().get(0);
        assertThat(window.environments()).containsExactly("prod", "dev");
        assertThat(window.enabledBy()).isEqualTo(MAINTAINER);

        assertThat(cli(MAINTAINER, "status").stdout()).contains(window.id());
        CLICommandInvoker.Result off = cli(MAINTAINER, "off");
        assertThat(off.returnCode()).isZero();
        assertThat(off.stdout()).contains("Maintenance off: " + window.id());
        assertThat(MaintenanceManager.get().isOn()).isFalse();
    }

    @Test
    public void shouldRefuseCliUsersWithoutMaintainAndBadArguments() {
        CLICommandInvoker.Result denied = cli(DEVELOPER, "on", "--reason", "Upgrade");
        assertThat(denied.returnCode()).isNotZero();
        assertThat(denied.stderr()).contains("Maintain");
        assertThat(cli(MAINTAINER, "on").returnCode()).isNotZero();
        assertThat(cli(MAINTAINER, "on", "--reason", "Upgrade", "--environment", "nowhere").stderr())
                .contains("Environment 'nowhere' is not configured");
        assertThat(cli(MAINTAINER, "sideways").returnCode()).isNotZero();
        assertThat(MaintenanceManager.get().isOn()).isFalse();
    }

    private Page request(String user, HttpMethod method, String path) throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        wc.login(user);
        WebRequest request = new WebRequest(new URL(j.getURL(), path), method);
        if (method == HttpMethod.POST) {
            wc.addCrumb(request);
        }
        return wc.getPage(request);
    }

    @Test
    public void shouldServeTheRestCallsToMaintainersOnlyAndOnlyByPost() throws Exception {
        String enable = "database-maintenance/enableJson?reason=Upgrade&environment=prod&minutes=30";

        assertThat(request(DEVELOPER, HttpMethod.POST, enable).getWebResponse().getStatusCode()).isEqualTo(403);
        // @POST methods do not match a GET at all, so Stapler finds nothing to serve: 404, not 405.
        assertThat(request(MAINTAINER, HttpMethod.GET, enable).getWebResponse().getStatusCode()).isEqualTo(404);
        assertThat(request(MAINTAINER, HttpMethod.GET, "database-maintenance/disableJson?id=x").getWebResponse()
                .getStatusCode()).isEqualTo(404);
        assertThat(request(MAINTAINER, HttpMethod.GET, "database-maintenance/enable").getWebResponse()
                .getStatusCode()).isEqualTo(404);
        assertThat(MaintenanceManager.get().isOn()).isFalse();

        Page enabled = request(MAINTAINER, HttpMethod.POST, enable);
        assertThat(enabled.getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(enabled.getWebResponse().getContentType()).isEqualTo("application/json");
        MaintenanceWindow window = MaintenanceManager.get().status().get(0);
        assertThat(enabled.getWebResponse().getContentAsString()).contains("\"id\":\"" + window.id() + "\"",
                "\"environments\":[\"prod\"]");

        assertThat(request(DEVELOPER, HttpMethod.GET, "database-maintenance/status").getWebResponse()
                .getStatusCode()).isEqualTo(403);
        assertThat(request(MAINTAINER, HttpMethod.GET, "database-maintenance/status").getWebResponse()
                .getContentAsString()).contains("\"on\":true", "Upgrade");

        assertThat(request(DEVELOPER, HttpMethod.POST, "database-maintenance/disableJson?id=" + window.id())
                .getWebResponse().getStatusCode()).isEqualTo(403);
        assertThat(request(MAINTAINER, HttpMethod.POST, "database-maintenance/disableJson?id=" + window.id())
                .getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(request(MAINTAINER, HttpMethod.POST, "database-maintenance/disableJson?id=" + window.id())
                .getWebResponse().getStatusCode()).isEqualTo(404);
        assertThat(MaintenanceManager.get().isOn()).isFalse();
        assertThat(request(MAINTAINER, HttpMethod.POST, "database-maintenance/enableJson?reason=")
                .getWebResponse().getStatusCode()).isEqualTo(400);
    }

    @Test
    public void shouldShowTheBannerToSignedInUsersOnly() throws Exception {
        MaintenanceManager.get().enable("PostgreSQL 16 upgrade", List.of("prod"), null, LockKind.NONE, MAINTAINER);

        String signedIn = j.createWebClient().login(DEVELOPER).goTo("").getWebResponse().getContentAsString();
        assertThat(signedIn).contains("dbrunbooks-maintenance-banner", "PostgreSQL 16 upgrade", "prod");
        String anonymous = j.createWebClient().goTo("").getWebResponse().getContentAsString();
        assertThat(anonymous).doesNotContain("PostgreSQL 16 upgrade");
    }

    @Test
    public void shouldShowTheManagementPageToMaintainers() throws Exception {
        MaintenanceManager.get().enable("PostgreSQL 16 upgrade", List.of(), null, LockKind.NONE, MAINTAINER);

        String page = j.createWebClient().login(MAINTAINER).goTo("manage/database-maintenance/").getWebResponse()
                .getContentAsString();
        assertThat(page).contains("PostgreSQL 16 upgrade", "maintenance-enable", "prod");
        assertThat(j.createWebClient().withThrowExceptionOnFailingStatusCode(false).login(DEVELOPER)
                .goTo("manage/database-maintenance/").getWebResponse().getStatusCode()).isEqualTo(403);
    }
}
