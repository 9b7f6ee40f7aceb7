package io.jenkins.plugins.dbrunbooks.engine.method.h2;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import org.h2.util.ScriptReader;

/**
 * Runs a SCRIPT payload statement by statement into a database emptied first. Users come out of a backup
 * without passwords; a user the target lacks gets a random one, so that nobody can log in as it until an
 * administrator sets a password.
 */
final class H2Restore {
    private static final Pattern PASSWORDLESS_USER = Pattern.compile("(?s)\\s*CREATE USER IF NOT EXISTS .* PASSWORD ''.*");
    private static final int SHOWN_CHARS = 200;

    private H2Restore() {
    }

    static void run(Connection c, InputStream in, String database) throws SQLException {
        ScriptReader reader = new ScriptReader(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        reader.setSkipRemarks(true);
        try (Statement s = c.createStatement()) {
            s.execute("DROP ALL OBJECTS");
            long number = 0;
            String sql;
            while ((sql = reader.readStatement()) != null) {
                if (sql.isBlank()) {
                    continue;
                }
                number++;
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    throw new RunbookException(ErrorKind.INTERRUPTED, "Interrupted while restoring");
                }
                try {
                    s.execute(withoutEmptyPassword(sql));
                } catch (SQLException e) {
                    String detail = holdsLogin(sql) ? "H2 error " + e.getErrorCode()
                            : shorten(sql) + ": " + reason(e);
                    throw new RunbookException(ErrorKind.RESTORE_FAILED, "Restore into H2 database '" + database
                            + "' failed at statement " + number + " (" + detail + ")", null, e);
                }
            }
        } catch (RuntimeException e) {
            if (e instanceof RunbookException) {
                throw e;
            }
            // ScriptReader wraps read errors and unterminated statements in H2's own unchecked exception.
            throw new RunbookException(ErrorKind.RESTORE_FAILED, "Cannot read the backup script into H2 database '"
                    + database + "': " + e.getMessage(), null, e);
        }
    }

    private static String withoutEmptyPassword(String sql) {
        if (!PASSWORDLESS_USER.matcher(sql).matches()) {
            return sql;
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return sql.replaceFirst(" PASSWORD ''", " PASSWORD '" + HexFormat.of().formatHex(random) + "'");
    }

    /** Linked tables and users carry logins in their text, which H2 repeats in its messages; those stay hidden. */
    private static boolean holdsLogin(String sql) {
        String upper = sql.toUpperCase(Locale.ROOT);
        return upper.contains("LINKED TABLE") || upper.contains("PASSWORD");
    }

    private static String shorten(String sql) {
        String flat = sql.strip().replaceAll("\\s+", " ");
        return flat.length() <= SHOWN_CHARS ? flat : flat.substring(0, SHOWN_CHARS) + "...";
    }

    /** H2 appends the whole statement to its messages; a statement may be megabytes long. */
    private static String reason(SQLException e) {
        String message = String.valueOf(e.getMessage());
        int statement = message.indexOf("; SQL statement:");
        message = statement < 0 ? message : message.substring(0, statement);
        return message.length() <= SHOWN_CHARS ? message : message.substring(0, SHOWN_CHARS) + "...";
    }
}
