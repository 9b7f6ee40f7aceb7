package io.jenkins.plugins.dbrunbooks.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The launcher script finds the jar beside its real file when it is reached through a symlink on the PATH, also
 * on a machine without readlink or dirname. {@code JAVA=/bin/echo} shows the command it would run.
 */
public class LauncherTest {
    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private Path install;
    private Path bin;

    @Before
    public void installBehindASymlink() throws IOException {
        assumeTrue("needs a POSIX shell", Files.isExecutable(Path.of("/bin/sh"))
                && Files.isExecutable(Path.of("/bin/echo")));
        install = tmp.newFolder("opt", "dbrunbooks").toPath();
        Path script = Files.copy(Path.of("dbrunbooks"), install.resolve("dbrunbooks"));
        script.toFile().setExecutable(true);
        Files.writeString(install.resolve("dbrunbooks.jar"), "not a real jar");
        bin = tmp.newFolder("bin").toPath();
        Files.createSymbolicLink(bin.resolve("dbrunbooks"), Path.of("../opt/dbrunbooks/dbrunbooks"));
    }

    @Test
    public void findsTheJarThroughARelativeSymlinkOnThePath() throws Exception {
        String out = run(bin + ":/usr/bin:/bin");
        assertThat(out).contains("-jar " + install.toRealPath().resolve("dbrunbooks.jar") + " --version");
    }

    @Test
    public void findsTheJarWithoutReadlinkOrDirname() throws Exception {
        Path bare = tmp.newFolder("bare").toPath();
        for (String tool : List.of("sh", "ls")) {
            Path real = Path.of("/bin", tool);
            assumeTrue(tool + " is needed", Files.isExecutable(real));
            Files.createSymbolicLink(bare.resolve(tool), real.toRealPath());
        }
        String out = run(bin + ":" + bare);
        assertThat(out).contains("-jar " + install.toRealPath().resolve("dbrunbooks.jar") + " --version");
    }

    @Test
    public void recordsTheClassesOnTheFirstRunAndSharesThemAfter() throws Exception {
        assumeTrue("needs cksum", Files.isExecutable(Path.of("/usr/bin/cksum")));
        Path cache = tmp.getRoot().toPath().resolve("cache");
        Map<String, String> env = Map.of("DBRUNBOOKS_CLASS_CACHE", cache.toString());

        String first = run(bin + ":/usr/bin:/bin", env);
        Matcher recording = Pattern.compile("-XX:ArchiveClassesAtExit=(\\S+\\.jsa)\\.\\d+ ").matcher(first);
        assertThat(recording.find()).as(first).isTrue();
        // That run loads every class of the project before it ends, so that the archive serves every command.
        assertThat(first).contains(" -D" + ArchivedClasses.PROPERTY + "=true -jar ");
        Path archive = Path.of(recording.group(1));
        assertThat(archive.getParent()).isEqualTo(cache);
        // The recording run has ended (its process id is gone): the next run takes its archive.
        Path finished = Path.of(archive + "." + endedProcessId());
        Files.writeString(finished, "recorded");

        assertThat(run(bin + ":/usr/bin:/bin", env)).contains("-XX:SharedArchiveFile=" + archive + " -jar ")
                .contains("-Xlog:cds*=off").doesNotContain("ArchiveClassesAtExit")
                .doesNotContain(ArchivedClasses.PROPERTY);
        assertThat(archive).hasContent("recorded");
        assertThat(finished).doesNotExist();
        assertThat(run(bin + ":/usr/bin:/bin", Map.of("DBRUNBOOKS_CLASS_CACHE", "off")))
                .doesNotContain("SharedArchiveFile").doesNotContain("ArchiveClassesAtExit");
    }

    /**
     * Only a command that works on a database records the archive: one recorded by --version or list holds few of
     * the runtime's classes a backup needs. Every command takes an archive once there is one.
     */
    @Test
    public void recordsOnlyOnACommandThatWorksOnADatabaseAndSharesWithEvery() throws Exception {
        assumeTrue("needs cksum", Files.isExecutable(Path.of("/usr/bin/cksum")));
        Path cache = tmp.getRoot().toPath().resolve("cache");
        Map<String, String> env = Map.of("DBRUNBOOKS_CLASS_CACHE", cache.toString());
        for (String arguments : List.of("--version", "--help", "", "list -e qa", "--config x.yaml --debug inspect",
                "--config", "--debug --config=x.yaml status")) {
            assertThat(run(bin + ":/usr/bin:/bin", env, arguments)).as(arguments)
                    .doesNotContain("ArchiveClassesAtExit").doesNotContain("SharedArchiveFile")
                    .doesNotContain(ArchivedClasses.PROPERTY);
        }
        for (String arguments : List.of("restore -e qa -d orders", "--debug copy", "--config x.yaml drill -e qa")) {
            assertThat(run(bin + ":/usr/bin:/bin", env, arguments)).as(arguments).contains("ArchiveClassesAtExit");
        }
        Matcher recording = Pattern.compile("-XX:ArchiveClassesAtExit=(\\S+\\.jsa)\\.\\d+ ")
                .matcher(run(bin + ":/usr/bin:/bin", env));
        assertThat(recording.find()).isTrue();
        Files.writeString(Path.of(recording.group(1)), "recorded");
        assertThat(run(bin + ":/usr/bin:/bin", env, "--version")).contains("-XX:SharedArchiveFile=");
    }

    /** Recording a new archive removes the archives of other jars not used for 30 days, and only those. */
    @Test
    public void removesTheArchivesOfOtherJarsNotUsedForAMonthWhenItRecords() throws Exception {
        assumeTrue("needs cksum and find", Files.isExecutable(Path.of("/usr/bin/cksum"))
                && Files.isExecutable(Path.of("/usr/bin/find")));
        Path cache = Files.createDirectories(tmp.getRoot().toPath().resolve("cache"));
        Path stale = Files.writeString(cache.resolve("classes-111.jsa"), "an earlier version's");
        Path recent = Files.writeString(cache.resolve("classes-222.jsa"), "another version in use");
        Path other = Files.writeString(cache.resolve("notes.txt"), "not an archive");
        FileTime longAgo = FileTime.from(Instant.now().minus(Duration.ofDays(40)));
        for (Path old : List.of(stale, other)) {
            Files.getFileAttributeView(old, BasicFileAttributeView.class).setTimes(longAgo, longAgo, null);
        }
        Map<String, String> env = Map.of("DBRUNBOOKS_CLASS_CACHE", cache.toString());

        assertThat(run(bin + ":/usr/bin:/bin", env)).contains("ArchiveClassesAtExit");
        assertThat(stale).doesNotExist();
        assertThat(recent).exists();
        assertThat(other).exists();
    }

    @Test
    public void leavesTheRecordingOfARunStillGoingAlone() throws Exception {
        assumeTrue("needs cksum", Files.isExecutable(Path.of("/usr/bin/cksum")));
        Path cache = tmp.getRoot().toPath().resolve("cache");
        Map<String, String> env = Map.of("DBRUNBOOKS_CLASS_CACHE", cache.toString());
        Matcher recording = Pattern.compile("-XX:ArchiveClassesAtExit=(\\S+\\.jsa)\\.\\d+ ")
                .matcher(run(bin + ":/usr/bin:/bin", env));
        assertThat(recording.find()).isTrue();
        // This test's own process is alive: its recording may be half written.
        Path going = Path.of(recording.group(1) + "." + ProcessHandle.current().pid());
        Files.writeString(going, "half");

        assertThat(run(bin + ":/usr/bin:/bin", env)).contains("ArchiveClassesAtExit")
                .doesNotContain("SharedArchiveFile");
        assertThat(going).hasContent("half");
        assertThat(Path.of(recording.group(1))).doesNotExist();
    }

    @Test
    public void removesARecordingTheRuntimeCannotStartWith() throws Exception {
        assumeTrue("needs cksum", Files.isExecutable(Path.of("/usr/bin/cksum")));
        Path cache = tmp.getRoot().toPath().resolve("cache");
        // A runtime that crashes on its trial start with the archive, as Java does on one cut short.
        Path java = tmp.getRoot().toPath().resolve("java");
        Files.writeString(java, "#!/bin/sh\ncase \" $* \" in *\" -version \"*) exit 134 ;; esac\necho \"$@\"\n");
        java.toFile().setExecutable(true);
        Map<String, String> env = Map.of("DBRUNBOOKS_CLASS_CACHE", cache.toString(), "JAVA", java.toString());
        Matcher recording = Pattern.compile("-XX:ArchiveClassesAtExit=(\\S+\\.jsa)\\.\\d+ ")
                .matcher(run(bin + ":/usr/bin:/bin", env));
        assertThat(recording.find()).isTrue();
        Path cutShort = Path.of(recording.group(1) + "." + endedProcessId());
        Files.writeString(cutShort, "cut short");

        assertThat(run(bin + ":/usr/bin:/bin", env)).contains("ArchiveClassesAtExit")
                .doesNotContain("SharedArchiveFile");
        assertThat(cutShort).doesNotExist();
        assertThat(Path.of(recording.group(1))).doesNotExist();
    }

    @Test
    public void theRuntimeTakesTheDefaultOptions() throws Exception {
        String command = run(bin + ":/usr/bin:/bin");
        List<String> options = List.of(command.substring(0, command.indexOf(" -jar ")).trim().split(" +"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> trial = new ArrayList<>(List.of(java.toString()));
        trial.addAll(options);
        trial.add("-version");
        Process p = new ProcessBuilder(trial).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(options).contains("-XX:+UseSerialGC", "-XX:Tier4InvocationThreshold=50000");
        assertThat(p.waitFor()).as(out).isZero();
    }

    /** The id of a process that has ended. */
    private static long endedProcessId() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/bin/sh", "-c", "true").start();
        p.waitFor();
        return p.pid();
    }

    /** A flight recording or an agent hooks class loading, which crashes the runtime on a recorded archive. */
    @Test
    public void sharesNoClassesWithARecordingOrAnAgent() throws Exception {
        assumeTrue("needs cksum", Files.isExecutable(Path.of("/usr/bin/cksum")));
        Path cache = tmp.getRoot().toPath().resolve("cache");
        for (String hook : List.of("-XX:StartFlightRecording=filename=run.jfr", "-javaagent:agent.jar",
                "-agentlib:jdwp=transport=dt_socket", "-agentpath:/opt/agent.so")) {
            assertThat(run(bin + ":/usr/bin:/bin", Map.of("DBRUNBOOKS_CLASS_CACHE", cache.toString(),
                    "DBRUNBOOKS_JAVA_OPTS", "-Xmx1g " + hook))).as(hook).contains(hook)
                    .doesNotContain("SharedArchiveFile").doesNotContain("ArchiveClassesAtExit");
        }
        assertThat(run(bin + ":/usr/bin:/bin", Map.of("DBRUNBOOKS_CLASS_CACHE", cache.toString(),
                "DBRUNBOOKS_JAVA_OPTS", "-Xmx1g"))).contains("ArchiveClassesAtExit");
    }

    @Test
    public void sharesNoClassesWithoutAPlaceForThem() throws Exception {
        assertThat(run(bin + ":/usr/bin:/bin", Map.of())).doesNotContain("SharedArchiveFile")
                .doesNotContain("ArchiveClassesAtExit");
    }

    private String run(String path) throws IOException, InterruptedException {
        return run(path, Map.of(), "--version");
    }

    /** A backup, which records the class archive where there is none yet. */
    private String run(String path, Map<String, String> env) throws IOException, InterruptedException {
        return run(path, env, "--config c.yaml backup -e qa -d orders");
    }

    private String run(String path, Map<String, String> env, String arguments)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", "dbrunbooks " + arguments)
                .directory(tmp.getRoot()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(Map.of("PATH", path, "JAVA", "/bin/echo"));
        builder.environment().putAll(env);
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }
}
