package io.jenkins.plugins.dbrunbooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ArchivedClassesTest {
    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    /** A loader of the jar alone, which tells which classes it has loaded. */
    private static final class JarLoader extends URLClassLoader {
        JarLoader(Path jar) throws IOException {
            super(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }
    }

    @Test
    public void shouldLoadTheProjectsClassesOfTheJarAndLeaveOutTheOthersAndThoseThatCannotLoad() throws Exception {
        Path jar = tmp.getRoot().toPath().resolve("dbrunbooks.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            copy(out, "io/jenkins/plugins/dbrunbooks/cli/ArchivedClasses.class");
            // Its interface is picocli's, which this jar does not hold.
            copy(out, "io/jenkins/plugins/dbrunbooks/cli/Version.class");
            entry(out, "io/jenkins/plugins/dbrunbooks/cli/Broken.class", new byte[] {1, 2, 3});
            entry(out, "io/jenkins/plugins/dbrunbooks/cli/package-info.class", new byte[] {1, 2, 3});
            entry(out, "io/jenkins/plugins/dbrunbooks/cli/notes.txt", new byte[] {1});
            copy(out, "org/assertj/core/api/Assertions.class");
            // The drivers' classes are archived too.
            copy(out, "org/postgresql/util/PGobject.class");
            copy(out, "org/mariadb/jdbc/util/Version.class");
        }
        try (JarLoader loader = new JarLoader(jar)) {
            assertThat(ArchivedClasses.load(jar, loader)).isEqualTo(3);
            assertThat(loader.loaded("io.jenkins.plugins.dbrunbooks.cli.ArchivedClasses")).isTrue();
            assertThat(loader.loaded("org.postgresql.util.PGobject")).isTrue();
            assertThat(loader.loaded("org.mariadb.jdbc.util.Version")).isTrue();
            assertThat(loader.loaded("io.jenkins.plugins.dbrunbooks.cli.Version")).isFalse();
            assertThat(loader.loaded("org.assertj.core.api.Assertions")).isFalse();
        }
    }

    @Test
    public void shouldLoadNothingOnARunThatDoesNotRecord() {
        assertThat(Boolean.getBoolean(ArchivedClasses.PROPERTY)).isFalse();
        // Returns at once, whatever the jar: no error, nothing printed.
        ArchivedClasses.loadForRecording();
    }

    private static void copy(JarOutputStream out, String name) throws IOException {
        try (InputStream in = ArchivedClassesTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            entry(out, name, in.readAllBytes());
        }
    }

    private static void entry(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }
}
