package io.jenkins.plugins.dbrunbooks.engine.method.mariadb;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.Jdbc;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.process.PrivateFiles;
import io.jenkins.plugins.dbrunbooks.engine.process.ToolProcess;
import io.jenkins.plugins.dbrunbooks.engine.process.ToolVersion;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finding and running the MariaDB (or MySQL) client tools. The login goes in a {@code 0600} option file in a
 * private directory, passed with {@code --defaults-extra-file}, so the password is on no command line.
 */
final class MariaDbTools {
    static final String[] DUMP_TOOLS = {"mariadb-dump", "mysqldump"};
    static final String[] CLIENT_TOOLS = {"mariadb", "mysql"};
    private static final Pattern DISTRIB = Pattern.compile("Distrib (\\d+\\.\\d+)");

    private MariaDbTools() {
    }

    static Optional<Path> find(MethodContext context, String... names) {
        return context.tools().find(names);
    }

    static Path require(MethodContext context, String... names) {
        return find(context, names).orElseThrow(() -> new RunbookException(ErrorKind.TOOL_MISSING,
                "MariaDB tool '" + String.join("' or '", names) + "' was not found on this machine (searched "
                        + context.tools().directories().size() + " directories, including the PATH)",
                "Install the MariaDB client (e.g. the mariadb-client package) or set the tool directory."));
    }

    /** The client library's words when the server accepted the connection but never greeted. */
    static final String NO_ANSWER = "reading initial communication packet";

    static RunbookException noAnswer(MethodContext context) {
        return Jdbc.noAnswer(context.jdbcUrl(), context.timeouts().connectSeconds(), "connect-timeout", null);
    }

    /** The server version a tool was built for: MariaDB's tools print their own number first, then "Distrib". */
    static ToolVersion version(Path tool) {
        try (ToolProcess p = ToolProcess.start(List.of(tool.toString(), "--version"), Map.of(), null,
                ProgressListener.NONE)) {
            String banner = new String(p.stdout().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitForSuccess(ErrorKind.TOOL_VERSION, "Reading the version of '" + tool + "'");
            Matcher m = DISTRIB.matcher(banner);
            String numbers = m.find() ? m.group(1) : banner.replaceFirst("^.*?Ver\\s+", "");
            ToolVersion parsed = ToolVersion.parse(numbers);
            String family = banner.contains("MariaDB") ? "-MariaDB" : "";
            return new ToolVersion(parsed.major(), parsed.minor(), parsed.text() + family);
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.TOOL_VERSION, "Cannot read the version of '" + tool + "'", null, e);
        }
    }

    /**
     * MySQL and MariaDB tools speak each other's protocol but not every statement, so a tool of the other family
     * only earns a warning; a tool of the server's own family must not be older than the server.
     */
    static void checkCompatible(Path tool, ToolVersion toolVersion, String serverVersion, ProgressListener listener) {
        boolean mariaTool = toolVersion.text().endsWith("-MariaDB");
        boolean mariaServer = serverVersion.contains("MariaDB");
        if (mariaTool != mariaServer) {
            listener.message("Warning: '" + tool.getFileName() + "' " + toolVersion + " is not made for server "
                    + serverVersion + "; install the " + (mariaServer ? "MariaDB" : "MySQL") + " client if it fails");
            return;
        }
        ToolVersion server = ToolVersion.parse(serverVersion);
        if (toolVersion.major() < server.major()) {
            throw new RunbookException(ErrorKind.TOOL_VERSION, "'" + tool.getFileName() + "' " + toolVersion
                    + " cannot work with server " + serverVersion,
                    "Install client tools of version " + server + " or newer.");
        }
    }

    /** The private directory for the option file; sweeps those of killed runs. */
    static PrivateFiles privateFiles(MethodContext context) {
        return PrivateFiles.create(context.workDir(), "mariadb-", leftover -> context.listener().message("Removed '"
                + leftover + "', left behind by a run that was killed"));
    }

    /** Writes the option file holding the login and the address of the URL's first host. */
    static Path optionFile(MethodContext context, PrivateFiles files) {
        MariaDbUrl url = MariaDbUrl.parse(context.jdbcUrl());
        StringBuilder text = new StringBuilder("[client]\n");
        text.append("host=").append(quote(url.host())).append('\n');
        text.append("port=").append(url.port()).append('\n');
        // The JDBC driver always uses TCP; "localhost" would make the tools use the socket instead.
        text.append("protocol=tcp\n");
        context.credential().userName().ifPresent(u -> text.append("user=").append(quote(u)).append('\n'));
        // An empty password line stops the tools from prompting or taking one from elsewhere.
        text.append("password=").append(quote(context.credential().password().map(s -> s.reveal()).orElse("")))
                .append('\n');
        if (context.timeouts().connectSeconds() > 0) {
            // Only the client takes it, and from its own group: mariadb-dump refuses the option, and the
            // JDBC probe before every dump already bounds the wait on a silent server.
            text.append("[mysql]\nconnect-timeout=").append(context.timeouts().connectSeconds()).append('\n');
        }
        return files.write("client.cnf", text.toString());
    }

    /** Option file values: quoted, with the escapes the client library reads back. */
    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
                .replace("\t", "\\t") + "\"";
    }
}
