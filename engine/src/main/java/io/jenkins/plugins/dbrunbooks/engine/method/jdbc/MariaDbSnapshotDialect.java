package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import io.jenkins.plugins.dbrunbooks.engine.fingerprint.MariaDbFingerprinter;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.MariaDbSelectRows;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.SelectRowHash;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.MariaDbTextFingerprinter;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.Fingerprinter;
import io.jenkins.plugins.dbrunbooks.engine.method.ServerPositions;
import io.jenkins.plugins.dbrunbooks.engine.method.mariadb.MariaDbPositions;
import io.jenkins.plugins.dbrunbooks.engine.method.JdbcScheme;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog.CatalogReader;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog.DdlWriter;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog.MariaDbCatalogReader;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog.MariaDbDdlWriter;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format.InterleavedSnapshotWriter;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ColumnDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.PortableType;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SchemaSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.TableDef;
import io.jenkins.plugins.dbrunbooks.engine.method.mariadb.MariaDbUrl;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * MariaDB and MySQL in the snapshot pipeline: InnoDB snapshots started at one moment under a global read lock, every
 * table in the row encoding, values the driver cannot read as they are selected as text, and rows loaded with
 * LOAD DATA where the table allows it.
 */
public final class MariaDbSnapshotDialect implements SnapshotDialect {
    private static final ServerPositions POSITIONS = new MariaDbPositions();

    @Override
    public String engine() {
        return MariaDbCatalogReader.ENGINE;
    }

    @Override
    public JdbcScheme scheme() {
        return MariaDbUrl.SCHEME;
    }

    @Override
    public Fingerprinter fingerprinter() {
        return new MariaDbTextFingerprinter();
    }

    @Override
    public Fingerprinter fingerprinter(String scheme) {
        return MariaDbFingerprinter.SCHEME.equals(scheme) ? new MariaDbFingerprinter() : fingerprinter();
    }

    /** Every table whose values the session sends as the fingerprinter reads them (see {@link MariaDbSelectRows}). */
    @Override
    public SelectRowHash[] selectRowHashes(List<Connection> workers, SchemaSnapshot schema) throws SQLException {
        MariaDbSelectRows rows = MariaDbSelectRows.plan(workers);
        DdlWriter sql = ddlWriter();
        SelectRowHash[] hashes = new SelectRowHash[schema.tables().size()];
        for (int i = 0; i < hashes.length; i++) {
            TableDef table = schema.tables().get(i);
            Map<String, String> selected = new LinkedHashMap<>();
            Map<String, MariaDbSelectRows.Carried> carried = new HashMap<>();
            for (ColumnDef column : table.columns()) {
                selected.put(column.name(), selectColumn(sql.columnName(column.name()), column.type()));
                MariaDbSelectRows.Carried text = JdbcValues.mariaDbCarried(column.type());
                if (text != null) {
                    carried.put(column.name(), text);
                }
            }
            hashes[i] = rows.table(table.name(), selected, carried);
        }
        return hashes;
    }

    @Override
    public CatalogReader catalogReader() {
        return new MariaDbCatalogReader();
    }

    @Override
    public DdlWriter ddlWriter() {
        return new MariaDbDdlWriter();
    }

    @Override
    public ServerPositions positions() {
        return POSITIONS;
    }

    @Override
    public ConsistentRead openRead(MethodContext context, int workers) throws SQLException {
        return ConsistentRead.mariaDb(context, workers);
    }

    @Override
    public ParallelCopyBackup.Plan plan(Connection c, SchemaSnapshot schema) throws SQLException {
        return ParallelCopyBackup.planMariaDb(c, schema);
    }

    /**
     * A column set on update is carried in version 4, which an older reader refuses rather than restore the column
     * without it.
     */
    @Override
    public int formatVersion(SchemaSnapshot schema) {
        boolean onUpdate = schema.tables().stream().flatMap(t -> t.columns().stream())
                .anyMatch(c -> c.onUpdate() != null);
        return onUpdate ? InterleavedSnapshotWriter.NATIVE_DEFINITIONS : InterleavedSnapshotWriter.INTERLEAVED;
    }

    @Override
    public void checkTarget(Connection c, SchemaSnapshot schema, MethodContext context) throws SQLException {
        if (engine().equals(schema.sourceEngine())) {
            MariaDbDefiners.check(c, schema, context);
        }
    }

    @Override
    public void cancel(Connection c, Statement running) throws SQLException {
        // The driver's cancel kills the query from a connection of its own.
        if (running != null) {
            running.cancel();
        }
    }

    @Override
    public String selectColumn(String quotedColumn, PortableType type) {
        return JdbcValues.mariaDbSelect(quotedColumn, type);
    }

    @Override
    public ValueReader reader(PortableType type, String[] engineOnly) {
        return JdbcValues.mariaDbReader(type, engineOnly);
    }

    @Override
    public void bind(PreparedStatement ps, int i, PortableType type, JdbcValues.ColumnBinding target, Object value)
            throws SQLException, IOException {
        JdbcValues.FloatBound floatBound = JdbcValues.mariaDbFloatBound(type);
        String bound = floatBound == null ? null : floatBound.of(value);
        if (JdbcValues.isMariaDbGeometry(type) && target.named("geometry", "point", "linestring", "polygon")) {
            // Read with HEX() (see JdbcValues.mariaDbSelect) from MariaDB. PostgreSQL's point is text here, held in
            // a text column.
            JdbcValues.bindMariaDbGeometry(ps, i, value);
        } else if (bound != null) {
            ps.setString(i, bound);
        } else {
            SnapshotDialect.super.bind(ps, i, type, target, value);
        }
    }

    @Override
    public boolean holdsOwnOddValues() {
        return true;
    }

    @Override
    public Optional<SnapshotRestore.TableLoader> bulkLoader(SchemaSnapshot schema) {
        return Optional.of(new MariaDbBulkLoader(engine().equals(schema.sourceEngine())));
    }
}
