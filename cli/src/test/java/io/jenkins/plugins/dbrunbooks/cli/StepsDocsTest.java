package io.jenkins.plugins.dbrunbooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.Test;

/**
 * Every parameter of every Pipeline step is documented: read from the steps' sources (the plugin cannot start
 * here), looked for in docs/steps.md and, for the maintenance block, docs/maintenance-mode.md, either as
 * {@code `name`} or in an example call as {@code name:}.
 */
public class StepsDocsTest {

    @Test
    public void everyStepParameterIsDocumented() throws IOException {
        Map<String, String> parameters = ConfigurationDocsTest.dataBoundNames(
                ConfigurationDocsTest.PLUGIN.resolve("steps"), name -> name.endsWith("Step"));
        assertThat(parameters).containsKeys("BackupDatabaseStep.label", "RestoreDatabaseStep.targetDatabase");
        String docs = Files.readString(CliDocsTest.DOCS.resolve("steps.md"))
                + Files.readString(CliDocsTest.DOCS.resolve("maintenance-mode.md"));
        List<String> missing = ConfigurationDocsTest.undocumented(parameters, docs).stream()
                .filter(where -> !Pattern.compile("[(,]\\s*" + parameters.get(where) + ":").matcher(docs).find())
                .toList();
        assertThat(missing).as("Step parameters missing from docs/steps.md and docs/maintenance-mode.md")
                .isEmpty();
    }
}
