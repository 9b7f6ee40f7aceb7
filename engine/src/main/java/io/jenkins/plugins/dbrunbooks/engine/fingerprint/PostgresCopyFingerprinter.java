package io.jenkins.plugins.dbrunbooks.engine.fingerprint;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * PostgreSQL, read the way a backup reads: every table's rows as {@code COPY table TO STDOUT} gives them, each row
 * hashed on the client by its values in the order of the columns' names (see {@link CopyRowSum}). A table is read in binary where every column's type has a binary
 * form that holds no oid and reads back the same after a restore (built-in scalar types, enums, and arrays of
 * built-in types), else in text under fixed output settings. A {@code jdbc} backup reads such tables in binary
 * anyway, so it takes their fingerprints from the rows it streams, without a second read; this scheme replaced
 * {@link PostgresFingerprinter}'s, which had the server convert every row to text and hash it.
 *
 * <p>The tables are those of {@link PostgresFingerprinter}: ordinary tables outside the system schemas and not owned
 * by an extension, each with its own rows only ({@code COPY} reads no inheritance child).
 */
public final class PostgresCopyFingerprinter implements Fingerprinter {
    public static final String SCHEME = "postgresql-copy-xxh64-sum64";

    /**
     * Built-in types whose binary form is the value alone; not the reg* types (an oid that differs after a restore)
     * nor those whose send function depends on a setting.
     */
    private static final Set<String> BINARY = Set.of("bool", "int2", "int4", "int8", "float4", "float8", "numeric",
            "text", "varchar", "bpchar", "name", "char", "json", "jsonb", "bytea", "date", "time", "timetz",
            "timestamp", "timestamptz", "interval", "uuid", "oid", "money", "inet", "cidr", "macaddr", "macaddr8",
            "bit", "varbit", "point", "lseg", "box", "path", "polygon", "circle", "line", "pg_lsn");

    private static final String TABLES = "SELECT n.nspname, c.relname, c.relpages::bigint + COALESCE(t.relpages, 0)"
            + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " LEFT JOIN pg_catalog.pg_class t ON t.oid = c.reltoastrelid"
            + " WHERE c.relkind = 'r' AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'"
            + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::regclass"
            + " AND d.objid = c.oid AND d.deptype = 'e')"
            + " ORDER BY n.nspname, c.relname";
    /** Per table, the names and types of the columns {@code COPY} reads, in its order: not dropped, not generated. */
    private static final String COLUMNS = "SELECT n.nspname, c.relname, a.atttypid, a.attname"
            + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
            + " AND a.attgenerated = '' WHERE c.relkind = 'r' ORDER BY c.oid, a.attnum";

    /** The settings text output depends on; set for the reads only. */
    private static final List<String> SETTINGS = List.of("SET LOCAL TimeZone = 'UTC'",
            "SET LOCAL DateStyle = 'ISO, YMD'", "SET LOCAL IntervalStyle = 'postgres'",
            "SET LOCAL extra_float_digits = 3", "SET LOCAL bytea_output = 'hex'", "SET LOCAL lc_monetary = 'C'");

    /**
     * One table to read: its name as fingerprints name it, as SQL names it, its size estimate, form and the columns
     * COPY writes, in its order.
     */
    private record Table(String name, String sql, long pages, boolean binary, List<String> columns) {
    }

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public DataFingerprints take(Connection connection) throws SQLException {
        return take(List.of(connection), null);
    }

    /**
     * Reads on the connections at once, each taking the largest table left. Connections in a transaction stay in
     * it (their snapshot is the one read); the settings are undone after.
     */
    @Override
    public DataFingerprints take(List<Connection> connections, Collection<String> only) throws SQLException {
        Map<String, TableFingerprint> ordered = LargestFirst.fingerprints(connections, tables(connections.get(0)),
                only, Table::name, Table::pages, PostgresCopyFingerprinter::read);
        return new DataFingerprints(SCHEME, ordered);
    }

    @Override
    public Set<String> fromBinaryCopy(Connection connection) throws SQLException {
        Set<String> binary = new HashSet<>();
        for (Table table : tables(connection)) {
            if (table.binary()) {
                binary.add(table.name());
            }
        }
        return binary;
    }

    /** Reads tables from the queue until it is empty, under the settings text output depends on. */
    private static void read(Connection c, Queue<Table> tables, Map<String, TableFingerprint> result)
            throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        Savepoint savepoint = null;
        if (autoCommit) {
            c.setAutoCommit(false);
        } else {
            savepoint = c.setSavepoint();
        }
        try {
            try (Statement s = c.createStatement()) {
                for (String setting : SETTINGS) {
                    s.execute(setting);
                }
            }
            Table table;
            while ((table = tables.poll()) != null) {
                result.put(table.name(), copy(c, table));
            }
        } finally {
            if (autoCommit) {
                c.rollback();
                c.setAutoCommit(true);
            } else {
                c.rollback(savepoint);
            }
        }
    }

    private static TableFingerprint copy(Connection c, Table table) throws SQLException {
        CopyRowSum sum = table.binary() ? CopyRowSum.binary(table.columns()) : CopyRowSum.text(table.columns());
        CopyOut out = c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY " + table.sql() + " TO STDOUT"
                + (table.binary() ? " (FORMAT binary)" : ""));
        try {
            byte[] data;
            while ((data = out.readFromCopy()) != null) {
                sum.accept(data, 0, data.length);
            }
        } finally {
            if (out.isActive()) {
                try {
                    out.cancelCopy();
                } catch (SQLException e) {
                    // The first failure is the one reported.
                }
            }
        }
        try {
            return sum.finish();
        } catch (IllegalStateException e) {
            throw new SQLException("Reading " + table.name() + ": " + e.getMessage(), e);
        }
    }

    private static List<Table> tables(Connection c) throws SQLException {
        PostgresTypes types = PostgresTypes.read(c);
        Map<String, List<Long>> columns = new HashMap<>();
        Map<String, List<String>> names = new HashMap<>();
        List<Table> tables = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery(COLUMNS)) {
                while (rs.next()) {
                    String key = rs.getString(1) + "\u0000" + rs.getString(2);
                    columns.computeIfAbsent(key, k -> new ArrayList<>()).add(rs.getLong(3));
                    names.computeIfAbsent(key, k -> new ArrayList<>()).add(rs.getString(4));
                }
            }
            try (ResultSet rs = s.executeQuery(TABLES)) {
                while (rs.next()) {
                    String schema = rs.getString(1);
                    String name = rs.getString(2);
                    String key = schema + "\u0000" + name;
                    boolean binary = columns.getOrDefault(key, List.of()).stream()
                            .allMatch(oid -> binary(types.binaryForm(oid)));
                    tables.add(new Table(schema + "." + name, quote(schema) + "." + quote(name), rs.getLong(3),
                            binary, names.getOrDefault(key, List.of())));
                }
            }
        }
        return tables;
    }

    /** Whether values of that form are read in binary: see {@link #BINARY}. */
    private static boolean binary(PostgresTypes.BinaryForm form) {
        return form != null && (form.isEnum() || BINARY.contains(form.type()));
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
