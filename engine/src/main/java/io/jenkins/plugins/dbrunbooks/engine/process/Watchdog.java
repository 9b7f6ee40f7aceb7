package io.jenkins.plugins.dbrunbooks.engine.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a tool end when this JVM is killed outright. Java cannot ask the kernel to signal a child when its parent
 * dies, and a {@code pg_restore} reading a file of its own would otherwise go on filling a database nobody will
 * ever use. So the tool is started through a small POSIX shell: it forks a watcher, then replaces itself with the
 * tool (the JVM's {@link Process} is the tool itself). The watcher looks once a second whether this JVM is still
 * there; when it is gone it sends the tool SIGTERM (on which {@code pg_restore} and {@code pg_dump} end their
 * parallel workers and cancel their queries) and SIGKILL five seconds later if it still runs. The watcher ends as
 * soon as the tool does, and never signals anything while this JVM lives.
 */
final class Watchdog {
    private static final Path SHELL = Path.of("/bin/sh");
    static final String NAME = "dbrunbooks-watchdog";
    // The shell would hand its own PWD to the tool; the tool sees only the environment it was given.
    private static final String SCRIPT = "unset PWD; jvm=$1; shift; tool=$$; ("
            + " trap '' INT HUP;"
            + " while kill -0 \"$jvm\" 2>/dev/null && kill -0 \"$tool\" 2>/dev/null; do sleep 1; done;"
            + " if ! kill -0 \"$jvm\" 2>/dev/null && kill -0 \"$tool\" 2>/dev/null; then"
            + " kill -TERM \"$tool\" 2>/dev/null; sleep 5;"
            + " kill -0 \"$tool\" 2>/dev/null && kill -KILL \"$tool\" 2>/dev/null; fi"
            + " ) </dev/null >/dev/null 2>&1 & exec \"$@\"";

    private Watchdog() {
    }

    /** {@code command} started under a watcher of this JVM, or as it is where there is no POSIX shell. */
    static List<String> wrap(List<String> command) {
        // A tool that is not there fails to start as itself, with the JVM's own message.
        if (!Files.isExecutable(SHELL) || !Files.isExecutable(Path.of(command.get(0)))) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of(SHELL.toString(), "-c", SCRIPT, NAME,
                Long.toString(ProcessHandle.current().pid())));
        wrapped.addAll(command);
        return wrapped;
    }
}
