package io.jenkins.plugins.dbrunbooks.engine.method.postgres;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.Jdbc;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.process.PrivateFiles;
import io.jenkins.plugins.dbrunbooks.engine.process.ToolLocator;
import io.jenkins.plugins.dbrunbooks.engine.process.ToolProcess;
import io.jenkins.plugins.dbrunbooks.engine.process.ToolVersion;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finding and running libpq tools. Connection settings go in the environment; the password goes in a
 * {@code 0600} password file in a private directory, named by {@code PGPASSFILE}, so it is on no command line
 * and in no file anyone else can read.
 */
final class PostgresTools {
    private PostgresTools() {
    }

    /** libpq's words when PGCONNECT_TIMEOUT ran out. */
    static final String NO_ANSWER = "timeout expired";

    static RunbookException noAnswer(MethodContext context) {
        return Jdbc.noAnswer(context.jdbcUrl(), context.timeouts().connectSeconds(), "PGCONNECT_TIMEOUT", null);
    }

    /** The private directory for a tool's password file and working copy; sweeps those of killed runs. */
    static PrivateFiles privateFiles(MethodContext context) {
        return privateFiles(context, "pg-");
    }

    /** @param prefix what the directory's name says it holds, after the project's own prefix */
    static PrivateFiles privateFiles(MethodContext context, String prefix) {
        return PrivateFiles.create(context.workDir(), prefix, leftover -> context.listener().message("Removed '"
                + leftover + "', left behind by a run that was killed"));
    }

    static ToolLocator locator(MethodContext context) {
        return context.tools();
    }

    static Optional<Path> find(MethodContext context, String tool) {
        return locator(context).find(tool);
    }

    /** A client tool and its version. */
    record Tool(Path path, ToolVersion version) {
    }

    /** A server and the client tool chosen to work with it. */
    record ForServer(ServerVersion server, Tool tool) {
    }

    /**
     * The server's version and the first {@code tool} in search order that is at least as new as the server:
     * pg_dump cannot dump a newer server, and several client versions often sit side by side. The first
     * candidate's {@code --version} runs while the server is asked for its own.
     */
    static ForServer require(MethodContext context, String tool) {
        List<Path> candidates = locator(context).findAll(tool);
        if (candidates.isEmpty()) {
            throw new RunbookException(ErrorKind.TOOL_MISSING,
                    "PostgreSQL tool '" + tool + "' was not found on this machine (searched "
                            + locator(context).directories().size() + " directories, including the PATH)",
                    "Install the PostgreSQL client (e.g. the postgresql-client package) or set the tool directory.");
        }
        ServerVersion server;
        ToolVersion first;
        try (ToolProcess probe = startVersion(candidates.get(0))) {
            server = ServerVersion.of(context);
            first = version(candidates.get(0), probe);
        }
        Tool newest = null;
        for (Path candidate : candidates) {
            ToolVersion version = newest == null ? first : version(candidate);
            if (version.major() >= server.major()) {
                return new ForServer(server, new Tool(unwrapped(candidate, version, candidates), version));
            }
            newest = newest == null || version.compareTo(newest.version()) > 0 ? new Tool(candidate, version) : newest;
        }
        throw new RunbookException(ErrorKind.TOOL_VERSION, "'" + tool + "' " + newest.version() + " (" + newest.path()
                + ") cannot work with PostgreSQL server " + server.text(),
                "Install PostgreSQL client tools version " + server.major()
                        + " or newer on this machine, or set their directory.");
    }

    /**
     * The versioned binary that Debian's {@code pg_wrapper} (what {@code /usr/bin/pg_dump} and its like link to)
     * would run for {@code version}, where it is among the candidates ({@code .../<major>/bin/<tool>}); else the
     * candidate itself. The wrapper is a Perl script that costs about 50 ms at every start, and it chooses its
     * version from the cluster configuration and the environment, which differ between the version probe and the
     * runs: the versioned binary runs the version probed, every time.
     */
    static Path unwrapped(Path candidate, ToolVersion version, List<Path> candidates) {
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (IOException e) {
            return candidate;
        }
        if (!"pg_wrapper".equals(String.valueOf(real.getFileName()))) {
            return candidate;
        }
        String major = Integer.toString(version.major());
        for (Path other : candidates) {
            Path bin = other.getParent();
            Path versioned = bin == null ? null : bin.getParent();
            if (versioned != null && "bin".equals(String.valueOf(bin.getFileName()))
                    && major.equals(String.valueOf(versioned.getFileName()))
                    && other.getFileName().equals(candidate.getFileName())) {
                return other;
            }
        }
        return candidate;
    }

    static ToolVersion version(Path tool) {
        try (ToolProcess p = startVersion(tool)) {
            return version(tool, p);
        }
    }

    private static ToolProcess startVersion(Path tool) {
        return ToolProcess.start(List.of(tool.toString(), "--version"), Map.of(), null, ProgressListener.NONE);
    }

    private static ToolVersion version(Path tool, ToolProcess p) {
        try {
            String banner = new String(p.stdout().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitForSuccess(ErrorKind.TOOL_VERSION, "Reading the version of '" + tool + "'");
            return ToolVersion.parse(banner);
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.TOOL_VERSION, "Cannot read the version of '" + tool + "'", null, e);
        }
    }

    /** The libpq environment for one database; writes the password file into {@code files}. */
    static Map<String, String> environment(MethodContext context, String database, PrivateFiles files) {
        PostgresUrl url = PostgresUrl.parse(context.jdbcUrl());
        Map<String, String> env = new HashMap<>();
        env.put("PGHOST", url.host());
        env.put("PGPORT", Integer.toString(url.port()));
        env.put("PGDATABASE", database);
        env.put("PGAPPNAME", Jdbc.APPLICATION_NAME);
        env.put("PGCONNECT_TIMEOUT", Integer.toString(context.timeouts().connectSeconds()));
        context.credential().userName().ifPresent(u -> env.put("PGUSER", u));
        Optional.ofNullable(url.parameters().get("sslmode")).ifPresent(v -> env.put("PGSSLMODE", v));
        context.credential().password().ifPresent(secret -> env.put("PGPASSFILE",
                files.write("pgpass", "*:*:*:*:" + escape(secret.reveal()) + "\n").toString()));
        // Never inherit a password from the environment of whoever runs us.
        env.put("PGPASSWORD", "");
        return env;
    }

    static Map<String, String> environment(MethodContext context, PrivateFiles files) {
        return environment(context, PostgresUrl.parse(context.jdbcUrl()).database(), files);
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace(":", "\\:").replace("\n", "");
    }

    static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
