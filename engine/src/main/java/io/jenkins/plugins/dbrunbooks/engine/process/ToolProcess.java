package io.jenkins.plugins.dbrunbooks.engine.process;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressListener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A running database tool. Its standard error is read on a thread of its own, forwarded to the listener and
 * its tail kept for the error message; closing the process kills it if it is still running, so an interrupted
 * operation never leaves a tool behind. A tool also ends when this JVM is killed outright (see {@link Watchdog}).
 */
public final class ToolProcess implements AutoCloseable {
    private static final int KEPT_LINES = 20;
    /**
     * The characters of one line of error output kept and forwarded: the {@code mariadb} client repeats a failed
     * statement whole, which may be an INSERT of many megabytes.
     */
    static final int KEPT_LINE_CHARS = 2000;
    /** Tools still running, ended when the JVM ends normally or on SIGTERM; after SIGKILL their watchdogs end them. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ToolProcess::endAll, "end database tools"));
    }

    private final String toolName;
    private final Process process;
    private final Thread stderrPump;
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private String noAnswerPhrase;
    private RunbookException noAnswer;

    private ToolProcess(String toolName, Process process, ProgressListener listener) {
        this.toolName = toolName;
        this.process = process;
        this.stderrPump = new Thread(() -> pumpStderr(listener), toolName + " stderr");
        this.stderrPump.setDaemon(true);
        this.stderrPump.start();
    }

    /**
     * Starts {@code command}; {@code environment} is added to the part of this process's environment a tool may
     * need (see {@link #inherited}), which is where connection settings go so that nothing but options appears on
     * the command line.
     */
    public static ToolProcess start(List<String> command, Map<String, String> environment, Path workDir,
            ProgressListener listener) {
        ProcessBuilder builder = new ProcessBuilder(Watchdog.wrap(command));
        builder.environment().keySet().removeIf(name -> !inherited(name));
        builder.environment().putAll(environment);
        if (workDir != null) {
            builder.directory(workDir.toFile());
        }
        String name = Path.of(command.get(0)).getFileName().toString();
        try {
            Process process = builder.start();
            RUNNING.add(process);
            process.onExit().thenAccept(RUNNING::remove);
            return new ToolProcess(name, process, listener);
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.TOOL_MISSING, "Could not start '" + name + "': " + e.getMessage(),
                    null, e);
        }
    }

    /**
     * Whether a tool sees a variable of our own environment: the system's basics and the client libraries' own
     * settings, named one by one, but no password and nothing else, since our environment may hold the passwords
     * of every database (a CI job exports them all) under any name, {@code PGQA_PASS} as well as
     * {@code ORDERS_PASSWORD}.
     */
    static boolean inherited(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return INHERITED.contains(upper) || upper.startsWith("LC_") || CLIENT_SETTINGS.contains(upper);
    }

    private static final Set<String> INHERITED = Set.of("PATH", "HOME", "USER", "LOGNAME", "LANG", "LANGUAGE",
            "TZ", "TMPDIR", "TMP", "TEMP", "LD_LIBRARY_PATH", "DYLD_LIBRARY_PATH", "SYSTEMROOT", "WINDIR",
            "COMSPEC", "PATHEXT", "USERPROFILE", "APPDATA", "LOCALAPPDATA");

    /** libpq's and the MariaDB client's environment settings, without their password variables. */
    private static final Set<String> CLIENT_SETTINGS = Set.of("PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE",
            "PGUSER", "PGPASSFILE", "PGSERVICE", "PGSERVICEFILE", "PGOPTIONS", "PGAPPNAME", "PGSSLMODE",
            "PGREQUIRESSL", "PGSSLCOMPRESSION", "PGSSLCERT", "PGSSLKEY", "PGSSLCERTMODE", "PGSSLROOTCERT",
            "PGSSLCRL", "PGSSLCRLDIR", "PGSSLSNI", "PGREQUIREPEER", "PGSSLMINPROTOCOLVERSION",
            "PGSSLMAXPROTOCOLVERSION", "PGGSSENCMODE", "PGKRBSRVNAME", "PGGSSLIB", "PGGSSDELEGATION",
            "PGCONNECT_TIMEOUT", "PGCLIENTENCODING", "PGTARGETSESSIONATTRS", "PGLOADBALANCEHOSTS",
            "PGCHANNELBINDING", "PGREQUIREAUTH", "PGDATESTYLE", "PGTZ", "PGGEQO", "PGSYSCONFDIR", "PGLOCALEDIR",
            "MYSQL_HOST", "MYSQL_TCP_PORT", "MYSQL_UNIX_PORT", "MYSQL_HOME", "MYSQL_TEST_LOGIN_FILE",
            "MYSQL_HISTFILE", "MARIADB_HOME", "MARIADB_HOST", "MARIADB_TCP_PORT", "MARIADB_UNIX_PORT");

    /**
     * Makes a failure whose error output contains {@code phrase} (the client library's words for a server that
     * never answered) fail with {@code error} instead, which names the server and the timeout.
     */
    public ToolProcess onNoAnswer(String phrase, RunbookException error) {
        this.noAnswerPhrase = phrase;
        this.noAnswer = error;
        return this;
    }

    public String toolName() {
        return toolName;
    }

    public InputStream stdout() {
        return process.getInputStream();
    }

    public OutputStream stdin() {
        return process.getOutputStream();
    }

    /** Waits for the tool to end and returns its exit code. */
    public int waitFor() {
        try {
            int code = process.waitFor();
            stderrPump.join(TimeUnit.SECONDS.toMillis(5));
            return code;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new RunbookException(ErrorKind.INTERRUPTED, "Interrupted while '" + toolName + "' was running");
        }
    }

    /** Waits, then throws {@code kind} with the tool's last lines of error output unless it succeeded. */
    public void waitForSuccess(ErrorKind kind, String what) {
        int code = waitFor();
        if (code != 0 && noAnswer != null && stderrTail().contains(noAnswerPhrase)) {
            throw noAnswer;
        }
        if (code != 0) {
            throw new RunbookException(kind, what + ": '" + toolName + "' exited with code " + code
                    + describeTail(), null);
        }
    }

    public String stderrTail() {
        synchronized (stderrTail) {
            return String.join(System.lineSeparator(), stderrTail);
        }
    }

    private String describeTail() {
        String tail = stderrTail();
        return tail.isEmpty() ? "" : System.lineSeparator() + tail;
    }

    private void pumpStderr(ProgressListener listener) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = readLine(reader)) != null) {
                synchronized (stderrTail) {
                    if (stderrTail.size() == KEPT_LINES) {
                        stderrTail.removeFirst();
                    }
                    stderrTail.addLast(line);
                }
                listener.message(toolName + ": " + line);
            }
        } catch (IOException e) {
            // The process ended or was killed; whatever was read is kept.
        }
    }

    /** The next line, its first {@link #KEPT_LINE_CHARS} characters and how many more it had; null at the end. */
    static String readLine(BufferedReader reader) throws IOException {
        StringBuilder line = new StringBuilder();
        long more = 0;
        int c = reader.read();
        if (c < 0) {
            return null;
        }
        for (; c >= 0 && c != '\n'; c = reader.read()) {
            if (line.length() < KEPT_LINE_CHARS) {
                line.append((char) c);
            } else {
                more++;
            }
        }
        if (more == 0 && line.length() > 0 && line.charAt(line.length() - 1) == '\r') {
            line.setLength(line.length() - 1);
        }
        return more == 0 ? line.toString() : line + " ... (" + more + " more characters)";
    }

    /** Ends every tool still running, with the workers a tool started (pg_restore --jobs forks them). */
    private static void endAll() {
        for (Process process : RUNNING) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
