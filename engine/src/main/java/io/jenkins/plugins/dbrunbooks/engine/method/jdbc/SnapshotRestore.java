package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.Jdbc;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.method.RestoreSource;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog.DdlWriter;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog.NativeReplay;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog.PostgresCatalogReader;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format.SnapshotReader;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format.SpooledValue;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ColumnDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.NativeDefinition;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.PortableType;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SchemaSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.TableDef;
import io.jenkins.plugins.dbrunbooks.engine.parallel.JobRunner;
import io.jenkins.plugins.dbrunbooks.engine.process.PrivateFiles;
import io.jenkins.plugins.dbrunbooks.engine.progress.Counts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Loads a snapshot into an empty database of the target engine: bare tables, rows in batches with a commit per
 * table, then keys and indexes, foreign keys, and last sequences and views. Keys and indexes of different tables
 * are built on up to {@code jobs} connections at once, each table's own statements in order on one of them, from
 * the moment the table's rows are in, while later tables still load; with one job, after all rows.
 */
final class SnapshotRestore {
    private static final int BATCH = 1000;
    // PostgreSQL's code for a deadlock it broke by failing one side; the statement can simply run again.
    /** Tables created in one transaction; each holds a few locks until its commit. */
    private static final int TABLES_PER_COMMIT = 100;
    private static final String DEADLOCK = "40P01";
    private static final int DEADLOCK_RETRIES = 5;

    private final SnapshotDialect dialect;
    private final String engine;

    /** Loads one table's rows in the target engine's own bulk way, in the transaction the caller commits. */
    public interface TableLoader {
        /**
         * @param table the target table's quoted name
         * @param columnNames the quoted column names, in the snapshot's order; null for a column the target
         *     computes itself, whose values the loader reads and leaves out
         * @param whole whether these are all of the table's rows, else one of its parts that others load at once
         * @return the number of rows loaded
         */
        long load(Connection c, String table, List<String> columnNames, List<ColumnDef> columns,
                List<JdbcValues.ColumnBinding> targets, SnapshotReader reader, boolean whole) throws SQLException,
                IOException;

        /** Whether this loader takes the table; the batched INSERTs load the ones it leaves. */
        /** @param table the target table's quoted name */
        default boolean accepts(Connection c, String table, List<ColumnDef> columns,
                List<JdbcValues.ColumnBinding> targets)
                throws SQLException {
            return true;
        }
    }

    /** Loads a table's data that is in PostgreSQL's binary COPY format, unchanged; only PostgreSQL has one. */
    public interface BinaryCopyLoader {
        /**
         * @param whole whether this is all of the table's data, else one of its parts that others load at once
         * @return the number of rows loaded
         */
        long load(Connection c, String table, List<String> columnNames, java.io.InputStream copyData, boolean whole)
                throws SQLException, IOException;
    }

    SnapshotRestore(SnapshotDialect dialect) {
        this.dialect = dialect;
        this.engine = dialect.engine();
    }

    void run(MethodContext context, RestoreSource source, int requestedJobs) {
        run(context, source, requestedJobs, note -> { });
    }

    /**
     * @param jobs connections that build keys and indexes at once; 1 for one after the other
     * @param leftOut told what of the snapshot this engine leaves out or changes
     */
    void run(MethodContext context, RestoreSource source, int requestedJobs, Consumer<String> leftOut) {
        int jobs = dialect.restoreJobs(requestedJobs);
        Path spool = spoolDirectory(context);
        SnapshotReader reader = SnapshotReader.open(source.stream(), spool);
        SchemaSnapshot schema = reader.schema();
        DdlWriter sql = dialect.ddlWriter();
        sql.incompatibility(schema).ifPresent(why -> {
            throw new RunbookException(ErrorKind.RESTORE_FAILED, "This " + schema.sourceEngine()
                    + " backup cannot be restored into " + engine + ": " + why,
                    "Restore it into a " + schema.sourceEngine() + " database, or leave out what " + engine
                            + " cannot hold.");
        });
        ParallelCopyBackup.reportNotCarried(context, schema.notCarried());
        List<String> notes = sql.notes(schema);
        if (!notes.isEmpty()) {
            // Said before any data moves, so a stopped restore has said it too.
            context.listener().message("Left out or changed in " + engine + ": " + String.join("; ", notes));
            notes.forEach(leftOut);
        }
        String current = "the schema";
        Connector connector = () -> {
            Connection opened = Jdbc.connect(dialect.scheme(), context.jdbcUrl(), context.credential(), context.timeouts());
            try {
                execute(opened, sql.session(schema));
                return opened;
            } catch (SQLException e) {
                closeQuietly(opened);
                throw new RunbookException(ErrorKind.RESTORE_FAILED, "Cannot prepare a connection for the restore: "
                        + e.getMessage(), null, e);
            }
        };
        try (Connection c = connector.open()) {
            dialect.checkTarget(c, schema, context);
            Set<String> absentRoles = absentRoles(context, c, schema, leftOut);
            execute(c, sql.beforeTables(schema));
            current = "the source's own definitions";
            execute(c, sql.definitions(schema, NativeDefinition.BEFORE_TABLES, absentRoles));
            current = "the tables";
            createTables(connector, c, sql, schema, jobs);
            current = "the source's own definitions";
            execute(c, sql.definitions(schema, NativeDefinition.BEFORE_DATA, absentRoles));
            Map<String, Long> rowCounts = new HashMap<>();
            boolean built = false;
            Optional<BinaryCopyLoader> binaryLoader = dialect.binaryCopyLoader();
            if (reader.version() >= 2 || jobs > 1) {
                current = "the rows";
                // A table's keys and indexes build on other connections as soon as its rows are in, while later
                // tables still load.
                try (StatementPool builds = new StatementPool(connector, jobs)) {
                    if (reader.version() >= 2) {
                        // Tables come interleaved, each loaded on a connection of its own.
                        rowCounts.putAll(new InterleavedLoad(context, connector, engine,
                                (conn, t, rows, whole) -> load(conn, sql, schema, t, rows, whole),
                                binaryLoader.isEmpty() ? null : (conn, t, data, whole) -> binaryLoader.get().load(
                                        conn, sql.tableName(t), t.columns().stream()
                                                .map(col -> sql.columnName(col.name()))
                                                .collect(Collectors.toList()), data, whole),
                                t -> builds.submit(sql.afterData(schema, t))).run(reader, spool));
                    } else {
                        // Version 1 holds tables one after the other: each loads on the main connection.
                        TableDef table;
                        while ((table = reader.nextTable()) != null) {
                            current = "'" + table.qualifiedName() + "'";
                            long rows = load(c, sql, schema, table, reader, true);
                            rowCounts.put(table.qualifiedName(), rows);
                            context.listener().message("Restored " + Counts.of(rows, "row") + " of " + current);
                            builds.submit(sql.afterData(schema, table));
                        }
                    }
                    current = "keys, indexes and constraints";
                    builds.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RunbookException(ErrorKind.INTERRUPTED, "The restore was stopped while building keys"
                            + " and indexes.", null, e);
                }
                built = true;
            } else {
                TableDef table;
                while ((table = reader.nextTable()) != null) {
                    current = "'" + table.qualifiedName() + "'";
                    long rows = load(c, sql, schema, table, reader, true);
                    rowCounts.put(table.qualifiedName(), rows);
                    context.listener().message("Restored " + Counts.of(rows, "row") + " of " + current);
                }
            }
            current = "keys, indexes and constraints";
            // The biggest tables first, so the longest builds start at once and do not finish last alone.
            List<TableDef> biggestFirst = new ArrayList<>(schema.tables());
            biggestFirst.sort(Comparator.comparingLong(
                    (TableDef t) -> rowCounts.getOrDefault(t.qualifiedName(), 0L)).reversed());
            List<List<String>> afterData = new ArrayList<>();
            List<List<String>> foreignKeys = new ArrayList<>();
            for (TableDef t : biggestFirst) {
                afterData.add(sql.afterData(schema, t));
                foreignKeys.add(sql.foreignKeys(schema, t));
            }
            if (!built) {
                perTable(connector, c, afterData, jobs);
            }
            current = "the source's own definitions";
            execute(c, sql.definitions(schema, NativeDefinition.AFTER_DATA, absentRoles));
            current = "foreign keys";
            perTable(connector, c, foreignKeys, dialect.parallelForeignKeys() ? jobs : 1);
            current = "sequences and views";
            execute(c, sql.afterAll(schema));
            current = "the source's own definitions";
            execute(c, sql.definitions(schema, NativeDefinition.AFTER_KEYS, absentRoles));
            current = "the last commit";
            execute(c, sql.durable());
        } catch (SQLException e) {
            // From another engine, the server refused the translation: say what to do instead of "see above".
            String hint = engine.equals(schema.sourceEngine()) ? null : "The " + engine + " server refused what was"
                    + " translated from " + schema.sourceEngine() + ". Restore this backup into a "
                    + schema.sourceEngine() + " database, or change what the error names in the source and take a"
                    + " new backup. A restore should refuse what it cannot translate before it starts: please"
                    + " report this one.";
            throw new RunbookException(ErrorKind.RESTORE_FAILED, "Restoring " + current + " into " + engine
                    + " failed: " + e.getMessage(), hint, e);
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.RESTORE_FAILED, "Restore stream broke: " + e.getMessage(), null, e);
        } finally {
            deleteQuietly(spool);
        }
    }

    /**
     * Creates the tables in transactions of up to {@link #TABLES_PER_COMMIT}: on a database of many small tables a
     * commit each, every one waiting for the log to reach the disk, took as long as the statements themselves. The
     * tables are new, so nothing else waits for their locks; a failure leaves the restore failed either way. With
     * more than one job the batches go to up to {@code jobs} connections at once: creating a table is the server's
     * work of a millisecond or two, which on a thousand tables left the other cores idle. Only where no column is
     * of a type only the source engine knows, which may be another table's row type.
     */
    private static void createTables(Connector connector, Connection main, DdlWriter sql, SchemaSnapshot schema,
            int jobs) throws SQLException {
        List<TableDef> tables = schema.tables();
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < tables.size(); from += TABLES_PER_COMMIT) {
            List<String> statements = new ArrayList<>();
            for (TableDef table : tables.subList(from, Math.min(tables.size(), from + TABLES_PER_COMMIT))) {
                statements.add(sql.createTable(schema, table));
            }
            batches.add(statements);
        }
        boolean independent = tables.stream().flatMap(t -> t.columns().stream())
                .noneMatch(c -> sourceOnly(c.type()));
        overConnections(connector, runner -> { }, main, batches, independent ? jobs : 1, "creating the tables",
                SnapshotRestore::createBatch);
    }

    private static boolean sourceOnly(PortableType type) {
        return type.kind() == PortableType.Kind.OTHER || type.element() != null && sourceOnly(type.element());
    }

    /** Creates one batch of tables in one transaction. */
    private static void createBatch(Connection c, List<String> statements) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (String statement : statements) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new SQLException("Stopped before: " + abbreviated(statement));
                }
                try {
                    s.execute(statement);
                } catch (SQLException e) {
                    throw new SQLException(e.getMessage() + " [in: " + abbreviated(statement) + "]",
                            e.getSQLState(), e);
                }
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException again) {
                e.addSuppressed(again);
            }
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static void execute(Connection c, List<String> statements) throws SQLException {
        execute(c, statements, null);
    }

    /**
     * The roles the snapshot's own definitions need that the target lacks. What needs them (owners, grants) is
     * left out and named, as {@code pg_restore --no-owner} leaves owners to whoever restores.
     */
    private Set<String> absentRoles(MethodContext context, Connection c, SchemaSnapshot schema,
            Consumer<String> leftOut) throws SQLException {
        Set<String> needed = NativeReplay.roles(schema.definitions(), engine);
        Set<String> absent = needed.isEmpty() ? Set.of() : dialect.absentRoles(c, needed);
        if (!absent.isEmpty()) {
            List<String> skipped = schema.definitions().stream()
                    .filter(d -> engine.equals(d.engine()) && d.roles().stream().anyMatch(absent::contains))
                    .map(NativeDefinition::id).toList();
            context.listener().message("Roles " + String.join(", ", absent) + " do not exist on the target; left"
                    + " out: " + String.join(", ", skipped) + ". Create the roles and restore again to keep them.");
            skipped.forEach(id -> leftOut.accept(id + " (role missing on the target)"));
        }
        return absent;
    }

    /** @param running where the statement in flight is known, so another thread can cancel it; null for none */
    static void execute(Connection c, List<String> statements, Set<Statement> running) throws SQLException {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            if (running != null) {
                running.add(s);
            }
            try {
                for (String statement : statements) {
                    executeOne(s, statement);
                }
            } finally {
                if (running != null) {
                    running.remove(s);
                }
            }
        }
    }

    private static void executeOne(Statement s, String statement) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            if (Thread.currentThread().isInterrupted()) {
                throw new SQLException("Stopped before: " + abbreviated(statement));
            }
            try {
                s.execute(statement);
                return;
            } catch (SQLException e) {
                // Each statement commits on its own, so one failed to break a deadlock left nothing behind.
                if (!DEADLOCK.equals(e.getSQLState()) || attempt >= DEADLOCK_RETRIES) {
                    throw new SQLException(e.getMessage() + " [in: " + abbreviated(statement) + "]",
                            e.getSQLState(), e);
                }
            }
        }
    }

    /**
     * Runs each table's statements in order on one connection, the tables' lists on up to {@code jobs}
     * connections at once: {@code main} and extra ones to the same database, closed before this returns. The
     * first failure stops the rest and is thrown, with later ones suppressed.
     */
    private static void perTable(Connector connector, Connection main, List<List<String>> tables, int jobs)
            throws SQLException {
        List<List<String>> work = tables.stream().filter(statements -> !statements.isEmpty()).toList();
        Set<Statement> running = ConcurrentHashMap.newKeySet();
        overConnections(connector, runner -> runner.onCancel(() -> cancelAll(running)), main, work, jobs,
                "building keys and indexes", (c, statements) -> execute(c, statements, running));
    }

    /** Work for one connection. */
    @FunctionalInterface
    private interface OnConnection<T> {
        void run(Connection c, T item) throws SQLException;
    }

    /**
     * Runs {@code task} on each item: in order on {@code main} where one connection is all there is to use, else
     * on up to {@code jobs} connections at once, {@code main} and extra ones to the same database, closed before
     * this returns. The first failure stops the rest and is thrown, with later ones suppressed.
     *
     * @param setUp given the runner before any work starts, e.g. to cancel statements in flight on a failure
     * @param what what the work is, for the message of an interrupted restore
     */
    private static <T> void overConnections(Connector connector, Consumer<JobRunner> setUp, Connection main,
            List<T> items, int jobs, String what, OnConnection<T> task) throws SQLException {
        int workers = Math.max(1, Math.min(jobs, items.size()));
        if (workers == 1) {
            for (T item : items) {
                task.run(main, item);
            }
            return;
        }
        BlockingQueue<Connection> pool = new ArrayBlockingQueue<>(workers);
        List<Connection> extra = new ArrayList<>();
        try (JobRunner runner = new JobRunner("dbrunbooks-restore", workers)) {
            setUp.accept(runner);
            pool.add(main);
            for (int i = 1; i < workers; i++) {
                Connection c = connector.open();
                extra.add(c);
                pool.add(c);
            }
            for (T item : items) {
                runner.submit(() -> {
                    Connection c = pool.take();
                    try {
                        task.run(c, item);
                    } finally {
                        pool.add(c);
                    }
                });
            }
            Throwable first = runner.join();
            if (first != null) {
                throw asSqlException(first);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunbookException(ErrorKind.INTERRUPTED, "The restore was stopped while " + what + ".", null,
                    e);
        } finally {
            for (Connection c : extra) {
                closeQuietly(c);
            }
        }
    }

    /** Asks the server to stop each statement in flight; each ends with an error its thread reports. */
    static void cancelAll(Set<Statement> running) {
        for (Statement s : running) {
            try {
                s.cancel();
            } catch (SQLException e) {
                // It ends on its own; the connection closes after.
            }
        }
    }

    static SQLException asSqlException(Throwable failure) {
        return failure instanceof SQLException sqlException ? sqlException
                : new SQLException(String.valueOf(failure.getMessage()), failure);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // Nothing of this restore is left on it.
        }
    }

    /** @param whole whether these are all of the table's rows, else one of its parts that others load at once */
    private long load(Connection c, DdlWriter sql, SchemaSnapshot schema, TableDef table, SnapshotReader reader,
            boolean whole) throws SQLException, IOException {
        List<ColumnDef> columns = table.columns();
        List<JdbcValues.ColumnBinding> targets = targets(c, sql, table);
        // Generated columns the target computes itself take no value.
        boolean[] computed = new boolean[columns.size()];
        List<String> loaded = new ArrayList<>();
        for (int i = 0; i < computed.length; i++) {
            computed[i] = sql.computes(schema, columns.get(i));
            if (!computed[i]) {
                loaded.add(sql.columnName(columns.get(i).name()));
            }
        }
        SnapshotRestore.TableLoader loader = dialect.bulkLoader(schema).orElse(null);
        if (loader != null && loader.accepts(c, sql.tableName(table), columns, targets)) {
            c.setAutoCommit(false);
            List<String> names = new ArrayList<>();
            for (int i = 0; i < computed.length; i++) {
                names.add(computed[i] ? null : sql.columnName(columns.get(i).name()));
            }
            long rows = loader.load(c, sql.tableName(table), names, columns, targets, reader, whole);
            c.commit();
            return rows;
        }
        // PostgreSQL allows a table without columns, whose rows are only counted.
        String insert = loaded.isEmpty() ? "INSERT INTO " + sql.tableName(table) + " DEFAULT VALUES"
                : "INSERT INTO " + sql.tableName(table) + " (" + String.join(", ", loaded) + ") "
                + (dialect.insertOverride().isEmpty() ? "" : dialect.insertOverride() + " ") + "VALUES ("
                + String.join(", ", Collections.nCopies(loaded.size(), "?")) + ")";
        // PostgreSQL's infinite dates and timestamps, and NaN and infinities, have no equivalent in every engine.
        boolean fromPostgres = PostgresCatalogReader.ENGINE.equals(schema.sourceEngine())
                && !PostgresCatalogReader.ENGINE.equals(engine);
        c.setAutoCommit(false);
        long rows = 0;
        int pending = 0;
        List<SpooledValue> spooled = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            Object[] row;
            while ((row = reader.nextRow()) != null) {
                int parameter = 0;
                for (int i = 0; i < row.length; i++) {
                    if (row[i] instanceof SpooledValue value) {
                        spooled.add(value);
                    }
                    if (computed[i]) {
                        continue;
                    }
                    if (!dialect.holdsOwnOddValues()) {
                        JdbcValues.refuseMariaDbOnly(sql.tableName(table), sql.columnName(columns.get(i).name()),
                                row[i], engine);
                    }
                    if (fromPostgres) {
                        JdbcValues.refusePostgresOnly(sql.tableName(table), sql.columnName(columns.get(i).name()),
                                columns.get(i).type(), row[i], engine);
                    }
                    dialect.bind(ps, ++parameter, columns.get(i).type(), targets.get(i), row[i]);
                }
                ps.addBatch();
                pending++;
                rows++;
                // A row with a value on disk goes at once, so its files can go and memory stays flat.
                if (pending >= BATCH || !spooled.isEmpty()) {
                    ps.executeBatch();
                    pending = 0;
                    spooled.forEach(SpooledValue::close);
                    spooled.clear();
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
            c.commit();
        } catch (SQLException e) {
            SQLException next = e.getNextException();
            throw next == null ? e : new SQLException(e.getMessage() + "; " + next.getMessage(), e.getSQLState(), e);
        } finally {
            spooled.forEach(SpooledValue::close);
        }
        return rows;
    }

    private static List<JdbcValues.ColumnBinding> targets(Connection c, DdlWriter sql,
            TableDef table) throws SQLException {
        String probe = "SELECT " + table.columns().stream().map(col -> sql.columnName(col.name()))
                .collect(Collectors.joining(", ")) + " FROM " + sql.tableName(table) + " WHERE 1 = 0";
        List<JdbcValues.ColumnBinding> targets = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(probe)) {
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                targets.add(new JdbcValues.ColumnBinding(meta.getColumnType(i), meta.getColumnTypeName(i)));
            }
        }
        return targets;
    }

    /** Private, and named so that a killed run's spooled values (decrypted data) go with the next run. */
    private static Path spoolDirectory(MethodContext context) {
        return PrivateFiles.create(context.workDir(), "spool-").directory();
    }

    private static void deleteQuietly(Path directory) {
        try (var files = Files.list(directory)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // Only spool files of this restore, removed with the work directory at the latest.
        }
    }

    private static String abbreviated(String statement) {
        return statement.length() > 200 ? statement.substring(0, 200) + "..." : statement;
    }
}
