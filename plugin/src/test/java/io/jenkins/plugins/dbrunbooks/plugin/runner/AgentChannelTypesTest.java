package io.jenkins.plugins.dbrunbooks.plugin.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * Everything the plugin sends to an agent and everything that comes back must pass the remoting class filter of a
 * real controller (JEP-200, core's {@code ClassFilterImpl}); a type it rejects fails the build after the work on
 * the agent was done. That filter accepts arrays, enums, throwables, the classes of Jenkins core and of plugin
 * jars, the classes of a jar whose manifest says {@code Jenkins-ClassFilter-Whitelisted: true}, and the JDK
 * classes core lists in {@code jenkins/security/whitelisted-classes.txt}; it rejects the rest.
 *
 * <p>This test finds every callable and every {@link AgentWork} among the plugin's classes, and walks the types of
 * their fields and of their results, down through every field of every type it reaches. It fails on a type that
 * is not serializable, or that is neither from the JDK list below, the plugin, Jenkins core nor a whitelisted jar.
 */
public class AgentChannelTypesTest {
    private static final String PLUGIN_PACKAGE = "io.jenkins.plugins.dbrunbooks.plugin.";
    private static final String ENGINE_PACKAGE = "io.jenkins.plugins.dbrunbooks.engine.";
    private static final String WHITELIST_ATTRIBUTE = "Jenkins-ClassFilter-Whitelisted";

    /**
     * JDK classes that may appear in the stream, every one of them on core's list. Instants and durations travel
     * as {@code java.time.Ser}; the collections of {@code List.of}/{@code List.copyOf} as {@code java.util.CollSer}.
     */
    private static final Set<String> JDK_ON_CORE_LIST = Set.of(
            "java.lang.Boolean", "java.lang.Integer", "java.lang.Long", "java.lang.Double", "java.lang.Number",
            "java.lang.Object", "java.lang.String", "java.time.Ser", "java.util.ArrayList", "java.util.HashMap",
            "java.util.HashSet", "java.util.LinkedHashMap", "java.util.LinkedHashSet", "java.util.TreeMap",
            "java.util.CollSer", "java.util.ImmutableCollections$ListN", "java.util.ImmutableCollections$List12",
            "java.util.Collections$EmptyList", "java.util.Collections$UnmodifiableRandomAccessList",
            "java.util.Collections$UnmodifiableList", "java.util.Collections$UnmodifiableMap");

    /**
     * JDK types our fields may declare, each with values that stand for what our code puts there; the second test
     * serializes those values and checks every class in the stream against {@link #JDK_ON_CORE_LIST}.
     */
    private static final Map<Class<?>, List<Object>> JDK_FIELD_TYPES = Map.ofEntries(
            Map.entry(String.class, List.of("orders")),
            Map.entry(Boolean.class, List.of(true)),
            Map.entry(Integer.class, List.of(3)),
            Map.entry(Long.class, List.of(7L)),
            Map.entry(Instant.class, List.of(Instant.parse("2026-11-24T23:56:40Z"))),
            Map.entry(Duration.class, List.of(Duration.ofMinutes(5))),
            Map.entry(List.class, List.of(List.of(), List.of("a"), List.of("a", "b", "c"),
                    List.copyOf(new ArrayList<>(List.of("a", "b"))), new ArrayList<>(List.of("a")))),
            Map.entry(ArrayList.class, List.of(new ArrayList<>(List.of("a")))),
            Map.entry(Set.class, List.of(Set.of(), Set.of("a"), Set.of("a", "b", "c"),
                    new LinkedHashSet<>(List.of("a")))),
            Map.entry(Map.class, List.of(Map.of(), Map.of("a", "b"), Map.of("a", "b", "c", "d"),
                    new HashMap<>(Map.of("a", "b")), new LinkedHashMap<>(Map.of("a", "b")),
                    new TreeMap<>(Map.of("a", "b")))),
            Map.entry(HashMap.class, List.of(new HashMap<>(Map.of("a", "b")))));

    @Test
    public void shouldSendAndReceiveOnlyTypesTheControllersClassFilterAccepts() throws Exception {
        List<Class<?>> roots = channelClasses();
        assertThat(roots).as("callables and agent work of the plugin").contains(RunbookCallable.class,
                AgentOutcome.class);
        assertThat(roots).extracting(Class::getSimpleName).contains("SecretMaskingFilter");
        assertThat(roots.stream().filter(AgentWork.class::isAssignableFrom).count())
                .as("agent work records").isGreaterThanOrEqualTo(6);

        Walk walk = new Walk();
        for (Class<?> root : roots) {
            walk.type(root, root.getName());
            for (Type result : results(root)) {
                walk.type(result, root.getName() + " result");
            }
        }
        assertThat(walk.problems).as("types on the agent channel the controller would reject").isEmpty();
        assertThat(walk.seen).as("types walked").contains("io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent",
                "io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest",
                "io.jenkins.plugins.dbrunbooks.engine.backup.BackupResult",
                "io.jenkins.plugins.dbrunbooks.engine.verify.VerificationReport",
                "io.jenkins.plugins.dbrunbooks.engine.retention.PruneResult",
                "io.jenkins.plugins.dbrunbooks.engine.restore.RestoreResult");
    }

    @Test
    public void shouldWriteTheJdkValuesOfOurFieldsAsClassesOnCoresList() throws Exception {
        for (Map.Entry<Class<?>, List<Object>> type : JDK_FIELD_TYPES.entrySet()) {
            for (Object value : type.getValue()) {
                assertThat(classesInStream(value)).as("%s as %s", type.getKey().getName(), value.getClass())
                        .allSatisfy(name -> assertThat(JDK_ON_CORE_LIST).contains(name));
            }
        }
    }

    /** Where core is on the class path (the build against the Jenkins repository), our list must be in its list. */
    @Test
    public void shouldListOnlyJdkClassesThatCoreListsWhereCoreIsPresent() throws IOException {
        try (InputStream core = getClass().getClassLoader()
                .getResourceAsStream("jenkins/security/whitelisted-classes.txt")) {
            if (core == null) {
                return; // offline: the stand-ins of core carry no data; the list above was read from core's
            }
            Set<String> listed = Set.copyOf(new String(core.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::trim).toList());
            assertThat(listed).containsAll(JDK_ON_CORE_LIST);
        }
    }

    /** Every class of the plugin that goes to an agent: callables, agent work, log filters, and what comes back. */
    private static List<Class<?>> channelClasses() throws IOException, URISyntaxException {
        Path classes = Path.of(RunbookRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String name = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".")
                        .replaceAll("\\.class$", "");
                Class<?> c = load(name);
                if (c.isInterface() || Modifier.isAbstract(c.getModifiers())) {
                    continue;
                }
                // Console log filters go too: a Pipeline step on an agent decorates its log there.
                if (hudson.remoting.Callable.class.isAssignableFrom(c) || AgentWork.class.isAssignableFrom(c)
                        || hudson.console.ConsoleLogFilter.class.isAssignableFrom(c)) {
                    found.add(c);
                }
            }
        }
        found.add(AgentOutcome.class);
        return found;
    }

    /** The declared result types: R of AgentWork&lt;R&gt; and V of Callable&lt;V, T&gt;. */
    private static List<Type> results(Class<?> c) {
        List<Type> results = new ArrayList<>();
        Deque<Type> supertypes = new ArrayDeque<>();
        supertypes.add(c.getGenericSuperclass() == null ? Object.class : c.getGenericSuperclass());
        supertypes.addAll(List.of(c.getGenericInterfaces()));
        while (!supertypes.isEmpty()) {
            Type type = supertypes.poll();
            Class<?> raw = raw(type);
            if (raw == null || raw == Object.class) {
                continue;
            }
            if (type instanceof ParameterizedType p
                    && (raw == AgentWork.class || raw == hudson.remoting.Callable.class)) {
                results.add(p.getActualTypeArguments()[0]);
            }
            if (raw.getGenericSuperclass() != null) {
                supertypes.add(raw.getGenericSuperclass());
            }
            supertypes.addAll(List.of(raw.getGenericInterfaces()));
        }
        return results;
    }

    private static final class Walk {
        final Set<String> seen = new LinkedHashSet<>();
        final List<String> problems = new ArrayList<>();

        void type(Type type, String via) {
            if (type instanceof ParameterizedType p) {
                type(p.getRawType(), via);
                for (Type argument : p.getActualTypeArguments()) {
                    type(argument, via);
                }
            } else if (type instanceof GenericArrayType a) {
                type(a.getGenericComponentType(), via);
            } else if (type instanceof WildcardType w) {
                for (Type bound : w.getUpperBounds()) {
                    type(bound, via);
                }
            } else if (type instanceof TypeVariable<?> v) {
                for (Type bound : v.getBounds()) {
                    type(bound, via);
                }
            } else if (type instanceof Class<?> c) {
                type(c, via);
            }
        }

        private void type(Class<?> c, String via) {
            if (c.isPrimitive() || !seen.add(c.getName())) {
                return;
            }
            if (c.isArray()) {
                type(c.getComponentType(), via);
                return;
            }
            if (c.isEnum() || Throwable.class.isAssignableFrom(c)) {
                return; // accepted by the filter whatever their origin
            }
            if (isJdk(c)) {
                if (!JDK_FIELD_TYPES.containsKey(c) && c != Serializable.class && c != Object.class) {
                    problems.add(c.getName() + " (reached from " + via + ") is a JDK type this test does not know;"
                            + " add it to JDK_FIELD_TYPES if core's list accepts how it is serialized");
                }
                return;
            }
            String name = c.getName();
            if (name.startsWith("hudson.") || name.startsWith("jenkins.")) {
                return; // Jenkins core and remoting: accepted by their location, serialized by their own rules
            }
            if (name.startsWith(PLUGIN_PACKAGE)) {
                fields(c, via);
                return;
            }
            if (name.startsWith(ENGINE_PACKAGE)) {
                String whitelisted = whitelistedJar(c);
                if (whitelisted != null) {
                    problems.add(name + " (reached from " + via + ") comes from " + whitelisted);
                }
                fields(c, via);
                return;
            }
            problems.add(name + " (reached from " + via + ") comes from " + location(c)
                    + ", which is neither the JDK, Jenkins, the plugin nor a whitelisted jar");
        }

        private void fields(Class<?> c, String via) {
            if (!Serializable.class.isAssignableFrom(c)) {
                problems.add(c.getName() + " (reached from " + via + ") is not Serializable");
                return;
            }
            for (Class<?> k = c; k != null && Serializable.class.isAssignableFrom(k); k = k.getSuperclass()) {
                for (Field field : k.getDeclaredFields()) {
                    int modifiers = field.getModifiers();
                    if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers)) {
                        type(field.getGenericType(), c.getSimpleName() + "." + field.getName());
                    }
                }
            }
        }
    }

    private static boolean isJdk(Class<?> c) {
        return c.getClassLoader() == null || c.getModule().isNamed() && c.getModule().getName().startsWith("java.");
    }

    /**
     * Null when the engine classes come from a jar that says {@code Jenkins-ClassFilter-Whitelisted: true} or from
     * a class directory (an IDE; .ci/run checks the built jar); otherwise what is wrong with their jar.
     */
    private static String whitelistedJar(Class<?> c) {
        URL location = c.getProtectionDomain().getCodeSource().getLocation();
        if (!location.getPath().endsWith(".jar")) {
            return null;
        }
        try (JarFile jar = new JarFile(Path.of(location.toURI()).toFile())) {
            Manifest manifest = jar.getManifest();
            String value = manifest == null ? null : manifest.getMainAttributes().getValue(WHITELIST_ATTRIBUTE);
            return "true".equals(value) ? null
                    : location + ", whose manifest lacks " + WHITELIST_ATTRIBUTE + ": true";
        } catch (IOException | URISyntaxException e) {
            return location + ", which cannot be read: " + e;
        }
    }

    private static String location(Class<?> c) {
        return c.getProtectionDomain().getCodeSource() == null ? "an unknown place"
                : String.valueOf(c.getProtectionDomain().getCodeSource().getLocation());
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, AgentChannelTypesTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(name, e);
        }
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return null;
    }

    /** The names of the classes an object input stream resolves when reading {@code value} back. */
    private static List<String> classesInStream(Object value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        List<String> resolved = new ArrayList<>();
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())) {
            @Override
            protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                resolved.add(desc.getName());
                return super.resolveClass(desc);
            }
        }) {
            in.readObject();
        }
        return resolved;
    }
}
