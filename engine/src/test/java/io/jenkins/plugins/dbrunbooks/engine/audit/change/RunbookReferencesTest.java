package io.jenkins.plugins.dbrunbooks.engine.audit.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.Test;

public class RunbookReferencesTest {
    private static final List<String> STEPS = List.of("backupDatabase", "restoreDatabase", "withDatabase",
            "withDatabaseMaintenance");
    private static final String PREFIX = "io.jenkins.plugins.dbrunbooks.";

    @Test
    public void shouldFindStepsAndEnvironmentsInAnEscapedPipelineScript() {
        String config = """
                <flow-definition plugin="workflow-job">
                  <definition class="org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition">
                    <script>node { restoreDatabase(environment: &apos;qa&apos;, database: &apos;orders&apos;,
                      fromEnvironment: &quot;prod&quot;)
                      withDatabaseMaintenance(environments: [&apos;prod&apos;, &apos;staging&apos;]) { }
                    }</script>
                  </definition>
                </flow-definition>
                """;

        RunbookReferences refs = RunbookReferences.scan(config, STEPS, PREFIX);

        assertThat(refs.uses()).isTrue();
        assertThat(refs.environments()).containsExactly("prod", "qa", "staging");
    }

    @Test
    public void shouldFindFreestyleBuildersAndWrappers() {
        String config = """
                <project>
                  <builders>
                    <io.jenkins.plugins.dbrunbooks.plugin.freestyle.BackupDatabaseBuilder>
                      <environment>prod</environment>
                    </io.jenkins.plugins.dbrunbooks.plugin.freestyle.BackupDatabaseBuilder>
                  </builders>
                  <buildWrappers>
                    <io.jenkins.plugins.dbrunbooks.plugin.freestyle.MaintenanceWrapper>
                      <options><environments><string>staging</string></environments></options>
                    </io.jenkins.plugins.dbrunbooks.plugin.freestyle.MaintenanceWrapper>
                  </buildWrappers>
                </project>
                """;

        RunbookReferences refs = RunbookReferences.scan(config, STEPS, PREFIX);

        assertThat(refs.uses()).isTrue();
        assertThat(refs.environments()).containsExactly("prod", "staging");
    }

    @Test
    public void shouldIgnoreJobsThatDoNotUseThePlugin() {
        String config = """
                <project><builders><hudson.tasks.Shell><command>echo environment: 'prod'; mybackupDatabase(x)
                </command></hudson.tasks.Shell></builders></project>
                """;

        RunbookReferences refs = RunbookReferences.scan(config, STEPS, PREFIX);

        assertThat(refs.uses()).isFalse();
        assertThat(refs.environments()).isEmpty();
        assertThat(RunbookReferences.scan(null, STEPS, PREFIX).uses()).isFalse();
    }

    @Test
    public void shouldFindAStepCalledWithoutParentheses() {
        assertThat(RunbookReferences.scan("withDatabase { sh 'x' }", STEPS, PREFIX).uses()).isTrue();
        assertThat(RunbookReferences.scan("backupDatabase environment: 'dev'", STEPS, PREFIX).environments())
                .containsExactly("dev");
    }
}
