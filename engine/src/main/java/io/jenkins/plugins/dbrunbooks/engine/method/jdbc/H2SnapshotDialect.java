package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import io.jenkins.plugins.dbrunbooks.engine.fingerprint.H2Fingerprinter;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.Fingerprinter;
import io.jenkins.plugins.dbrunbooks.engine.method.ServerPositions;
import io.jenkins.plugins.dbrunbooks.engine.method.h2.H2Positions;
import io.jenkins.plugins.dbrunbooks.engine.method.JdbcScheme;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.method.h2.H2Url;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog.CatalogReader;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog.DdlWriter;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog.H2CatalogReader;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog.H2DdlWriter;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format.TableEncoding;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SchemaSnapshot;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * H2 in the snapshot pipeline: one connection reads in one transaction, tables in the schema's order, every table
 * in the row encoding, and a restore works on one connection, since an embedded file database gains nothing from
 * more.
 */
public final class H2SnapshotDialect implements SnapshotDialect {
    private static final ServerPositions POSITIONS = new H2Positions();

    @Override
    public String engine() {
        return H2CatalogReader.ENGINE;
    }

    @Override
    public JdbcScheme scheme() {
        return H2Url.SCHEME;
    }

    @Override
    public Fingerprinter fingerprinter() {
        return new H2Fingerprinter();
    }

    @Override
    public CatalogReader catalogReader() {
        return new H2CatalogReader();
    }

    @Override
    public DdlWriter ddlWriter() {
        return new H2DdlWriter();
    }

    @Override
    public ServerPositions positions() {
        return POSITIONS;
    }

    @Override
    public ConsistentRead openRead(MethodContext context, int workers) throws SQLException {
        return ConsistentRead.h2(context);
    }

    @Override
    public ParallelCopyBackup.Plan plan(Connection c, SchemaSnapshot schema) {
        List<Integer> order = new ArrayList<>();
        List<TableEncoding> encodings = new ArrayList<>();
        for (int i = 0; i < schema.tables().size(); i++) {
            order.add(i);
            encodings.add(TableEncoding.rows());
        }
        return new ParallelCopyBackup.Plan(order, encodings);
    }

    @Override
    public void cancel(Connection c, Statement running) throws SQLException {
        if (running != null) {
            running.cancel();
        }
    }

    @Override
    public int restoreJobs(int requested) {
        return 1;
    }
}
