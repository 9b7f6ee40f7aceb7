package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import io.jenkins.plugins.dbrunbooks.engine.fingerprint.PostgresCopyFingerprinter;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.PostgresFingerprinter;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.Fingerprinter;
import io.jenkins.plugins.dbrunbooks.engine.method.ServerPositions;
import io.jenkins.plugins.dbrunbooks.engine.method.postgres.PostgresPositions;
import io.jenkins.plugins.dbrunbooks.engine.method.JdbcScheme;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog.CatalogReader;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog.DdlWriter;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog.PostgresCatalogReader;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog.PostgresDdlWriter;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format.InterleavedSnapshotWriter;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.PortableType;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SchemaSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.method.postgres.PostgresUrl;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.postgresql.PGConnection;

/**
 * PostgreSQL in the snapshot pipeline: workers share one exported snapshot, tables whose every column has a binary
 * form are carried in binary COPY format, rows go back in with COPY, text is bound untyped so the server casts it,
 * identity columns take the snapshot's values, and foreign keys are added at once (a deadlock fails one, which runs
 * again).
 */
public final class PostgresSnapshotDialect implements SnapshotDialect {
    private static final ServerPositions POSITIONS = new PostgresPositions();

    /**
     * Generated columns' expressions and composite types are restored by a reader that knows them; an older one
     * would drop the expressions without a word and fail half-way on the types.
     */
    @Override
    public int formatVersion(SchemaSnapshot schema) {
        boolean generated = schema.tables().stream().flatMap(t -> t.columns().stream())
                .anyMatch(c -> c.generated() != null);
        return generated || !schema.composites().isEmpty() ? InterleavedSnapshotWriter.SAME_ENGINE_DEFINITIONS
                : InterleavedSnapshotWriter.INTERLEAVED;
    }

    /** ONLY: a SELECT of a parent table would also return its inheritance children's rows, as COPY does not. */
    @Override
    public String readFrom(String quotedTable) {
        return "ONLY " + quotedTable;
    }

    @Override
    public String engine() {
        return PostgresCatalogReader.ENGINE;
    }

    @Override
    public JdbcScheme scheme() {
        return PostgresUrl.SCHEME;
    }

    @Override
    public Fingerprinter fingerprinter() {
        return new PostgresCopyFingerprinter();
    }

    @Override
    public Fingerprinter fingerprinter(String scheme) {
        return PostgresFingerprinter.SCHEME.equals(scheme) ? new PostgresFingerprinter() : fingerprinter();
    }

    @Override
    public CatalogReader catalogReader() {
        return new PostgresCatalogReader();
    }

    @Override
    public DdlWriter ddlWriter() {
        return new PostgresDdlWriter();
    }

    @Override
    public ServerPositions positions() {
        return POSITIONS;
    }

    @Override
    public ConsistentRead openRead(MethodContext context, int workers) throws SQLException {
        return ConsistentRead.postgres(context, workers);
    }

    /** Marks the columns holding values another engine lacks (see {@link PostgresOnlyValues}). */
    @Override
    public ValueReader reader(PortableType type, String[] engineOnly) {
        return PostgresOnlyValues.reader(type, engineOnly);
    }

    @Override
    public ParallelCopyBackup.Plan plan(Connection c, SchemaSnapshot schema) throws SQLException {
        return ParallelCopyBackup.plan(c, schema);
    }

    @Override
    public void cancel(Connection c, Statement running) throws SQLException {
        c.unwrap(PGConnection.class).cancelQuery();
    }

    @Override
    public boolean untypedStrings() {
        return true;
    }

    @Override
    public String insertOverride() {
        return "OVERRIDING SYSTEM VALUE";
    }

    @Override
    public Optional<SnapshotRestore.TableLoader> bulkLoader(SchemaSnapshot schema) {
        return Optional.of(new PostgresCopyLoader());
    }

    @Override
    public Optional<SnapshotRestore.BinaryCopyLoader> binaryCopyLoader() {
        return Optional.of(PostgresCopyLoader::loadBinary);
    }

    @Override
    public Set<String> absentRoles(Connection c, Set<String> roles) throws SQLException {
        Set<String> absent = new TreeSet<>(roles);
        try (PreparedStatement ps = c.prepareStatement("SELECT rolname FROM pg_catalog.pg_roles"
                + " WHERE rolname = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("text", roles.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    absent.remove(rs.getString(1));
                }
            }
        }
        return absent;
    }

    @Override
    public boolean parallelForeignKeys() {
        return true;
    }
}
