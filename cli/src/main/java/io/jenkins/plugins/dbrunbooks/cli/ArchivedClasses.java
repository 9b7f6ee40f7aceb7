package io.jenkins.plugins.dbrunbooks.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The classes the launcher's class archive holds. The archive is written when the first run with a jar ends, and it
 * held only the classes that run's command loaded: after a first {@code backup}, every {@code restore} loaded and
 * checked its own classes from the jar again. The recording run (the launcher sets {@link #PROPERTY} on it) loads
 * every class of this project, and of the libraries every engine's backups and restores use (the JDBC drivers,
 * zstd, age), before it ends, so that the archive serves every command whatever ran first: a first MariaDB backup
 * left PostgreSQL's driver, about 160 classes a run, to be read and checked from the jar on every later run. The
 * object-store client and H2's engine, thousands of classes that only some setups use, are left to the jar.
 */
final class ArchivedClasses {
    /** Set by the launcher on the run whose classes are recorded. */
    static final String PROPERTY = "dbrunbooks.recordClasses";
    private static final List<String> PREFIXES = List.of("io/jenkins/plugins/dbrunbooks/", "org/postgresql/",
            "org/mariadb/jdbc/", "com/github/luben/zstd/", "com/exceptionfactory/jagged/");

    private ArchivedClasses() {
    }

    /** On the recording run, loads the project's classes from its jar; never fails the run. */
    static void loadForRecording() {
        if (!Boolean.getBoolean(PROPERTY)) {
            return;
        }
        try {
            CodeSource source = Main.class.getProtectionDomain().getCodeSource();
            if (source != null) {
                Path jar = Path.of(source.getLocation().toURI());
                if (Files.isRegularFile(jar)) {
                    load(jar, Main.class.getClassLoader());
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // The archive then holds what the command loaded, as it did before.
        }
    }

    /**
     * Loads, without initialising them, the classes of this project and of those libraries in {@code jar}; a class
     * that cannot be loaded is left out.
     *
     * @return how many were loaded
     */
    static int load(Path jar, ClassLoader loader) throws IOException {
        int loaded = 0;
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (PREFIXES.stream().anyMatch(name::startsWith) && name.endsWith(".class")
                        && !name.endsWith("-info.class")) {
                    try {
                        Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, loader);
                        loaded++;
                    } catch (ClassNotFoundException | LinkageError e) {
                        // A class of an optional part whose library is absent: the archive does without it.
                    }
                }
            }
        }
        return loaded;
    }
}
