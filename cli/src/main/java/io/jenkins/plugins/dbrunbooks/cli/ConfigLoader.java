package io.jenkins.plugins.dbrunbooks.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Reads the YAML configuration file; every problem becomes a configuration error naming where it is. */
final class ConfigLoader {
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ConfigLoader() {
    }

    static CliConfig load(Path file, UnaryOperator<String> environmentVariables) {
        Path absolute = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            throw new RunbookException(ErrorKind.CONFIGURATION, "Configuration file '" + file + "' does not exist",
                    "Give one with --config FILE or the DBRUNBOOKS_CONFIG environment variable.");
        }
        JsonNode tree;
        try {
            refuseAliases(file, absolute);
            tree = YAML.readTree(absolute.toFile());
        } catch (JsonProcessingException e) {
            // Only the first line of the parser's message: the rest quotes the file, which may hold anything.
            throw new RunbookException(ErrorKind.CONFIGURATION, "Configuration file '" + file
                    + "' is not valid YAML" + at(e.getLocation()) + ": " + e.getOriginalMessage().lines().findFirst()
                            .orElse(""), null, e);
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.CONFIGURATION, "Configuration file '" + file + "' cannot be read: "
                    + e.getClass().getSimpleName(), null, e);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new RunbookException(ErrorKind.CONFIGURATION, "Configuration file '" + file + "' is empty",
                    "List the environments and their databases under 'environments:'.");
        }
        refusePasswords(tree, "");
        ConfigModel.File model;
        try {
            model = YAML.treeToValue(tree, ConfigModel.File.class);
        } catch (UnrecognizedPropertyException e) {
            throw new RunbookException(ErrorKind.CONFIGURATION, "Configuration file '" + file + "' has an unknown key '"
                    + e.getPropertyName() + "'" + in(e), "Known keys here: " + e.getKnownPropertyIds() + ".");
        } catch (JsonMappingException e) {
            // The target type, not the value: a misplaced value could be a secret.
            throw new RunbookException(ErrorKind.CONFIGURATION, "Configuration file '" + file + "' has a value of the"
                    + " wrong kind" + where(e), "Check the value's type against the documented shape.");
        } catch (JsonProcessingException e) {
            throw new RunbookException(ErrorKind.CONFIGURATION, "Configuration file '" + file + "' cannot be read"
                    + where(e), null, e);
        }
        return new ConfigBuilder(absolute.getParent(), environmentVariables).build(model);
    }

    /**
     * The tree reader would take an alias for the anchor's name as a plain string and a merge key for a key of its
     * own, which surfaces later as "a value of the wrong kind" or "unknown key '<<'". Say what it is instead.
     */
    private static void refuseAliases(Path file, Path absolute) throws IOException {
        try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(absolute.toFile())) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                boolean merge = token == JsonToken.FIELD_NAME && "<<".equals(parser.currentName());
                if (parser.isCurrentAlias() || merge) {
                    throw new RunbookException(ErrorKind.CONFIGURATION, "Configuration file '" + file + "' uses a YAML "
                            + (merge ? "merge key '<<'" : "alias") + at(parser.currentTokenLocation())
                            + ", which dbrunbooks does not read",
                            "Write the values out in full where the alias or merge key stands; anchors and aliases "
                                    + "are not supported.");
                }
            }
        }
    }

    /** Secrets never live in the configuration file, which gets copied, committed and mailed around. */
    private static void refusePasswords(JsonNode node, String path) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String here = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (field.getKey().equals("password")) {
                    throw new RunbookException(ErrorKind.CONFIGURATION, "The configuration holds a password at '"
                            + here + "'; it is refused",
                            "Secrets come from passwordEnv (an environment variable's name) or passwordFile (a"
                                    + " file's path), never from the configuration file.");
                }
                refusePasswords(field.getValue(), here);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                refusePasswords(node.get(i), path + "[" + i + "]");
            }
        }
    }

    private static String where(JsonMappingException e) {
        String path = path(e.getPath());
        return path.isEmpty() ? "" : " at '" + path + "'";
    }

    /** Where an unknown key sits: its path without the key itself. */
    private static String in(JsonMappingException e) {
        String path = path(e.getPath().subList(0, Math.max(0, e.getPath().size() - 1)));
        return path.isEmpty() ? " at the top level" : " in '" + path + "'";
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : references) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String where(JsonProcessingException e) {
        return e instanceof JsonMappingException m ? where(m) : at(e.getLocation());
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? "" : " (line " + location.getLineNr() + ")";
    }
}
