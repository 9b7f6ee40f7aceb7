package io.jenkins.plugins.dbrunbooks.engine.method.mariadb;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * MariaDB keeps a view when a column, table, view or function it reads is dropped, but can no longer open it:
 * mariadb-dump stops at it half-way (error 1356), and its CREATE VIEW fails on restore. Such views are found before
 * anything is written, each with the server's reason.
 *
 * <p>A view whose DEFINER does not exist or lacks rights is not one of them: the server still describes it, and
 * creates it again, so it restores where the definer exists and has those rights.
 */
public final class ViewValidity {
    /*
     * information_schema.COLUMNS leaves out, with a warning, a view it cannot open, as SHOW FIELDS (which
     * mariadb-dump asks of each view) fails on it; neither checks the definer. One query for the whole database,
     * given the schema outright so that information_schema opens its tables alone; each view it finds is asked
     * again on its own for the server's reason.
     */
    private static final String CANDIDATES = "SELECT v.TABLE_NAME FROM information_schema.VIEWS v"
            + " WHERE v.TABLE_SCHEMA = ? AND v.TABLE_NAME NOT IN (SELECT c.TABLE_NAME"
            + " FROM information_schema.COLUMNS c WHERE c.TABLE_SCHEMA = ?) ORDER BY v.TABLE_NAME";
    /** ER_VIEW_INVALID: says that a view cannot be opened, not why; the why comes before it. */
    private static final int VIEW_INVALID = 1356;

    private ViewValidity() {
    }

    /** A view the server cannot open, and why, in the server's words. */
    public record Unusable(String view, String reason) {
        @Override
        public String toString() {
            return view + " (" + reason + ")";
        }
    }

    /** Refuses the context's database if the server cannot open one of its views: mariadb-dump would stop there. */
    public static void require(Connection connection, String database) throws SQLException {
        List<Unusable> unusable = find(connection, database);
        if (!unusable.isEmpty()) {
            List<String> found = unusable.stream().map(u -> "view " + u).toList();
            List<String> drops = unusable.stream().map(u -> "DROP VIEW " + MariaDbAdmin.quote(u.view()) + ";").toList();
            throw new RunbookException(ErrorKind.NOT_CARRIED, "A backup of '" + database + "' could not be restored: "
                    + "MariaDB cannot open " + String.join("; ", found) + ", so mariadb-dump cannot write "
                    + (unusable.size() == 1 ? "it" : "them") + " and CREATE VIEW would fail on restore; nothing was"
                    + " written", "Drop each view named (" + String.join(" ", drops) + ") or create it again"
                            + " (CREATE OR REPLACE VIEW) over what exists now: it fails on this database too."
                            + " Method jdbc with allowPartial: true stores a backup that leaves such views out and"
                            + " names them.");
        }
    }

    /** The views of {@code database} the server cannot open, in name order, read on a connection of the caller's. */
    public static List<Unusable> find(Connection connection, String database) throws SQLException {
        List<String> candidates = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(CANDIDATES)) {
            s.setString(1, database);
            s.setString(2, database);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    candidates.add(rs.getString(1));
                }
            }
        }
        List<Unusable> unusable = new ArrayList<>();
        for (String view : candidates) {
            Set<String> reasons = new LinkedHashSet<>();
            String invalid = failure(connection, "SHOW FIELDS FROM " + MariaDbAdmin.quote(view), reasons);
            if (invalid == null) {
                // Opened after all: created or mended since the query above.
                continue;
            }
            // SHOW FIELDS says why only where the definer is in question; a query of the view always does.
            failure(connection, "SELECT * FROM " + MariaDbAdmin.quote(view) + " LIMIT 0", reasons);
            unusable.add(new Unusable(view, reasons.isEmpty() ? invalid : String.join("; ", reasons)));
        }
        return unusable;
    }

    /**
     * Runs {@code sql}, which opens the view and reads no row; if it fails, adds the server's reasons to
     * {@code reasons} and returns the server's message, else returns null.
     */
    private static String failure(Connection connection, String sql, Set<String> reasons) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.executeQuery(sql).close();
            return null;
        } catch (SQLException e) {
            // The driver's message names the connection; the server's own conditions are read back as it wrote them.
            String message = e.getMessage();
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SHOW WARNINGS")) {
                while (rs.next()) {
                    if (rs.getInt(2) == VIEW_INVALID) {
                        message = rs.getString(3);
                    } else {
                        reasons.add(rs.getString(3));
                    }
                }
            }
            return message;
        }
    }
}
