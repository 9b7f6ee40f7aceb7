package io.jenkins.plugins.dbrunbooks.engine.method.h2;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Writes H2's own {@code SCRIPT} output as a file RUNSCRIPT can read. NOPASSWORDS keeps password hashes out of
 * backups; LOBs come out as chunked inserts into a temporary table that the script itself reassembles.
 */
final class H2Script {

    private H2Script() {
    }

    static void write(Connection c, OutputStream out) throws SQLException, IOException {
        // The caller owns the stream: flush, never close.
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SCRIPT NOPASSWORDS")) {
            while (rs.next()) {
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    throw new RunbookException(ErrorKind.INTERRUPTED, "Interrupted while writing the backup");
                }
                String statement = rs.getString(1);
                writer.write(statement);
                if (!statement.startsWith("--") && !statement.stripTrailing().endsWith(";")) {
                    writer.write(';');
                }
                writer.write('\n');
            }
        }
        writer.flush();
    }

    static String version(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT H2VERSION()")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
