package io.jenkins.plugins.dbrunbooks.engine.regression;

import io.jenkins.plugins.dbrunbooks.engine.testing.PostgresSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A PostgreSQL database's schema and data, with the one difference a dump and restore cannot avoid taken out:
 * pg_dump writes an inheritance child's columns in its own order, and CREATE TABLE ... INHERITS puts the
 * parent's first (PostgreSQL's own dump-and-restore test makes the same adjustment). So columns are compared as a
 * set within each CREATE TABLE, and rows with their columns in name order. A materialized view is compared by
 * whether it is populated: a restore refreshes it from the restored tables, so one left stale in the source
 * (the regression database has one, {@code mvtest_bb}) comes back current.
 */
record NormalisedDump(String schema, Map<String, String> data) {

    static NormalisedDump of(String database) {
        return new NormalisedDump(columnsSorted(PostgresSnapshot.of(database, null).schema()), data(database));
    }

    /**
     * The entries ({@code -- Name: ...; Type: ...; Schema: ...} headers of pg_dump) whose text differs between two
     * dumps or that only one has, in the order they come.
     */
    static List<String> differingEntries(String expected, String actual) {
        Map<String, String> left = entries(expected);
        Map<String, String> right = entries(actual);
        java.util.Set<String> keys = new java.util.TreeSet<>(left.keySet());
        keys.addAll(right.keySet());
        return keys.stream().filter(k -> !java.util.Objects.equals(left.get(k), right.get(k))).toList();
    }

    private static Map<String, String> entries(String dump) {
        Map<String, String> entries = new TreeMap<>();
        String key = null;
        StringBuilder text = new StringBuilder();
        for (String line : dump.split("\n", -1)) {
            if (line.startsWith("-- Name: ")) {
                if (key != null) {
                    entries.merge(key, text.toString(), String::concat);
                }
                key = line.substring("-- Name: ".length()).replaceAll("; Owner: .*$", "");
                text.setLength(0);
            } else if (key != null) {
                text.append(line).append('\n');
            }
        }
        if (key != null) {
            entries.merge(key, text.toString(), String::concat);
        }
        return entries;
    }

    static String columnsSorted(String dump) {
        List<String> out = new ArrayList<>();
        List<String> columns = null;
        for (String line : dump.split("\n", -1)) {
            if (columns == null) {
                out.add(line);
                if (line.matches("CREATE .*TABLE .*\\($")) {
                    columns = new ArrayList<>();
                }
            } else if (line.startsWith(")")) {
                columns.sort(null);
                out.addAll(columns);
                out.add(line);
                columns = null;
            } else {
                columns.add(line.endsWith(",") ? line.substring(0, line.length() - 1) : line);
            }
        }
        return String.join("\n", out);
    }

    /**
     * Per table: row count and the md5 of its sorted rows; per sequence: its value; per materialized view: whether
     * it is populated.
     */
    static Map<String, String> data(String database) {
        Map<String, String> sums = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(TestServers.postgresUrl(database), TestServers.PG_USER, "");
                Statement s = c.createStatement()) {
            List<String[]> relations = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT c.oid::regclass::text, c.relkind::text || c.relispopulated::text,"
                    + " (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attname) FROM pg_attribute a"
                    + " WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)"
                    + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE c.relkind IN ('r', 'm', 'S') AND c.relpersistence <> 't'"
                    + " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'")) {
                while (rs.next()) {
                    relations.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
            for (String[] r : relations) {
                String sql = r[1].startsWith("S") ? "SELECT last_value::text || '/' || is_called FROM " + r[0]
                        : r[1].startsWith("m") ? "SELECT 'populated " + r[1].endsWith("true") + "'"
                        : r[2] == null ? "SELECT count(*)::text FROM " + r[0]
                        : "SELECT count(*) || ':' || coalesce(md5(string_agg(x, E'\\n' ORDER BY x)), '')"
                                + " FROM (SELECT ROW(" + r[2] + ")::text AS x FROM ONLY " + r[0] + ") rows";
                try (ResultSet rs = s.executeQuery(sql)) {
                    rs.next();
                    sums.put(r[0], rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the data of '" + database + "' failed: " + e.getMessage(), e);
        }
        return sums;
    }
}
