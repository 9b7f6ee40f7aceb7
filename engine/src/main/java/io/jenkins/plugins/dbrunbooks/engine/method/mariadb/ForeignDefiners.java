package io.jenkins.plugins.dbrunbooks.engine.method.mariadb;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.Jdbc;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A view, routine, trigger or event whose DEFINER is another user can only be created with the SET USER privilege
 * (SUPER before MariaDB 10.5.2), which the usual restore grants lack, and the server refuses it half-way through the
 * load. So a login without that privilege has the dump read once beforehand: every object with another definer is
 * named, and the restore refused before the target is touched.
 */
final class ForeignDefiners {
    private static final Pattern DEFINER = Pattern.compile("DEFINER=(`(?:[^`]|``)*`@`(?:[^`]|``)*`)");
    private static final Pattern OBJECT = Pattern.compile(
            "\\b(VIEW|PROCEDURE|FUNCTION|TRIGGER|EVENT)\\s+(?:IF NOT EXISTS\\s+)?(`(?:[^`]|``)*`(?:\\.`(?:[^`]|``)*`)?)");

    private ForeignDefiners() {
    }

    static void require(MethodContext context, Supplier<InputStream> payload) {
        String login;
        try (Connection c = Jdbc.connect(MariaDbUrl.SCHEME, MariaDbUrl.parse(context.jdbcUrl()).withDatabase(""),
                context.credential(), context.timeouts()); Statement s = c.createStatement()) {
            if (maySetDefiners(s)) {
                return;
            }
            try (ResultSet rs = s.executeQuery("SELECT CURRENT_USER()")) {
                rs.next();
                login = rs.getString(1);
            }
        } catch (SQLException e) {
            // The load reports what it cannot do; this check only makes it say so earlier.
            return;
        }
        List<String> foreign = scan(payload, quoted(login));
        if (foreign.isEmpty()) {
            return;
        }
        String user = context.credential().user();
        throw new RunbookException(ErrorKind.CREDENTIALS, "The backup holds " + foreign.size() + " object(s) whose"
                + " DEFINER is another user, which the restore login '" + login + "' may not create: "
                + String.join("; ", foreign) + ". Nothing was touched",
                "Grant the restore login the SET USER privilege (GRANT SET USER ON *.* TO '" + user + "'@'<host>';"
                        + " SUPER before MariaDB 10.5.2), or restore with a login that has it.");
    }

    private static boolean maySetDefiners(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW GRANTS FOR CURRENT_USER()")) {
            while (rs.next()) {
                String grant = rs.getString(1).toUpperCase(Locale.ROOT);
                if (grant.contains(" ON *.*") && (grant.startsWith("GRANT ALL PRIVILEGES")
                        || grant.matches("GRANT .*\\b(SUPER|SET USER)\\b.* ON \\*\\.\\*.*"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code user@host} as the dump writes it: {@code `user`@`host`}. */
    private static String quoted(String login) {
        int at = login.lastIndexOf('@');
        return "`" + login.substring(0, at).replace("`", "``") + "`@`" + login.substring(at + 1).replace("`", "``")
                + "`";
    }

    /** Each object whose definer is not {@code login}, as {@code view `v` (DEFINER `root`@`localhost`)}. */
    static List<String> scan(Supplier<InputStream> payload, String login) {
        Set<String> found = new LinkedHashSet<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(payload.get(), StandardCharsets.UTF_8))) {
            String pending = null;
            String line;
            while ((line = in.readLine()) != null) {
                Matcher definer = DEFINER.matcher(line);
                if (definer.find()) {
                    pending = definer.group(1).equals(login) ? null : definer.group(1);
                }
                if (pending != null) {
                    Matcher object = OBJECT.matcher(line);
                    if (object.find()) {
                        found.add(object.group(1).toLowerCase(Locale.ROOT) + " " + object.group(2) + " (DEFINER "
                                + pending + ")");
                        pending = null;
                    }
                }
            }
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.STORAGE, "Cannot read the backup: " + e.getMessage(), null, e);
        }
        return new ArrayList<>(found);
    }
}
