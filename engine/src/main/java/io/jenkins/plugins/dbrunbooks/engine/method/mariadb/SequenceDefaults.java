package io.jenkins.plugins.dbrunbooks.engine.method.mariadb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@code mariadb-dump} script as it is restored, with the two things that dump gets wrong about a column whose
 * default takes a sequence's value ({@code DEFAULT (NEXT VALUE FOR s)}) put right:
 *
 * <ul>
 *   <li>The server writes that default with the database's name ({@code nextval(`shop`.`s`)}), so a dump restored
 *       into a database of another name would take its values from the sequence of the database it came from (or
 *       fail where that database does not exist). The dumped database's own name is taken out, so the default names
 *       the restored database's sequence, as the source's named its own.</li>
 *   <li>The table's rows are loaded under {@code LOCK TABLES `t` WRITE}, which does not lock the sequence, and
 *       MariaDB refuses the first INSERT into such a table ("Table 's' was not locked with LOCK TABLES"). That
 *       table's {@code LOCK TABLES} line is left out; its {@code UNLOCK TABLES} does nothing then.</li>
 * </ul>
 *
 * And a foreign key without an index InnoDB can use, which the server does not create again, gets one
 * ({@link ForeignKeyIndexes}): the lines of each CREATE TABLE go through a {@link DumpedTableKeys}, except in the
 * bodies of routines, triggers and events, which the script writes between {@code DELIMITER ;;} and
 * {@code DELIMITER ;}.
 *
 * <p>Every other line goes through as it is, long ones (the rows) without being held in memory: only lines of the
 * kinds looked at, which are short, are read whole.
 */
final class SequenceDefaults extends InputStream {
    private static final int BUFFER = 1 << 17;
    private static final byte[] HOST = ascii("-- Host: ");
    private static final byte[] CREATE = ascii("CREATE TABLE `");
    private static final byte[] COLUMN = ascii("  `");
    private static final byte[] LOCK = ascii("LOCK TABLES `");
    private static final byte[] DELIMITER = ascii("DELIMITER ");
    private static final byte[] INDENT = ascii("  ");
    private static final byte[] CLOSING = ascii(")");
    private static final int LONGEST_PREFIX = CREATE.length;
    private static final String DATABASE = "    Database: ";
    private static final String WRITE = "` WRITE;";

    private final InputStream in;
    private final byte[] buffer = new byte[BUFFER];
    private int position;
    private int limit;
    private boolean ended;
    private boolean lineStart = true;
    private byte[] pending = new byte[0];
    private int pendingPosition;
    /** {@code `name`.} of the dumped database, as the server qualifies a sequence with it; null until read. */
    private String qualifier;
    private String table;
    private final Set<String> unlocked = new HashSet<>();
    /** The CREATE TABLE being read; null outside one. */
    private DumpedTableKeys keys;
    private boolean inBodies;
    private final List<String> addedIndexes = new ArrayList<>();

    SequenceDefaults(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (pendingPosition < pending.length) {
                int n = Math.min(len, pending.length - pendingPosition);
                System.arraycopy(pending, pendingPosition, b, off, n);
                pendingPosition += n;
                return n;
            }
            if (!lineStart) {
                if (position == limit && !fill()) {
                    return -1;
                }
                int newline = newline(position);
                int end = newline < 0 ? limit : newline + 1;
                int n = Math.min(len, end - position);
                System.arraycopy(buffer, position, b, off, n);
                position += n;
                lineStart = newline >= 0 && position == newline + 1;
                return n;
            }
            while (limit - position < LONGEST_PREFIX && newline(position) < 0 && fill()) {
                // Enough of the line to know its kind.
            }
            if (position == limit) {
                return -1;
            }
            if (!startsWith(HOST) && !startsWith(CREATE) && !startsWith(COLUMN) && !startsWith(LOCK)
                    && !startsWith(DELIMITER) && !(keys != null && (startsWith(INDENT) || startsWith(CLOSING)))) {
                lineStart = false;
                continue;
            }
            int newline = newline(position);
            while (newline < 0 && fill()) {
                newline = newline(position);
            }
            if (newline < 0) {
                // Longer than the buffer, or the script's last line: nothing this class changes.
                lineStart = false;
                continue;
            }
            String line = new String(buffer, position, newline - position, StandardCharsets.UTF_8);
            position = newline + 1;
            String kept = rewrite(line);
            pending = kept == null ? new byte[0] : (kept + "\n").getBytes(StandardCharsets.UTF_8);
            pendingPosition = 0;
        }
    }

    /** The line as it is restored; null to leave it out. */
    private String rewrite(String line) {
        if (line.startsWith("-- Host: ")) {
            int at = line.indexOf(DATABASE);
            if (at >= 0 && qualifier == null) {
                qualifier = MariaDbAdmin.quote(line.substring(at + DATABASE.length())) + ".";
            }
        } else if (line.startsWith("DELIMITER ")) {
            inBodies = line.startsWith("DELIMITER ;;");
        } else if (line.startsWith("CREATE TABLE `")) {
            table = name(line, "CREATE TABLE ".length());
            keys = table == null || inBodies ? null : new DumpedTableKeys(table);
        } else if (keys != null && line.startsWith(")")) {
            String before = keys.beforeClosing(addedIndexes);
            keys = null;
            return before + line;
        } else if (keys != null && line.startsWith("  ") && !line.startsWith("  `")) {
            keys.line(line);
        } else if (line.startsWith("  `")) {
            if (table != null && (line.contains(" nextval(`") || line.contains(" lastval(`"))) {
                unlocked.add(table);
                if (qualifier != null) {
                    return line.replace(" nextval(" + qualifier, " nextval(").replace(" lastval(" + qualifier,
                            " lastval(");
                }
            }
        } else if (line.startsWith("LOCK TABLES `") && line.endsWith(WRITE)) {
            String locked = name(line, "LOCK TABLES ".length());
            if (locked != null && unlocked.contains(locked)
                    && line.length() == "LOCK TABLES ".length() + MariaDbAdmin.quote(locked).length() + 7) {
                return null;
            }
        }
        return line;
    }

    /** The indexes given to foreign keys that had none InnoDB can use, as {@code 'table'.'index' on (columns)}. */
    List<String> addedIndexes() {
        return List.copyOf(addedIndexes);
    }

    /** The backquoted name at {@code from}, its doubled backquotes made single; null where it is not one. */
    private static String name(String line, int from) {
        StringBuilder name = new StringBuilder();
        for (int i = from + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '`') {
                if (i + 1 < line.length() && line.charAt(i + 1) == '`') {
                    name.append('`');
                    i++;
                } else {
                    return name.toString();
                }
            } else {
                name.append(c);
            }
        }
        return null;
    }

    private boolean startsWith(byte[] prefix) {
        return limit - position >= prefix.length
                && Arrays.equals(buffer, position, position + prefix.length, prefix, 0, prefix.length);
    }

    /** The first line end at or after {@code from}, or -1. */
    private int newline(int from) {
        int at = Newlines.find(buffer, from, limit);
        return at == limit ? -1 : at;
    }

    /** Reads more after what is left; false at the end of the stream or when the buffer is full. */
    private boolean fill() throws IOException {
        if (ended) {
            return false;
        }
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        if (limit == buffer.length) {
            return false;
        }
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
            ended = true;
            return false;
        }
        limit += n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
