package io.jenkins.plugins.dbrunbooks.plugin.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.util.FormValidation;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

public class ConfigChecksITest {
    @Rule
    public JenkinsRule j = new JenkinsRule();

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private DatabaseConfig.DescriptorImpl descriptor() {
        return j.jenkins.getDescriptorByType(DatabaseConfig.DescriptorImpl.class);
    }

    @Test
    public void shouldRefuseTheDeployCredentialAsBackupCredential() {
        assertThat(descriptor().doCheckBackupCredentialsId("app", "app").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(descriptor().doCheckBackupCredentialsId("backup", "app").kind).isEqualTo(FormValidation.Kind.OK);
    }

    @Test
    public void shouldWarnWhenOneBackupCredentialServesSeveralEnvironments() {
        EnvironmentConfig qa = new EnvironmentConfig("qa");
        EnvironmentConfig prod = new EnvironmentConfig("prod");
        for (EnvironmentConfig env : List.of(qa, prod)) {
            DatabaseConfig db = new DatabaseConfig("orders", "jdbc:h2:mem:x");
            db.setBackupCredentialsId("shared-backup");
            env.setDatabases(List.of(db));
        }
        RunbooksConfiguration.get().setEnvironments(List.of(qa, prod));

        assertThat(descriptor().doCheckBackupCredentialsId("shared-backup", null).kind)
                .isEqualTo(FormValidation.Kind.WARNING);
    }

    @Test
    public void shouldValidateNamesUrlsAndRecipients() {
        assertThat(descriptor().doCheckName("../etc").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(descriptor().doCheckUrl("jdbc:oracle:thin:@x").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(descriptor().doCheckUrl("jdbc:postgresql://h/db?password=x").kind)
                .isEqualTo(FormValidation.Kind.ERROR);
        EnvironmentConfig.DescriptorImpl env = j.jenkins.getDescriptorByType(EnvironmentConfig.DescriptorImpl.class);
        assertThat(env.doCheckAgeRecipients("age1notakey").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(env.doCheckBackupRoot("relative/dir").kind).isEqualTo(FormValidation.Kind.ERROR);
    }

    @Test
    public void shouldTestTheConnectionWithTheBackupCredential() throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(new UsernamePasswordCredentialsImpl(
                CredentialsScope.GLOBAL, "h2-backup", null, "sa", ""));
        String url = "jdbc:h2:" + tmp.getRoot().toPath().resolve("probe").toAbsolutePath();

        FormValidation result = descriptor().doTestConnection(url, "h2-backup");

        assertThat(result.kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(result.renderHtml()).contains("H2");
    }

    private static int status(JenkinsRule.WebClient web, HttpMethod method, URL url) throws Exception {
        WebRequest request = new WebRequest(url, method);
        if (method == HttpMethod.POST) {
            web.addCrumb(request);
        }
        return web.getPage(request).getWebResponse().getStatusCode();
    }

    @Test
    public void shouldRequireAdministerAndPostToTestConnections() throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy().grant(Jenkins.READ).everywhere()
                .to("reader").grant(Jenkins.ADMINISTER).everywhere().to("admin"));
        URL url = new URL(j.getURL(), "descriptorByName/" + DatabaseConfig.class.getName()
                + "/testConnection?url=" + URLEncoder.encode("jdbc:h2:mem:probe", StandardCharsets.UTF_8));
        JenkinsRule.WebClient admin = j.createWebClient().withThrowExceptionOnFailingStatusCode(false).login("admin");
        JenkinsRule.WebClient reader = j.createWebClient().withThrowExceptionOnFailingStatusCode(false)
                .login("reader");

        // A @POST web method does not match a GET, so Stapler finds nothing to serve there.
        assertThat(status(admin, HttpMethod.GET, url)).isEqualTo(404);
        assertThat(status(reader, HttpMethod.POST, url)).isEqualTo(403);
        assertThat(status(admin, HttpMethod.POST, url)).isEqualTo(200);
    }
}
