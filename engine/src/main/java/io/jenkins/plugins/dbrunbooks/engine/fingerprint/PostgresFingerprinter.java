package io.jenkins.plugins.dbrunbooks.engine.fingerprint;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL: a row's canonical text is the server's text output of the row ({@code ROW(t.*)::text}) under fixed
 * output settings, so two databases holding the same values give the same text whatever their own settings. Every
 * ordinary table outside the system schemas and not owned by an extension is read, its own rows only (a parent's
 * inheritance children and partitions are tables of their own).
 */
public final class PostgresFingerprinter implements Fingerprinter {
    public static final String SCHEME = "postgresql-row-md5-sum64";

    private static final String TABLES = "SELECT n.nspname, c.relname FROM pg_catalog.pg_class c"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind = 'r' AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'"
            + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::regclass"
            + " AND d.objid = c.oid AND d.deptype = 'e')"
            + " ORDER BY n.nspname, c.relname";

    /**
     * Tables summed in one statement: on a database of many small tables the server's cost per statement (parsing,
     * planning, a round trip) outweighs reading the rows, and 50 tables a statement took a fifth less of its time
     * than one each (1,000 tables of 200 rows); far longer statements cost more to plan again.
     */
    private static final int BATCH = 50;

    /** Output settings that change a row's text; set for the transaction only. */
    private static final List<String> SETTINGS = List.of("SET LOCAL TimeZone = 'UTC'",
            "SET LOCAL DateStyle = 'ISO, YMD'", "SET LOCAL IntervalStyle = 'postgres'",
            "SET LOCAL extra_float_digits = 3", "SET LOCAL bytea_output = 'hex'", "SET LOCAL lc_monetary = 'C'");

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public DataFingerprints take(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        if (autoCommit) {
            // SET LOCAL lasts for a transaction; one is opened for the reads and closed after.
            connection.setAutoCommit(false);
        }
        try (Statement s = connection.createStatement()) {
            for (String setting : SETTINGS) {
                s.execute(setting);
            }
            List<String[]> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(TABLES)) {
                while (rs.next()) {
                    tables.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            TableFingerprint[] sums = new TableFingerprint[tables.size()];
            for (int first = 0; first < tables.size(); first += BATCH) {
                List<String> parts = new ArrayList<>();
                for (int i = first; i < Math.min(first + BATCH, tables.size()); i++) {
                    parts.add("SELECT " + i + ", count(*), sum(('x' || substr(md5(ROW(t.*)::text), 1, 16))::bit(64)"
                            + "::bigint::numeric)::text FROM ONLY " + quote(tables.get(i)[0]) + "."
                            + quote(tables.get(i)[1]) + " t");
                }
                try (ResultSet rs = s.executeQuery(String.join(" UNION ALL ", parts))) {
                    while (rs.next()) {
                        sums[rs.getInt(1)] = new TableFingerprint(rs.getLong(2), RowSum.fromServer(rs.getString(3)));
                    }
                }
            }
            Map<String, TableFingerprint> result = new LinkedHashMap<>();
            for (int i = 0; i < sums.length; i++) {
                if (sums[i] == null) {
                    throw new SQLException("No fingerprint came back for table " + tables.get(i)[0] + "."
                            + tables.get(i)[1]);
                }
                result.put(tables.get(i)[0] + "." + tables.get(i)[1], sums[i]);
            }
            return new DataFingerprints(SCHEME, result);
        } finally {
            if (autoCommit) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
