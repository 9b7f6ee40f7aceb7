package io.jenkins.plugins.dbrunbooks.engine.config;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Rules for every name that becomes a path segment, a database name or part of a file name. They are strict on
 * purpose: such names travel into file systems and SQL, so nothing that could escape either is accepted.
 */
public final class Names {
    /**
     * The longest database name the engine makes: PostgreSQL's limit (its identifiers are cut at 63 bytes, so a
     * longer name would silently become another one); MariaDB allows 64.
     */
    public static final int MAX_DATABASE_NAME = 63;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern DATABASE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0," + (MAX_DATABASE_NAME - 1)
            + "}");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_]{1,20}");

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

    /**
     * {@code base} followed by {@code suffix}, the base cut so that the whole fits {@link #MAX_DATABASE_NAME}: the
     * suffix is what makes the name unique, so it is never the part cut.
     */
    public static String withSuffix(String base, String suffix) {
        int room = MAX_DATABASE_NAME - suffix.length();
        return (base.length() > room ? base.substring(0, Math.max(0, room)) : base) + suffix;
    }

    /**
     * A new name for a scratch copy of configured database {@code database}:
     * {@code <database>_copy_<tag>_<4 hex>}, so a DBA sees whose copy it is (the tag, such as a build number, may
     * be null) and two copies never collide. Configured names may contain '-', which databases do not accept
     * unquoted.
     */
    public static String scratchDatabase(String database, String tag) {
        requireName("Database", database);
        if (tag != null && !TAG.matcher(tag).matches()) {
            throw new RunbookException(ErrorKind.USAGE, "Scratch copy tag '" + printable(tag) + "' is not valid",
                    "Use 1 to 20 letters, digits or '_'.");
        }
        String suffix = "_copy_" + (tag == null ? "" : tag + "_")
                + String.format(Locale.ROOT, "%04x", ThreadLocalRandom.current().nextInt(0x10000));
        String base = database.replace('-', '_');
        if (!Character.isLetter(base.charAt(0)) && base.charAt(0) != '_') {
            base = "db_" + base;
        }
        return requireDatabaseName(withSuffix(base, suffix));
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
