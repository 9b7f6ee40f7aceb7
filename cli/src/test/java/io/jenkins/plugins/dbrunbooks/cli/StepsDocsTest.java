package io.jenkins.plugins.dbrunbooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * Every parameter of every Pipeline step is documented: read from the steps' sources (the plugin cannot start
 * here), looked for in docs/steps.md and, for the maintenance block, docs/maintenance-mode.md, either as
 * {@code `name`} or in an example call as {@code name:}; and every option of the plugin's Jenkins CLI commands
 * (args4j {@code @Option}) in docs/maintenance-mode.md.
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

    @Test
    public void everyOptionOfTheJenkinsCliCommandsIsDocumented() throws IOException {
        Pattern option = Pattern.compile("@Option\\(name = \"(--[a-z-]+)\"");
        List<String> options = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ConfigurationDocsTest.PLUGIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith("Command.java")).toList()) {
                Matcher m = option.matcher(Files.readString(file));
                while (m.find()) {
                    options.add(m.group(1));
                }
            }
        }
        assertThat(options).contains("--reason", "--id");
        String docs = Files.readString(CliDocsTest.DOCS.resolve("maintenance-mode.md"));
        assertThat(options.stream().filter(o -> !docs.contains("`" + o + " ") && !docs.contains("`" + o + "`")))
                .as("Jenkins CLI options missing from docs/maintenance-mode.md").isEmpty();
    }
}
