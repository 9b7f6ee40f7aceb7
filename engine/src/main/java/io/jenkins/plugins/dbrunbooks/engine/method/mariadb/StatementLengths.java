package io.jenkins.plugins.dbrunbooks.engine.method.mariadb;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Passes the dump on and measures its statements on the way. mariadb-dump writes hex-encoded BLOBs at twice their
 * size, and batches rows into an INSERT up to its --net-buffer-length (a longer row alone); the {@code mariadb}
 * client sends each statement as one packet, which the server refuses when it reaches its
 * {@code max_allowed_packet}. So a row that fits the server can be dumped as a statement that will not load back.
 *
 * <p>A statement ends with the line that ends with its semicolon: the dump writes an INSERT's rows on one line or
 * on one line each (as versions differ), and never a raw newline inside a value. Only newlines are looked for, so
 * the cost per byte is that of finding them; a routine's body, whose lines may end with semicolons of their own, is
 * measured in parts, which only INSERTs could make long. Those that reach the limit are kept by the table whose
 * rows they insert.
 */
final class StatementLengths extends OutputStream {
    private static final byte[] INSERT = "INSERT INTO `".getBytes(StandardCharsets.US_ASCII);
    /** Enough of a statement to name its table: the INSERT's words and a quoted name of 64 characters. */
    private static final int HEAD = INSERT.length + 64 * 4 + 1;

    private final OutputStream out;
    private final long limit;
    /** The first bytes of the current statement, to name it by. */
    private final byte[] head = new byte[HEAD];
    private int headLength;
    /** Where the current statement starts and where the next write starts, counted from the dump's first byte. */
    private long statementStart;
    private long written;
    /** The last byte written: the one before a newline that starts the next write. */
    private byte last;
    private long longest;
    private final Map<String, Long> tooLong = new LinkedHashMap<>();

    /** Measures what goes to {@code out} against a server that refuses packets of {@code limit} bytes. */
    StatementLengths(OutputStream out, long limit) {
        this.out = out;
        this.limit = limit;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int offset, int length) throws IOException {
        out.write(b, offset, length);
        if (length == 0) {
            return;
        }
        int end = offset + length;
        int i = offset;
        while (true) {
            int newline = Newlines.find(b, i, end);
            if (headLength < HEAD) {
                int n = Math.min(HEAD - headLength, newline - i + (newline < end ? 1 : 0));
                System.arraycopy(b, i, head, headLength, n);
                headLength += n;
            }
            if (newline == end) {
                break;
            }
            if ((newline > offset ? b[newline - 1] : last) == ';') {
                statementEnded(written + (newline - offset));
            }
            i = newline + 1;
        }
        last = b[end - 1];
        written += length;
    }

    private void statementEnded(long at) {
        long length = at - statementStart;
        longest = Math.max(longest, length);
        if (length >= limit) {
            tooLong.merge(what(head, headLength), length, Math::max);
        }
        statementStart = at + 1;
        headLength = 0;
    }

    /** The longest statement with its semicolon: as long as its packet, the command's byte in the semicolon's place. */
    long longest() {
        return longest;
    }

    /** Per table, in the dump's order, the longest of its statements that reach the limit. */
    Map<String, Long> tooLong() {
        return new LinkedHashMap<>(tooLong);
    }

    /**
     * Refuses the backup of {@code database} when a statement reached the limit: its restore would stop there, the
     * server refusing the statement (ERROR 1153) and the restore dropping what it loaded.
     */
    void requireLoadable(String database) {
        if (tooLong.isEmpty()) {
            return;
        }
        List<String> statements = new ArrayList<>();
        tooLong.forEach((what, length) -> statements.add(what + " (" + String.format(Locale.ROOT, "%,d", length)
                + " bytes)"));
        throw new RunbookException(ErrorKind.NOT_CARRIED, "Backup of '" + database + "' refused: mariadb-dump"
                + " wrote statements that reach the server's max_allowed_packet of "
                + String.format(Locale.ROOT, "%,d", limit) + " bytes, which a restore could not load (BLOBs are"
                + " dumped in hexadecimal, at twice their size): " + String.join(", ", statements)
                + "; nothing was stored",
                "Back this database up with method: jdbc, which restores such rows, or raise max_allowed_packet"
                        + " above " + String.format(Locale.ROOT, "%,d", longest) + " bytes on this server (a"
                        + " restore usually goes back to it) and on every server its backups are restored into.");
    }

    /** The table an INSERT names, else the statement's first words. */
    static String what(byte[] statement, int length) {
        if (length > INSERT.length && Arrays.equals(statement, 0, INSERT.length, INSERT, 0, INSERT.length)) {
            StringBuilder name = new StringBuilder();
            int i = INSERT.length;
            while (i < length) {
                if (statement[i] == '`') {
                    if (i + 1 < length && statement[i + 1] == '`') {
                        i++;
                    } else {
                        return "the rows of table " + new String(statement, INSERT.length - 1, i - INSERT.length + 2,
                                StandardCharsets.UTF_8);
                    }
                }
                i++;
            }
        }
        String start = new String(statement, 0, Math.min(length, 40), StandardCharsets.UTF_8).replace('\n', ' ');
        return "the statement '" + start.strip() + (length > 40 ? "...'" : "'");
    }

    /** The stream underneath is the caller's to close. */
    @Override
    public void close() {
    }
}
