package io.jenkins.plugins.dbrunbooks.engine.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.Assume.assumeTrue;

import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressListener;
import io.jenkins.plugins.dbrunbooks.engine.testing.Eventually;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

/**
 * A tool outlives nothing: when the Java process that started it is killed with SIGKILL (no shutdown hook runs), the
 * tool ends too, within a few seconds rather than when it is done.
 */
public class WatchdogTest {
    private static final Path SLEEP = Path.of("/bin/sleep");

    /** The child: starts a tool that would run for ten minutes, says its process id, and waits to be killed. */
    public static void main(String[] args) throws Exception {
        ToolProcess tool = ToolProcess.start(List.of(SLEEP.toString(), "600"), Map.of(), null, ProgressListener.NONE);
        ProcessHandle sleeping = ProcessHandle.current().children().findFirst().orElseThrow();
        System.out.println(sleeping.pid());
        System.out.flush();
        tool.waitFor();
    }

    @Test
    public void aToolEndsWhenTheProcessThatStartedItIsKilled() throws Exception {
        assumeTrue("needs a POSIX shell and sleep", Files.isExecutable(Path.of("/bin/sh"))
                && Files.isExecutable(SLEEP));
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), WatchdogTest.class.getName()).redirectErrorStream(true)
                .start();
        ProcessHandle tool;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            long pid = Long.parseLong(out.readLine().trim());
            Optional<ProcessHandle> started = ProcessHandle.of(pid);
            assertThat(started).as("the tool runs").isPresent();
            tool = started.get();
            assertThat(tool.info().command().orElse("")).endsWith("sleep");
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        Eventually.until("the tool to end with the killed process", () -> !tool.isAlive());
    }
}
