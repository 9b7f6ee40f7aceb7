package io.jenkins.plugins.dbrunbooks.plugin.config;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleProject;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import java.util.List;
import jenkins.model.Jenkins;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

public class ConfiguredNamesITest {
    private static final String ADMIN = "admin";
    private static final String READER = "reader";

    @Rule
    public JenkinsRule j = new JenkinsRule();

    private FreeStyleProject project;

    @Before
    public void setUp() throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to(ADMIN)
                .grant(Jenkins.READ).everywhere().to(READER));
        RunbooksConfiguration.get().setEnvironments(List.of(environment("dev", "orders", "billing"),
                environment("prod", "orders", "ledger")));
        project = j.createFreeStyleProject();
    }

    private static EnvironmentConfig environment(String name, String... databases) {
        EnvironmentConfig environment = new EnvironmentConfig(name);
        environment.setDatabases(List.of(databases).stream()
                .map(d -> new DatabaseConfig(d, "jdbc:h2:mem:" + name + "-" + d)).toList());
        return environment;
    }

    @Test
    public void shouldOfferConfiguredNamesToAnAdministrator() {
        try (ACLContext ignored = ACL.as(User.getById(ADMIN, true))) {
            assertThat(ConfiguredNames.environments(project)).containsExactly("dev", "prod");
            assertThat(ConfiguredNames.environments(null)).containsExactly("dev", "prod");
            assertThat(ConfiguredNames.databases(project, "prod")).containsExactly("orders", "ledger");
            assertThat(ConfiguredNames.databases(null, "")).containsExactly("orders", "billing", "ledger");
            assertThat(ConfiguredNames.databases(project, "nowhere")).isEmpty();

            assertThat(ConfiguredNames.checkEnvironment(project, "prod").kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(ConfiguredNames.checkEnvironment(project, "${TARGET}").kind)
                    .isEqualTo(FormValidation.Kind.OK);
            assertThat(ConfiguredNames.checkEnvironment(project, "stage").kind)
                    .isEqualTo(FormValidation.Kind.WARNING);
            assertThat(ConfiguredNames.checkDatabase(project, "billing", "prod").kind)
                    .isEqualTo(FormValidation.Kind.WARNING);
            assertThat(ConfiguredNames.checkDatabase(project, "billing", "").kind).isEqualTo(FormValidation.Kind.OK);
        }
    }

    @Test
    public void shouldHideConfiguredNamesFromAnOverallReader() {
        try (ACLContext ignored = ACL.as(User.getById(READER, true))) {
            assertThat(ConfiguredNames.environments(project)).isEmpty();
            assertThat(ConfiguredNames.environments(null)).isEmpty();
            assertThat(ConfiguredNames.databases(project, "prod")).isEmpty();
            assertThat(ConfiguredNames.databases(null, "")).isEmpty();
            assertThat(ConfiguredNames.checkEnvironment(project, "stage").kind).isEqualTo(FormValidation.Kind.OK);
        }
    }
}
