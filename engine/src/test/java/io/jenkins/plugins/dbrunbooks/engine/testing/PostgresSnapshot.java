package io.jenkins.plugins.dbrunbooks.engine.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What makes two PostgreSQL databases the same for a test: the schema as pg_dump prints it, and a checksum and
 * row count of every table and every sequence's value, computed by the server itself.
 */
public record PostgresSnapshot(String schema, Map<String, String> tables) {

    public static PostgresSnapshot of(TestDatabase db) {
        return of(db.name(), db);
    }

    public static PostgresSnapshot of(String database, TestDatabase anyOnServer) {
        return new PostgresSnapshot(schemaDump(database), tableChecksums(database));
    }

    /** Also compares owners and privileges, where the test restores them within one server. */
    public static PostgresSnapshot withPrivileges(String database) {
        return new PostgresSnapshot(schemaDump(database, true), tableChecksums(database));
    }

    static String schemaDump(String database) {
        return schemaDump(database, false);
    }

    static String schemaDump(String database, boolean privileges) {
        try {
            List<String> command = new ArrayList<>(List.of("pg_dump", "--schema-only"));
            if (!privileges) {
                command.addAll(List.of("--no-owner", "--no-acl"));
            }
            command.addAll(List.of("-h", TestServers.PG_HOST, "-p", TestServers.PG_PORT, "-U", TestServers.PG_USER,
                    database));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("pg_dump -s failed: " + out);
            }
            // Only the header line names the dump's own version; the rest must match exactly.
            return out.replaceAll("(?m)^(-- Dumped .*|\\\\(un)?restrict .*)$", "");
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, String> tableChecksums(String database) {
        Map<String, String> sums = new TreeMap<>();
        try (Connection c = java.sql.DriverManager.getConnection(TestServers.postgresUrl(database),
                TestServers.PG_USER, ""); Statement s = c.createStatement()) {
            List<String[]> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT n.nspname, c.relname, c.relkind FROM pg_class c"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE (c.relkind IN ('r','S') OR c.relkind = 'm' AND c.relispopulated)"
                    + " AND n.nspname NOT IN ('pg_catalog','information_schema') AND n.nspname NOT LIKE 'pg_toast%'")) {
                while (rs.next()) {
                    tables.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
            for (String[] t : tables) {
                String name = quote(t[0]) + "." + quote(t[1]);
                String sql = "S".equals(t[2]) ? "SELECT last_value::text || '/' || is_called FROM " + name
                        : "SELECT count(*) || ':' || coalesce(md5(string_agg(x::text, E'\\n' ORDER BY x::text)), '')"
                                + " FROM " + name + " x";
                try (ResultSet rs = s.executeQuery(sql)) {
                    rs.next();
                    sums.put(name, rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return sums;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
