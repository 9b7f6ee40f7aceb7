package io.jenkins.plugins.dbrunbooks.engine.verify;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The SQL scripts of the native MariaDB and H2 methods: the head the tool writes first and the tail it writes
 * last, so a script from another tool or one cut short is told apart. Only the head and the last bytes are kept,
 * whatever the script's size.
 */
final class TextScriptCheck implements StructureCheck {
    private static final int HEAD = 1024;
    private static final int TAIL = 256;

    private final String tool;
    private final String[] headMarkers;
    private final String tailMarker;
    private final boolean tailEndsStatement;

    private TextScriptCheck(String tool, String tailMarker, boolean tailEndsStatement, String... headMarkers) {
        this.tool = tool;
        this.headMarkers = headMarkers;
        this.tailMarker = tailMarker;
        this.tailEndsStatement = tailEndsStatement;
    }

    /** mariadb-dump and mysqldump name themselves in their first lines and end with "-- Dump completed". */
    static TextScriptCheck mariaDbDump() {
        return new TextScriptCheck("mariadb-dump", "-- Dump completed", false, "-- MariaDB dump", "-- MySQL dump");
    }

    /** H2's SCRIPT begins with "-- H2 <version>" and ends with a complete statement. */
    static TextScriptCheck h2Script() {
        return new TextScriptCheck("H2 SCRIPT", null, true, "-- H2 ");
    }

    @Override
    public String check(InputStream raw) throws IOException {
        byte[] head = raw.readNBytes(HEAD);
        byte[] tail = new byte[TAIL];
        int tailLength = Math.min(head.length, TAIL);
        System.arraycopy(head, head.length - tailLength, tail, 0, tailLength);
        byte[] buffer = new byte[1 << 16];
        int n;
        long size = head.length;
        while ((n = raw.read(buffer)) > 0) {
            size += n;
            int keep = Math.min(TAIL - Math.min(n, TAIL), tailLength);
            byte[] next = new byte[TAIL];
            System.arraycopy(tail, tailLength - keep, next, 0, keep);
            int take = Math.min(n, TAIL);
            System.arraycopy(buffer, n - take, next, keep, take);
            tail = next;
            tailLength = keep + take;
        }
        String start = new String(head, StandardCharsets.ISO_8859_1);
        boolean named = false;
        for (String marker : headMarkers) {
            named |= start.startsWith(marker) || start.contains("\n" + marker);
        }
        if (!named) {
            throw new RunbookException(ErrorKind.INTEGRITY, "The payload is not a " + tool + " script (its first"
                    + " lines do not name " + tool + "); its manifest's engine or method does not match it");
        }
        String end = new String(tail, 0, tailLength, StandardCharsets.ISO_8859_1).stripTrailing();
        String lastLine = end.substring(end.lastIndexOf('\n') + 1);
        boolean complete = tailEndsStatement ? end.endsWith(";") : lastLine.startsWith(tailMarker);
        if (!complete) {
            throw new RunbookException(ErrorKind.INTEGRITY, "The " + tool + " script ends early, without "
                    + (tailEndsStatement ? "a complete last statement" : "its '" + tailMarker + "' line")
                    + " (the payload is truncated)");
        }
        return tool + " script of " + size + " bytes, complete from its first line to its last";
    }
}
