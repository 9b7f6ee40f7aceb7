package io.jenkins.plugins.dbrunbooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * docs/cli.md against the command as picocli builds it: every command has a section ({@code ### `name`}) that
 * names each of its options and parameters, the global options are in the table of global options, and no
 * section names an option its command does not have. A new command or option fails here until it is documented.
 */
public class CliDocsTest {
    static final Path DOCS = Path.of("..", "docs");
    private static final Pattern SECTION = Pattern.compile("(?m)^### `([a-z-]+)`\\s*$");
    private static final Pattern LONG_OPTION = Pattern.compile("(?<![\\w-])--[a-z][a-z-]*[a-z]");

    private static String cliMd() throws IOException {
        return Files.readString(DOCS.resolve("cli.md"));
    }

    private static CommandLine commandLine() {
        return Main.commandLine(new Main(name -> null, new TerminalProgress(null, false), false), new String[0]);
    }

    /** The text of the section {@code ### `name`}, up to the next heading of the same or a higher level. */
    static String section(String markdown, String name) {
        Matcher m = SECTION.matcher(markdown);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                int start = m.end();
                Matcher next = Pattern.compile("(?m)^#{1,3} ").matcher(markdown);
                return next.find(start) ? markdown.substring(start, next.start()) : markdown.substring(start);
            }
        }
        return null;
    }

    private static List<CommandSpec> commands(CommandSpec spec) {
        List<CommandSpec> all = new ArrayList<>();
        for (CommandLine sub : spec.subcommands().values()) {
            if (!all.contains(sub.getCommandSpec())) {
                all.add(sub.getCommandSpec());
                all.addAll(commands(sub.getCommandSpec()));
            }
        }
        return all;
    }

    /** Options a command declares itself: not the inherited global ones, not the standard help options. */
    private static List<OptionSpec> ownOptions(CommandSpec command) {
        return command.options().stream().filter(o -> !o.inherited() && !o.usageHelp() && !o.versionHelp())
                .toList();
    }

    @Test
    public void everyCommandHasASectionNamingEachOfItsOptionsAndParameters() throws IOException {
        String docs = cliMd();
        // What the introduction of "## Commands" says holds for every command (-e, -d).
        String common = docs.substring(docs.indexOf("## Commands"), docs.indexOf("### ", docs.indexOf("## Commands")));
        List<String> missing = new ArrayList<>();
        for (CommandSpec command : commands(commandLine().getCommandSpec())) {
            String found = section(docs, command.name());
            if (found == null) {
                missing.add("command '" + command.name() + "' (no section ### `" + command.name() + "`)");
                continue;
            }
            String section = found + "\n" + common;
            for (OptionSpec option : ownOptions(command)) {
                for (String name : option.names()) {
                    if (!Pattern.compile("(?<![\\w-])" + Pattern.quote(name) + "(?![\\w-])").matcher(section).find()) {
                        missing.add("option " + name + " of '" + command.name() + "'");
                    }
                }
            }
            for (PositionalParamSpec parameter : command.positionalParameters()) {
                if (!section.contains(parameter.paramLabel())) {
                    missing.add("parameter " + parameter.paramLabel() + " of '" + command.name() + "'");
                }
            }
        }
        assertThat(missing).as("Missing from docs/cli.md").isEmpty();
    }

    @Test
    public void everyGlobalOptionIsInTheTableOfGlobalOptions() throws IOException {
        String docs = cliMd();
        String table = docs.substring(docs.indexOf("| Global option |"), docs.indexOf("\n\n", docs.indexOf(
                "| Global option |")));
        List<String> missing = new ArrayList<>();
        for (OptionSpec option : commandLine().getCommandSpec().options()) {
            for (String name : option.names()) {
                if (!table.contains("`" + name)) {
                    missing.add(name);
                }
            }
        }
        assertThat(missing).as("Global options missing from the table in docs/cli.md").isEmpty();
    }

    @Test
    public void noSectionNamesAnOptionItsCommandDoesNotHave() throws IOException {
        String docs = cliMd();
        List<String> unknown = new ArrayList<>();
        for (CommandSpec command : commands(commandLine().getCommandSpec())) {
            String section = section(docs, command.name());
            if (section == null) {
                continue;
            }
            Set<String> known = new LinkedHashSet<>();
            command.options().forEach(o -> known.addAll(List.of(o.names())));
            Matcher m = LONG_OPTION.matcher(usage(section));
            while (m.find()) {
                if (!known.contains(m.group())) {
                    unknown.add(m.group() + " in the section of '" + command.name() + "'");
                }
            }
        }
        assertThat(unknown).as("Options docs/cli.md names that the commands do not have").isEmpty();
    }

    /**
     * Where a section states the command's usage: its synopsis (the first code block) and the rows of its option
     * table. Prose may name other programs' options, such as pg_restore's.
     */
    static String usage(String section) {
        StringBuilder usage = new StringBuilder();
        int open = section.indexOf("```");
        if (open >= 0) {
            int close = section.indexOf("```", open + 3);
            usage.append(section, open, close < 0 ? section.length() : close).append('\n');
        }
        section.lines().filter(l -> l.startsWith("| `-")).forEach(l -> usage.append(l).append('\n'));
        return usage.toString();
    }

    @Test
    public void theSectionFinderSeesTheEndOfASection() {
        String markdown = "### `a`\n\ntext --x\n\n## Examples\n\n--y\n";
        assertThat(section(markdown, "a")).contains("--x").doesNotContain("--y");
        assertThat(section(markdown, "b")).isNull();
    }
}
