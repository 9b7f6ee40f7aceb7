import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Turns every {@code Messages.properties} below a resource root into a {@code Messages} class of the same package,
 * with the API that the Jenkins plugin build generates: for a key {@code A.B} whose message has N arguments,
 * {@code String A_B(Object arg0, ...)} formats the message and {@code Localizable _A_B(Object arg0, ...)} defers it.
 *
 * <p>The offline build runs it because the Jenkins generator is published only to the Jenkins Maven repository.
 * The real build does not use it.
 *
 * <p>Usage: {@code java GenerateMessages.java RESOURCE_ROOT OUTPUT_ROOT}
 */
public final class GenerateMessages {
    private GenerateMessages() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java GenerateMessages.java RESOURCE_ROOT OUTPUT_ROOT");
            System.exit(2);
        }
        Path resources = Path.of(args[0]);
        Path output = Path.of(args[1]);
        if (!Files.isDirectory(resources)) {
            return;
        }
        List<Path> bundles;
        try (Stream<Path> files = Files.walk(resources)) {
            bundles = files.filter(f -> f.getFileName().toString().equals("Messages.properties")).sorted().toList();
        }
        for (Path bundle : bundles) {
            Path relative = resources.relativize(bundle.getParent());
            String pkg = relative.toString().replace(bundle.getFileSystem().getSeparator(), ".");
            Path target = output.resolve(relative).resolve("Messages.java");
            String source = generate(pkg, load(bundle));
            if (!Files.exists(target) || !Files.readString(target, StandardCharsets.UTF_8).equals(source)) {
                Files.createDirectories(target.getParent());
                Files.writeString(target, source, StandardCharsets.UTF_8);
            }
        }
    }

    private static Map<String, String> load(Path bundle) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(bundle, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        Map<String, String> messages = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            messages.put(key, properties.getProperty(key));
        }
        return messages;
    }

    private static String generate(String pkg, Map<String, String> messages) {
        StringBuilder out = new StringBuilder();
        if (!pkg.isEmpty()) {
            out.append("package ").append(pkg).append(";\n\n");
        }
        out.append("import org.jvnet.localizer.Localizable;\n");
        out.append("import org.jvnet.localizer.ResourceBundleHolder;\n\n");
        out.append("/** Generated from Messages.properties by the offline build. */\n");
        out.append("@SuppressWarnings(\"all\")\n");
        out.append("public class Messages {\n");
        out.append("    private static final ResourceBundleHolder holder = ResourceBundleHolder.get(Messages.class);\n");
        for (Map.Entry<String, String> message : messages.entrySet()) {
            String key = message.getKey();
            String method = identifier(key);
            int arity = new MessageFormat(message.getValue()).getFormatsByArgumentIndex().length;
            List<String> parameters = new ArrayList<>();
            List<String> arguments = new ArrayList<>();
            arguments.add(literal(key));
            for (int i = 0; i < arity; i++) {
                parameters.add("Object arg" + i);
                arguments.add("arg" + i);
            }
            String doc = "    /** " + javadoc(message.getValue()) + " */\n";
            out.append('\n').append(doc);
            out.append("    public static String ").append(method).append('(').append(String.join(", ", parameters))
                    .append(") {\n");
            out.append("        return holder.format(").append(String.join(", ", arguments)).append(");\n");
            out.append("    }\n");
            out.append('\n').append(doc);
            out.append("    public static Localizable _").append(method).append('(')
                    .append(String.join(", ", parameters)).append(") {\n");
            out.append("        return new Localizable(holder, ").append(String.join(", ", arguments)).append(");\n");
            out.append("    }\n");
        }
        out.append("}\n");
        return out.toString();
    }

    private static String identifier(String key) {
        StringBuilder name = new StringBuilder();
        for (char c : key.toCharArray()) {
            name.append(Character.isJavaIdentifierPart(c) ? c : '_');
        }
        if (name.length() == 0 || !Character.isJavaIdentifierStart(name.charAt(0))) {
            name.insert(0, '_');
        }
        return name.toString();
    }

    private static String literal(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String javadoc(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '@' -> out.append("&#64;");
                case '*' -> out.append("&#42;");
                case '\\' -> out.append("&#92;");
                case '\n', '\r' -> out.append(' ');
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
