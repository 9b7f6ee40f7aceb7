package io.jenkins.plugins.dbrunbooks.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * Every string of the plugin's views and messages goes through {@link java.text.MessageFormat}: Jelly's
 * {@code ${%key}} and the generated {@code Messages} alike. There a lone apostrophe starts a quoted section, so
 * "build's" would be shown as "builds" and a following {0} would never be filled in. An apostrophe must be
 * written twice.
 */
public class MessagePropertiesTest {
    private static final Path RESOURCES = Path.of("src", "main", "resources");

    @Test
    public void shouldWriteEveryApostropheTwice() throws IOException {
        List<Path> files = propertiesFiles();
        assertThat(files).as("properties files under %s", RESOURCES.toAbsolutePath()).isNotEmpty();
        List<String> lone = new ArrayList<>();
        for (Path file : files) {
            Properties strings = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                strings.load(in);
            }
            for (String key : strings.stringPropertyNames()) {
                if (hasLoneApostrophe(strings.getProperty(key))) {
                    lone.add(RESOURCES.relativize(file) + ": " + key);
                }
            }
        }
        assertThat(lone).as("strings with a lone apostrophe (write '' instead)").isEmpty();
    }

    @Test
    public void shouldTellALoneApostropheFromADoubledOne() {
        assertThat(hasLoneApostrophe("before this build's first step")).isTrue();
        assertThat(hasLoneApostrophe("started by ''{0}''")).isFalse();
        assertThat(hasLoneApostrophe("'{0}'")).isTrue();
        assertThat(hasLoneApostrophe("no quote at all")).isFalse();
    }

    static boolean hasLoneApostrophe(String value) {
        return value.replace("''", "").indexOf('\'') >= 0;
    }

    private static List<Path> propertiesFiles() throws IOException {
        try (Stream<Path> paths = Files.walk(RESOURCES)) {
            return paths.filter(p -> p.getFileName().toString().endsWith(".properties")).sorted().toList();
        }
    }
}
