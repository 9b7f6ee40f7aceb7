package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import io.jenkins.plugins.dbrunbooks.engine.fingerprint.Fingerprinter;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.SelectRowHash;
import io.jenkins.plugins.dbrunbooks.engine.method.JdbcScheme;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.method.ServerPositions;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog.CatalogReader;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog.DdlWriter;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format.InterleavedSnapshotWriter;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.PortableType;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SchemaSnapshot;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the snapshot pipeline asks of one engine: how to read its catalog and write its DDL, how to read one
 * consistent moment, in which order to read tables, how values come out of and go into it, and how it loads rows
 * in bulk. The pipeline itself never asks which engine it is working on.
 */
public interface SnapshotDialect {

    /** The engine's name, as recorded in manifests and snapshots. */
    String engine();

    /** How the engine's URLs look and what its driver is told on every connection. */
    JdbcScheme scheme();

    CatalogReader catalogReader();

    /** How the engine's data fingerprints are taken, at backup time and on a restored copy alike. */
    Fingerprinter fingerprinter();

    /**
     * How fingerprints of the scheme named are taken on this engine, to check a backup that recorded them: an
     * earlier scheme where the engine still has it, else the current one (whose results then do not compare).
     */
    default Fingerprinter fingerprinter(String scheme) {
        return fingerprinter();
    }

    DdlWriter ddlWriter();

    /**
     * Per table of the schema, in its order, how its data fingerprint is summed from the rows the backup's own
     * {@code SELECT} reads on {@code workers}, or null where the fingerprinter reads it; none by default.
     */
    default SelectRowHash[] selectRowHashes(List<Connection> workers, SchemaSnapshot schema) throws SQLException {
        return new SelectRowHash[schema.tables().size()];
    }

    /** How the engine tells where its server stands, read in the backup's snapshot. */
    ServerPositions positions();

    /** Opens the engine's consistent read with up to {@code workers} reading connections. */
    ConsistentRead openRead(MethodContext context, int workers) throws SQLException;

    /** The order tables are read in, the biggest first, and each one's encoding. */
    ParallelCopyBackup.Plan plan(Connection c, SchemaSnapshot schema) throws SQLException;

    /**
     * The snapshot format version a schema needs: {@link InterleavedSnapshotWriter#SAME_ENGINE_DEFINITIONS} where
     * it holds definitions an older reader would restore differently without a word, else
     * {@link InterleavedSnapshotWriter#INTERLEAVED}.
     */
    default int formatVersion(SchemaSnapshot schema) {
        return InterleavedSnapshotWriter.INTERLEAVED;
    }

    /**
     * Checks, before anything is created, that the target can take what the snapshot holds (MariaDB: the
     * DEFINERs of its views and routines); throws where it cannot, and says what the restore will not make work.
     */
    default void checkTarget(Connection c, SchemaSnapshot schema, MethodContext context) throws SQLException {
    }

    /** Tells the server to stop what a reading connection runs; {@code running} is its statement, or null. */
    void cancel(Connection c, Statement running) throws SQLException;

    /** How a column is selected for backup; the engine may convert a value its driver cannot read as it is. */
    default String selectColumn(String quotedColumn, PortableType type) {
        return quotedColumn;
    }

    /** What a backup's SELECT reads a table's own rows from, given its quoted name. */
    default String readFrom(String quotedTable) {
        return quotedTable;
    }

    /** Reads one column's values from the rows of a backup's SELECT. */
    @FunctionalInterface
    interface ValueReader {
        /** The value of column {@code index} of the current row, or null. */
        Object read(ResultSet rs, int index) throws SQLException;
    }

    /**
     * How the values of a column of this kind are read for backup; chosen once per column. A reader that reads a
     * value only this engine stores (see {@link #holdsOwnOddValues}) puts its kind, as
     * {@link io.jenkins.plugins.dbrunbooks.engine.artifact.EngineOnlyValues} names it, at the column's index
     * (from 0) in {@code engineOnly}, so the backup records the column.
     */
    default ValueReader reader(PortableType type, String[] engineOnly) {
        return JdbcValues.reader(type);
    }

    /**
     * Whether the engine holds values no other engine does (MariaDB's zero dates, TIME beyond a day, TINYINT(1)
     * flags other than 0 and 1); an engine that does not refuses them on restore, naming the column.
     */
    default boolean holdsOwnOddValues() {
        return false;
    }

    /** Binds one value of a snapshot's row to an INSERT of the restore; an engine binds its own values its way. */
    default void bind(PreparedStatement ps, int i, PortableType type, JdbcValues.ColumnBinding target, Object value)
            throws SQLException, IOException {
        JdbcValues.bind(ps, i, type, target, value, untypedStrings());
    }

    /** Whether text is bound as of unknown type, so the server casts it to the column's type as a literal. */
    default boolean untypedStrings() {
        return false;
    }

    /** Words between an INSERT's column list and VALUES, so identity columns take the snapshot's values. */
    default String insertOverride() {
        return "";
    }

    /**
     * The engine's own bulk way to load a table's rows, where it has one; else batched INSERTs.
     *
     * @param schema the snapshot whose rows it loads
     */
    default Optional<SnapshotRestore.TableLoader> bulkLoader(SchemaSnapshot schema) {
        return Optional.empty();
    }

    /** How a table carried in PostgreSQL's binary COPY format loads unchanged, where the engine can. */
    default Optional<SnapshotRestore.BinaryCopyLoader> binaryCopyLoader() {
        return Optional.empty();
    }

    /**
     * Whether foreign keys of different tables are added at once, where the engine breaks a deadlock between two
     * of them by failing one statement, which then runs again.
     */
    default boolean parallelForeignKeys() {
        return false;
    }

    /**
     * Which of {@code roles}, needed by the snapshot's own definitions (owners, grants), the target lacks; none by
     * default, for an engine whose definitions need none.
     */
    default Set<String> absentRoles(Connection c, Set<String> roles) throws SQLException {
        return Set.of();
    }

    /** Connections a restore works on, given the jobs asked for. */
    default int restoreJobs(int requested) {
        return requested;
    }
}
