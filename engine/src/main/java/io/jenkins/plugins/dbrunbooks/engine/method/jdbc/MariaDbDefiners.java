package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog.MariaDbCatalogReader;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.NativeDefinition;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SchemaSnapshot;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DEFINERs of a MariaDB snapshot's views, routines, triggers and events, checked against the target before
 * anything is created. Creating an object whose DEFINER is another user needs the SET USER privilege (SUPER before
 * MariaDB 10.5.2): without it the restore is refused here, naming the objects. A definer that does not exist on the
 * target is said: the object is created, but fails when used until that user exists.
 */
final class MariaDbDefiners {
    // DEFINER=`user`@`host`, or in double quotes where the text was written under ANSI_QUOTES.
    private static final Pattern DEFINER = Pattern.compile(
            "DEFINER=(`(?:[^`]|``)*`|\"(?:[^\"]|\"\")*\")@(`(?:[^`]|``)*`|\"(?:[^\"]|\"\")*\")");

    private MariaDbDefiners() {
    }

    static void check(Connection c, SchemaSnapshot schema, MethodContext context) throws SQLException {
        Map<String, List<String>> objectsByDefiner = new LinkedHashMap<>();
        Map<String, String[]> definers = new LinkedHashMap<>();
        for (NativeDefinition d : schema.definitions()) {
            if (!MariaDbCatalogReader.ENGINE.equals(d.engine())) {
                continue;
            }
            for (String statement : d.sql()) {
                Matcher m = DEFINER.matcher(statement);
                if (m.find()) {
                    String[] definer = {unquote(m.group(1)), unquote(m.group(2))};
                    String key = "'" + definer[0] + "'@'" + definer[1] + "'";
                    definers.putIfAbsent(key, definer);
                    objectsByDefiner.computeIfAbsent(key, k -> new ArrayList<>()).add(d.id());
                }
            }
        }
        if (definers.isEmpty()) {
            return;
        }
        String current = currentUser(c);
        List<String> others = definers.keySet().stream().filter(k -> !k.equals(current)).toList();
        if (!others.isEmpty() && !maySetUser(c, current)) {
            String login = context.credential() == null ? current : context.credential().user();
            throw new RunbookException(ErrorKind.CREDENTIALS, "The backup holds objects whose DEFINER is another"
                    + " user than the restore login " + current + ", which it may not create: " + describe(others,
                            objectsByDefiner) + ". Nothing was loaded",
                    "Grant the restore login the SET USER privilege (GRANT SET USER ON *.* TO '" + login
                            + "'@'<host>'; SUPER before MariaDB 10.5.2), or restore with a login that has it.");
        }
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String[]> definer : definers.entrySet()) {
            Boolean exists = exists(c, definer.getValue());
            if (exists == null) {
                context.listener().message("Cannot check that the definers of the backup's views, routines,"
                        + " triggers and events exist on the target (the restore login may not read mysql.user): "
                        + String.join(", ", definers.keySet()));
                return;
            }
            if (!exists) {
                missing.add(definer.getKey());
            }
        }
        if (!missing.isEmpty()) {
            context.listener().message("Warning: definers missing on the target server: " + describe(missing,
                    objectsByDefiner) + ". These objects are restored, but fail when used until their definer"
                    + " exists (CREATE USER), or their DEFINER is changed.");
        }
    }

    private static String describe(List<String> definers, Map<String, List<String>> objects) {
        List<String> parts = new ArrayList<>();
        for (String definer : definers) {
            parts.add(definer + " of " + String.join(", ", objects.get(definer)));
        }
        return String.join("; ", parts);
    }

    private static String unquote(String quoted) {
        String q = quoted.substring(0, 1);
        return quoted.substring(1, quoted.length() - 1).replace(q + q, q);
    }

    /** CURRENT_USER() as a grantee, {@code 'user'@'host'}. */
    private static String currentUser(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CURRENT_USER()")) {
            rs.next();
            String user = rs.getString(1);
            int at = user.lastIndexOf('@');
            return "'" + user.substring(0, at) + "'@'" + user.substring(at + 1) + "'";
        }
    }

    private static boolean maySetUser(Connection c, String grantee) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM information_schema.USER_PRIVILEGES"
                + " WHERE GRANTEE = ? AND PRIVILEGE_TYPE IN ('SET USER', 'SUPER')")) {
            ps.setString(1, grantee);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Whether the user exists on the target; null where the login may not see the list of users. */
    private static Boolean exists(Connection c, String[] definer) {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM mysql.user WHERE User = ? AND Host = ?")) {
            ps.setString(1, definer[0]);
            ps.setString(2, definer[1]);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            return null;
        }
    }
}
