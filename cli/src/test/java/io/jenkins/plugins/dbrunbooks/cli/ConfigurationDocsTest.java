package io.jenkins.plugins.dbrunbooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * Every key a configuration accepts is documented. For the command line's YAML file the keys are read from the
 * records its strict loader binds ({@link ConfigModel}); for the plugin, which cannot start here, from the
 * {@code @DataBoundConstructor} parameters and {@code @DataBoundSetter} setters of its configuration classes'
 * sources, the names Configuration as Code uses. A key nobody documented fails here with its name.
 */
public class ConfigurationDocsTest {
    static final Path PLUGIN = Path.of("..", "plugin", "src", "main", "java", "io", "jenkins", "plugins",
            "dbrunbooks", "plugin");
    private static final Pattern CONSTRUCTOR = Pattern.compile(
            "@DataBoundConstructor\\s+public\\s+\\w+\\s*\\(([^)]*)\\)");
    private static final Pattern SETTER = Pattern.compile("@DataBoundSetter\\s+public\\s+void\\s+set(\\w+)\\s*\\(");

    /** Every key of the YAML file, with where it sits, e.g. {@code environments[].retention.keepLast}. */
    static Map<String, String> yamlKeys() {
        Map<String, String> keys = new TreeMap<>();
        collect(ConfigModel.File.class, "", keys);
        return keys;
    }

    private static void collect(Class<?> record, String path, Map<String, String> keys) {
        for (RecordComponent component : record.getRecordComponents()) {
            // Jackson's annotation does not target record components; the compiler puts it on the accessor.
            JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
            String key = renamed != null && !renamed.value().isEmpty() ? renamed.value() : component.getName();
            String here = path.isEmpty() ? key : path + "." + key;
            keys.put(here, key);
            Type type = component.getGenericType();
            if (type instanceof ParameterizedType list && list.getActualTypeArguments()[0] instanceof Class<?> c
                    && c.isRecord()) {
                collect(c, here + "[]", keys);
            } else if (type instanceof Class<?> c && c.isRecord()) {
                collect(c, here, keys);
            }
        }
    }

    /** The names Configuration as Code and the forms bind for each configuration class of the plugin. */
    static Map<String, String> pluginKeys() throws IOException {
        return dataBoundNames(PLUGIN.resolve("config"), f -> true);
    }

    /**
     * The data-bound names of the classes in {@code dir}, keyed by class and name: the parameters of each
     * {@code @DataBoundConstructor} and the properties of each {@code @DataBoundSetter}, read from the sources.
     */
    static Map<String, String> dataBoundNames(Path dir, java.util.function.Predicate<String> classes)
            throws IOException {
        Map<String, String> keys = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String owner = file.getFileName().toString().replace(".java", "");
                if (!classes.test(owner)) {
                    continue;
                }
                String source = Files.readString(file);
                Matcher constructor = CONSTRUCTOR.matcher(source);
                while (constructor.find()) {
                    for (String parameter : constructor.group(1).split(",")) {
                        if (!parameter.isBlank()) {
                            String[] words = parameter.trim().split("\\s+");
                            keys.put(owner + "." + words[words.length - 1], words[words.length - 1]);
                        }
                    }
                }
                Matcher setter = SETTER.matcher(source);
                while (setter.find()) {
                    String property = Character.toLowerCase(setter.group(1).charAt(0)) + setter.group(1).substring(1);
                    keys.put(owner + "." + property, property);
                }
            }
        }
        return keys;
    }

    static List<String> undocumented(Map<String, String> keys, String markdown) {
        List<String> missing = new ArrayList<>();
        keys.forEach((where, key) -> {
            // In code: `key` alone, or `key: value`.
            if (!markdown.contains("`" + key + "`") && !markdown.contains("`" + key + ":")) {
                missing.add(where);
            }
        });
        return missing;
    }

    @Test
    public void everyKeyOfTheYamlFileIsDocumented() throws IOException {
        Map<String, String> keys = yamlKeys();
        assertThat(keys).containsKeys("environments[].databases[].credentials.backup.passwordEnv",
                "environments[].protected");
        assertThat(undocumented(keys, Files.readString(CliDocsTest.DOCS.resolve("configuration.md"))))
                .as("Keys of the YAML file missing from docs/configuration.md").isEmpty();
    }

    @Test
    public void everyConfigurationFieldOfThePluginIsDocumented() throws IOException {
        Map<String, String> keys = pluginKeys();
        assertThat(keys).containsKeys("EnvironmentConfig.name", "EnvironmentConfig.protectedEnvironment",
                "DatabaseConfig.backupCredentialsId", "RunbooksConfiguration.environments");
        assertThat(undocumented(keys, Files.readString(CliDocsTest.DOCS.resolve("jenkins-configuration.md"))))
                .as("Configuration as Code keys missing from docs/jenkins-configuration.md").isEmpty();
    }
}
