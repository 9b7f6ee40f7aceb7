package io.jenkins.plugins.dbrunbooks.engine.testing;

import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** The real command-line tools interop tests check against: age, age-keygen, zstd, xxhsum. Required in CI. */
public final class ExternalTools {
    private ExternalTools() {
    }

    public static void require(String tool) {
        if (io.jenkins.plugins.dbrunbooks.engine.process.ToolLocator.fromEnvironment(List.of()).find(tool).isEmpty()) {
            String message = "'" + tool + "' is not installed";
            if (TestServers.inCi()) {
                fail(message + " (CI installs it in .ci/run)");
            }
            assumeTrue(message, false);
        }
    }

    /** Runs a shell pipeline and returns its standard output; fails the test on a non-zero exit. */
    public static String sh(Path dir, String script) {
        try {
            Process p = new ProcessBuilder("bash", "-o", "pipefail", "-c", script).directory(dir.toFile())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new AssertionError("Command failed: " + script + "\n" + out);
            }
            return out;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh age key pair from age-keygen: the identity file and its public recipient. */
    public record AgeKey(Path identityFile, String recipient) {
        public static AgeKey generate(Path dir, String name) {
            require("age-keygen");
            Path file = dir.resolve(name + ".key");
            sh(dir, "age-keygen -o '" + file + "' 2>/dev/null");
            String recipient = sh(dir, "age-keygen -y '" + file + "'").trim();
            return new AgeKey(file, recipient);
        }
    }
}
