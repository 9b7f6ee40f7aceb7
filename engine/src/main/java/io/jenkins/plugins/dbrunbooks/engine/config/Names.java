package io.jenkins.plugins.dbrunbooks.engine.config;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.util.regex.Pattern;

/**
 * Rules for every name that becomes a path segment, a database name or part of a file name. They are strict on
 * purpose: such names travel into file systems and SQL, so nothing that could escape either is accepted.
 */
public final class Names {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern DATABASE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private Names() {
    }

    /** Environment and database names in the configuration. */
    public static String requireName(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new RunbookException(ErrorKind.CONFIGURATION,
                    what + " '" + printable(value) + "' is not a valid name",
                    "Use 1 to 63 letters, digits, '-' or '_', starting with a letter or digit.");
        }
        return value;
    }

    /** Labels attached to a backup by whoever takes it. */
    public static String requireLabel(String value) {
        if (value == null || !LABEL.matcher(value).matches() || value.contains("..")) {
            throw new RunbookException(ErrorKind.USAGE,
                    "Label '" + printable(value) + "' is not valid",
                    "Use 1 to 64 letters, digits, '.', '-' or '_' (no path separators, no '..').");
        }
        return value;
    }

    /** Names of databases the engine creates, such as the target of a restore into a new database. */
    public static String requireDatabaseName(String value) {
        if (value == null || !DATABASE.matcher(value).matches()) {
            throw new RunbookException(ErrorKind.USAGE,
                    "Database name '" + printable(value) + "' is not valid",
                    "Use 1 to 63 letters, digits or '_', starting with a letter or '_'.");
        }
        return value;
    }

    public static boolean isValidDatabaseName(String value) {
        return value != null && DATABASE.matcher(value).matches();
    }

    /** Shows a bad value without letting control characters reach a terminal or a log. */
    static String printable(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(80).forEach(c -> out.append(Character.isISOControl(c) ? '?' : (char) c));
        return out.toString();
    }
}
