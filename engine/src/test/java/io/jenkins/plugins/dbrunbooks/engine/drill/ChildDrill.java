package io.jenkins.plugins.dbrunbooks.engine.drill;

import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import java.nio.file.Path;

/** A drill of {@code qa/orders} in a Java process of its own, so a test can kill it as an operating system would. */
public final class ChildDrill {
    private ChildDrill() {
    }

    public static Process start(Path root, String url, String user) throws java.io.IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                ChildDrill.class.getName(), root.toString(), url, user)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    public static void main(String[] args) {
        EngineFixture fixture = new EngineFixture(Path.of(args[0]), DbCredential.of(args[2], null))
                .environment("qa", EngineFixture.database("orders", args[1]));
        new DrillOperation(fixture.context()).run(DrillRequest.of("qa", "orders"));
    }
}
