package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import io.jenkins.plugins.dbrunbooks.engine.artifact.EngineOnlyValues;
import io.jenkins.plugins.dbrunbooks.engine.artifact.ServerPosition;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.CopyRowSum;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.DataFingerprints;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.PostgresTypes;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.RowSum;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.SelectRowHash;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.TableFingerprint;
import io.jenkins.plugins.dbrunbooks.engine.method.BackupReceipt;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog.DdlWriter;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format.InterleavedSnapshotWriter;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format.RowEncoding;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format.TableEncoding;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ColumnDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.NotCarried;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SchemaSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.TableDef;
import io.jenkins.plugins.dbrunbooks.engine.parallel.JobRunner;
import io.jenkins.plugins.dbrunbooks.engine.progress.Counts;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Savepoint;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Reads tables on {@code jobs} worker connections at once that see one consistent moment, the biggest tables first,
 * into a version 2 snapshot. On PostgreSQL the workers share one exported snapshot, and a table whose every column
 * has a binary form the format knows is read with {@code COPY ... TO STDOUT (FORMAT binary)} and carried verbatim;
 * any other table, and every MariaDB table, is read with SELECT and written in the row encoding. Workers fill
 * segments from a fixed pool of buffers and hand them to the calling thread, the only one writing the stream, so
 * memory is bounded by the pool and one row.
 *
 * <p>On PostgreSQL 14 and later with two workers or more, the worker that takes a table the statistics call big (half
 * of {@code rangeBytes} or more) or know nothing of (never analyzed) first measures it on disk (heap and TOAST; the
 * statistics may be stale). One bigger than {@code rangeBytes} is read in parts,
 * ranges of its heap pages ({@code ctid} ranges, which those servers scan directly): the worker reads the first and
 * puts the others at the head of the queue, for whichever worker is free next. Each part is written as a part of the
 * table's data (format version 5), so one big table keeps every worker busy and loads on as many connections. The
 * last range is open-ended, so rows in pages beyond those measured are read too. Measuring on the worker, where the
 * table is read anyway, waits for a lock on it no longer than its read would.
 */
final class ParallelCopyBackup {
    static final String TOOL = "dbrunbooks jdbc";
    private static final int FETCH_SIZE = 1000;
    private static final int SEGMENT = 1 << 20;
    private static final int BUFFERS_PER_WORKER = 3;
    /** A table is read in parts of about this many bytes (heap and TOAST) unless told otherwise. */
    static final long RANGE_BYTES = 64L << 20;
    /** The most parts one table is read in. */
    private static final int MAX_RANGES = 256;
    /** PostgreSQL's usual page size, to turn the statistics' page counts into an estimate of bytes. */
    private static final long PAGE = 8192;

    /**
     * Column types and the size in pages (with TOAST) of every plain table, columns in the catalog reader's order.
     * The sizes are the catalog's estimates, as pg_dump orders by, so no table is locked to measure it.
     */
    private static final String COLUMNS = "SELECT n.nspname, c.relname, c.relpages::bigint"
            + " + COALESCE(t.relpages, 0), a.atttypid, c.reltuples FROM pg_catalog.pg_class c"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " LEFT JOIN pg_catalog.pg_class t ON t.oid = c.reltoastrelid"
            + " JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
            + " WHERE c.relkind = 'r' ORDER BY n.nspname, c.relname, a.attnum";

    /**
     * One table's size on disk now, as heap pages and bytes with TOAST. Rows the snapshot sees were there before it
     * was taken, so in these pages or, where the heap was extended since, beyond them; the last range is open-ended.
     */
    private static final String SIZE = "SELECT pg_catalog.pg_relation_size(c.oid)"
            + " / current_setting('block_size')::bigint, pg_catalog.pg_relation_size(c.oid)"
            + " + COALESCE(pg_catalog.pg_relation_size(NULLIF(c.reltoastrelid, 0)), 0)"
            + " FROM pg_catalog.pg_class c WHERE c.oid = ?::regclass";

    /** MariaDB tables smaller than this are read before the others (see {@link #planMariaDb}). */
    static final long MARIADB_SMALL = 1L << 20;
    /** MariaDB's estimate of each table's size, to read the biggest first. */
    private static final String MARIADB_SIZES = "SELECT TABLE_NAME, DATA_LENGTH FROM information_schema.TABLES"
            + " WHERE TABLE_SCHEMA = DATABASE()";

    private final int jobs;
    private final SnapshotDialect dialect;
    private final long rangeBytes;
    /** A stored backup, not a stream for a copy: it takes fingerprints where configured, and says backed up. */
    private final boolean stored;

    /** @param jobs worker connections reading tables at once, where the engine can share one moment */
    ParallelCopyBackup(SnapshotDialect dialect, int jobs) {
        this(dialect, jobs, RANGE_BYTES, true);
    }

    /** @param rangeBytes the size of the parts a big table is read in, where the engine can read ranges */
    ParallelCopyBackup(SnapshotDialect dialect, int jobs, long rangeBytes) {
        this(dialect, jobs, rangeBytes, true);
    }

    /**
     * A read for a stream loaded straight into another database (a live copy): it takes no fingerprints, which
     * only a stored backup keeps, and its progress says what was read, not backed up.
     */
    static ParallelCopyBackup forCopy(SnapshotDialect dialect, int jobs) {
        return new ParallelCopyBackup(dialect, jobs, RANGE_BYTES, false);
    }

    private ParallelCopyBackup(SnapshotDialect dialect, int jobs, long rangeBytes, boolean stored) {
        this.jobs = Math.max(1, jobs);
        this.dialect = dialect;
        this.rangeBytes = Math.max(1, rangeBytes);
        this.stored = stored;
    }

    BackupReceipt run(MethodContext context, OutputStream out) {
        return run(context, out, null);
    }

    /** @param earlier the schema the coverage check read just before, if any, taken where the moment is the same */
    BackupReceipt run(MethodContext context, OutputStream out, EarlierCatalog.Read earlier) {
        try (ConsistentRead read = dialect.openRead(context, jobs)) {
            ServerPosition position = position(context, read.catalog());
            SchemaSnapshot schema = earlier == null ? null
                    : dialect.catalogReader().again(read.catalog(), earlier.moment(), earlier.schema());
            if (schema == null) {
                schema = dialect.catalogReader().read(read.catalog());
            }
            refuseValues(schema.notCarried());
            reportNotCarried(context, schema.notCarried());
            Plan plan = dialect.plan(read.catalog(), schema);
            String version = read.catalog().getMetaData().getDatabaseProductVersion();
            int workers = Math.max(1, Math.min(read.workers().size(), schema.tables().size()));
            if (workers > 1) {
                context.listener().message("Reading tables on " + workers + " connections that see one moment");
            }
            // Whether a table is split is known only once it is measured, after the header is written: version 5
            // wherever one may be.
            boolean[] measure = new boolean[schema.tables().size()];
            boolean split = false;
            for (int i = 0; plan.estimates() != null && workers > 1 && i < measure.length; i++) {
                long estimate = plan.estimates().get(i);
                measure[i] = estimate < 0 || estimate >= rangeBytes / 2;
                split |= measure[i];
            }
            int formatVersion = split ? InterleavedSnapshotWriter.SPLIT
                    : InterleavedSnapshotWriter.versionFor(schema, dialect.formatVersion(schema));
            InterleavedSnapshotWriter writer = new InterleavedSnapshotWriter(out, schema, workers, formatVersion);
            boolean fingerprinted = stored && context.fingerprints();
            SelectRowHash[] selectHashes = fingerprinted ? selectHashes(read, schema, plan)
                    : new SelectRowHash[measure.length];
            boolean[] hashed = fingerprinted ? hashedInStream(read.catalog(), schema, plan)
                    : new boolean[measure.length];
            for (int i = 0; i < hashed.length; i++) {
                hashed[i] |= selectHashes[i] != null;
            }
            Run run = new Run(context, schema, plan, measure, read.workers().subList(0, workers), writer, hashed,
                    selectHashes);
            Map<String, Long> rowCounts = run.write();
            if (stored && !context.fingerprints()) {
                context.sayFingerprintsOff();
            }
            List<EngineOnlyValues> found = run.engineOnlyValues();
            List<EngineOnlyValues> engineOnly = found.stream()
                    .filter(v -> EngineOnlyValues.notHeldOnlyBy(v.kind()).isEmpty()).toList();
            Map<String, List<EngineOnlyValues>> notHeldBy = new TreeMap<>();
            for (EngineOnlyValues v : found) {
                EngineOnlyValues.notHeldOnlyBy(v.kind())
                        .forEach(engine -> notHeldBy.computeIfAbsent(engine, e -> new ArrayList<>()).add(v));
            }
            if (stored && !engineOnly.isEmpty()) {
                context.listener().message("This backup restores only into " + dialect.engine() + ": "
                        + engineOnly.stream().map(EngineOnlyValues::describe).collect(Collectors.joining(", ")));
            }
            if (stored) {
                notHeldBy.forEach((engine, columns) -> context.listener().message("This backup cannot be restored"
                        + " into " + engine + ": " + columns.stream().map(EngineOnlyValues::describe)
                                .collect(Collectors.joining(", "))));
            }
            return new BackupReceipt(version, TOOL, "format " + formatVersion, rowCounts,
                    SnapshotCoverage.describe(schema.notCarried()), position,
                    fingerprinted ? fingerprints(context, read, rowCounts, run.streamed()) : null, engineOnly,
                    notHeldBy);
        } catch (SQLException e) {
            throw new RunbookException(ErrorKind.BACKUP_FAILED, "Reading the schema for the jdbc backup failed: "
                    + e.getMessage(), null, e);
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.BACKUP_FAILED, "Backup stream broke: " + e.getMessage(), null, e);
        }
    }

    /**
     * Per table, whether its fingerprint is taken from the rows as they stream: where it is read with binary
     * {@code COPY} and the engine's scheme hashes exactly those tuples.
     */
    private boolean[] hashedInStream(Connection catalog, SchemaSnapshot schema, Plan plan) throws SQLException {
        Set<String> binary = dialect.fingerprinter().fromBinaryCopy(catalog);
        boolean[] hashed = new boolean[schema.tables().size()];
        for (int i = 0; i < hashed.length; i++) {
            hashed[i] = plan.encodings().get(i).isPgCopy() && binary.contains(schema.tables().get(i).qualifiedName());
        }
        return hashed;
    }

    /**
     * Per table read with {@code SELECT}, how its fingerprint is summed from the rows as they are read, where the
     * engine can (else null). The parts of a table read in parts add up as its rows do.
     */
    private SelectRowHash[] selectHashes(ConsistentRead read, SchemaSnapshot schema, Plan plan) throws SQLException {
        SelectRowHash[] hashes = dialect.selectRowHashes(read.workers(), schema);
        for (int i = 0; i < hashes.length; i++) {
            if (plan.encodings().get(i).isPgCopy()) {
                hashes[i] = null;
            }
        }
        return hashes;
    }

    /**
     * The carried tables' fingerprints: those taken from the stream, and the others read now in the snapshot the
     * rows were just read from, on every worker connection.
     */
    private DataFingerprints fingerprints(MethodContext context, ConsistentRead read, Map<String, Long> rowCounts,
            Map<String, TableFingerprint> streamed) throws SQLException {
        List<String> others = rowCounts.keySet().stream().filter(t -> !streamed.containsKey(t)).toList();
        Map<String, TableFingerprint> all = new HashMap<>(streamed);
        if (!others.isEmpty()) {
            context.listener().message("Taking data fingerprints of " + Counts.of(others.size(), "table")
                    + (streamed.isEmpty() ? "" : " not hashed as they were read") + " in the backup's snapshot");
            all.putAll(dialect.fingerprinter().take(read.workers(), others).tables());
        }
        Map<String, TableFingerprint> ordered = new LinkedHashMap<>();
        rowCounts.keySet().forEach(t -> ordered.put(t, all.get(t)));
        return new DataFingerprints(dialect.fingerprinter().scheme(), ordered);
    }

    /**
     * Where the server stands, read in the snapshot the rows are read in. A position that cannot be read leaves the
     * backup without one, said on the listener; the savepoint keeps the snapshot usable after the failure.
     */
    private ServerPosition position(MethodContext context, Connection c) throws SQLException {
        Savepoint savepoint = c.setSavepoint();
        try {
            return dialect.positions().read(c, ServerPosition.MOMENT_SNAPSHOT);
        } catch (SQLException e) {
            c.rollback(savepoint);
            context.listener().message("The server position was not recorded: " + e.getMessage());
            return null;
        }
    }

    /** Values no restore could load back: even a partial backup of them would fail to restore their rows. */
    static void refuseValues(List<NotCarried> objects) {
        List<String> values = objects.stream().filter(NotCarried::values).map(NotCarried::describe).toList();
        if (!values.isEmpty()) {
            throw new RunbookException(ErrorKind.NOT_CARRIED, "The jdbc method cannot carry " + String.join(", ",
                    values) + ", not even in a partial backup: no load stores that value again; nothing was"
                    + " written", "Back the database up with method native, which carries it, or set the column"
                            + " to a valid value or NULL in the source.");
        }
    }

    static void reportNotCarried(MethodContext context, List<NotCarried> objects) {
        if (!objects.isEmpty()) {
            context.listener().message("Not carried: " + objects.stream().map(NotCarried::describe)
                    .collect(Collectors.joining(", ")));
        }
    }

    /** The statement that reads every row of {@code table}, columns in the schema's order. */
    static String selectStatement(SnapshotDialect dialect, DdlWriter sql, TableDef table) {
        return selectStatement(dialect, sql, table, List.of());
    }

    /** The same, with {@code extra} expressions read after the columns. */
    static String selectStatement(SnapshotDialect dialect, DdlWriter sql, TableDef table, List<String> extra) {
        return "SELECT " + Stream.concat(table.columns().stream()
                .map(c -> dialect.selectColumn(sql.columnName(c.name()), c.type())), extra.stream())
                .collect(Collectors.joining(", ")) + " FROM " + dialect.readFrom(sql.tableName(table));
    }

    /**
     * The tables in the order they are read (biggest first), and each one's encoding; where the engine reads a
     * table in ranges of its pages, each one's size in bytes as the statistics have it (-1 where they know nothing),
     * else null.
     */
    public record Plan(List<Integer> order, List<TableEncoding> encodings, List<Long> estimates) {
        public Plan(List<Integer> order, List<TableEncoding> encodings) {
            this(order, encodings, null);
        }
    }

    /**
     * One part of a table to read: pages {@code from} (inclusive) to {@code to} (exclusive), with no lower bound
     * for the first part and no upper bound for the last; a table in one part is read whole. {@code parts} 0 is a
     * table not measured yet.
     */
    record Item(int table, int part, int parts, long from, long to) {
        static Item whole(int table) {
            return new Item(table, 0, 1, 0, 0);
        }

        /** The condition that selects the part's rows, or null for a whole table. */
        String where() {
            if (parts <= 1) {
                return null;
            }
            String lower = "ctid >= '(" + from + ",0)'::tid";
            String upper = "ctid < '(" + to + ",0)'::tid";
            return part == 0 ? upper : part == parts - 1 ? lower : lower + " AND " + upper;
        }
    }

    /** The parts table {@code table} is read in, of {@code pages} heap pages and {@code bytes} with TOAST. */
    List<Item> parts(int table, long pages, long bytes) {
        long wanted = (bytes + rangeBytes - 1) / rangeBytes;
        int parts = (int) Math.min(Math.min(wanted, pages), MAX_RANGES);
        if (parts < 2) {
            return List.of(Item.whole(table));
        }
        List<Item> items = new ArrayList<>();
        for (int part = 0; part < parts; part++) {
            items.add(new Item(table, part, parts, pages * part / parts, pages * (part + 1) / parts));
        }
        return items;
    }

    static Plan plan(Connection c, SchemaSnapshot schema) throws SQLException {
        PostgresTypes types = PostgresTypes.read(c);
        Map<String, List<Long>> columnTypes = new HashMap<>();
        Map<String, Long> sizes = new HashMap<>();
        Map<String, Boolean> analyzed = new HashMap<>();
        // Before 14 a range of ctids is found by reading the whole table: each part would read all of it.
        boolean ranges = c.getMetaData().getDatabaseMajorVersion() >= 14;
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery(COLUMNS)) {
                while (rs.next()) {
                    String key = rs.getString(1) + "\u0000" + rs.getString(2);
                    sizes.put(key, rs.getLong(3));
                    // From 14, -1 tuples: never vacuumed nor analyzed, the page count says nothing.
                    analyzed.put(key, rs.getDouble(5) >= 0);
                    columnTypes.computeIfAbsent(key, k -> new ArrayList<>()).add(rs.getLong(4));
                }
            }
        }
        List<TableEncoding> encodings = new ArrayList<>();
        for (TableDef table : schema.tables()) {
            List<Long> oids = columnTypes.getOrDefault(table.schema() + "\u0000" + table.name(), List.of());
            List<String> forms = new ArrayList<>();
            for (long oid : oids) {
                String form = binaryForm(types.binaryForm(oid));
                if (form == null) {
                    break;
                }
                forms.add(form);
            }
            // COPY takes no generated column, so a table with one is read with SELECT.
            boolean copy = !oids.isEmpty() && oids.size() == table.columns().size() && forms.size() == oids.size()
                    && table.columns().stream().noneMatch(column -> column.generated() != null);
            encodings.add(copy ? TableEncoding.pgCopy(forms) : TableEncoding.rows());
        }
        List<Integer> order = new ArrayList<>();
        List<Long> estimates = new ArrayList<>();
        for (int i = 0; i < schema.tables().size(); i++) {
            order.add(i);
            String key = schema.tables().get(i).schema() + "\u0000" + schema.tables().get(i).name();
            estimates.add(analyzed.getOrDefault(key, true) ? sizes.getOrDefault(key, 0L) * PAGE : -1);
        }
        order.sort(Comparator.comparingLong((Integer i) -> sizes.getOrDefault(schema.tables().get(i).schema()
                + "\u0000" + schema.tables().get(i).name(), 0L)).reversed());
        return new Plan(order, encodings, ranges ? estimates : null);
    }

    /**
     * Every table in the row encoding: the small ones first (under {@link #MARIADB_SMALL} bytes by the server's
     * estimate), then the biggest first. Rows read with SELECT go through code every worker shares, compiled for the
     * columns it has seen; a worker that moved on to a small table of other columns while another was in the middle
     * of a big one set off recompilations after which the big one was read at half the speed, in one run of two (a
     * MariaDB table of 6.7 million rows: 17 to 26 s instead of 9.6 to 12). Read first, small tables take a moment
     * and leave nothing new for later.
     */
    static Plan planMariaDb(Connection c, SchemaSnapshot schema) throws SQLException {
        Map<String, Long> sizes = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(MARIADB_SIZES)) {
            while (rs.next()) {
                sizes.put(rs.getString(1), rs.getLong(2));
            }
        }
        List<TableEncoding> encodings = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < schema.tables().size(); i++) {
            encodings.add(TableEncoding.rows());
            order.add(i);
        }
        ToLongFunction<Integer> size = i -> sizes.getOrDefault(schema.tables().get(i).name(), 0L);
        order.sort(Comparator.comparing((Integer i) -> size.applyAsLong(i) >= MARIADB_SMALL)
                .thenComparing(Comparator.comparingLong(size).reversed()));
        return new Plan(order, encodings);
    }

    /**
     * The binary form of a type's values as the format names it, or null where the format has none. Domains
     * take their base type's; enum labels are text. Arrays qualify only of built-in element types, whose oids
     * are the same in every database, since PostgreSQL checks an array's element oid when it reads it back.
     */
    static String binaryForm(PostgresTypes.BinaryForm type) {
        if (type == null) {
            return null;
        }
        if (type.isEnum()) {
            return "text";
        }
        String form = switch (type.type()) {
            case "text", "varchar", "bpchar", "name" -> "text";
            default -> TableEncoding.PG_TYPES.contains(type.type()) ? type.type() : null;
        };
        return form == null || !type.isArray() ? form : "_" + form;
    }

    /** One backup's workers and the writing thread. */
    private final class Run {
        private final MethodContext context;
        private final SchemaSnapshot schema;
        private final Plan plan;
        private final List<Connection> connections;
        private final InterleavedSnapshotWriter writer;
        private final DdlWriter sql = dialect.ddlWriter();
        private final Map<Connection, Statement> running = new java.util.concurrent.ConcurrentHashMap<>();
        /** What is left to read; a table's later parts go to the head once it is measured. */
        private final ConcurrentLinkedDeque<Item> todo = new ConcurrentLinkedDeque<>();
        /** Per table, the rows of its parts that ended so far and how many parts are still to end. */
        private final long[] tableRows;
        private final int[] partsLeft;
        private final boolean[] begun;
        private final BlockingQueue<byte[]> buffers;
        private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
        private volatile boolean stopped;

        /** Per table, whether its fingerprint is summed from its tuples as they stream, and the sum of its parts. */
        private final boolean[] hashed;
        private final long[] tableSums;
        /** Per table, how its fingerprint is summed from the rows its SELECT reads, or null. */
        private final SelectRowHash[] selectHashes;
        /** Per table and column, the kind of value only the engine stores that its rows hold, or null. */
        private final String[][] engineOnly;

        /**
         * @param measure per table, whether it is measured to be read in parts, else read whole
         * @param hashed per table, whether to sum its fingerprint from its rows as they stream
         * @param selectHashes per table, how its fingerprint is summed from the rows its SELECT reads, or null
         */
        Run(MethodContext context, SchemaSnapshot schema, Plan plan, boolean[] measure, List<Connection> connections,
                InterleavedSnapshotWriter writer, boolean[] hashed, SelectRowHash[] selectHashes) {
            this.hashed = hashed;
            this.selectHashes = selectHashes;
            this.tableSums = new long[schema.tables().size()];
            this.engineOnly = new String[schema.tables().size()][];
            this.context = context;
            this.schema = schema;
            this.plan = plan;
            this.connections = connections;
            this.writer = writer;
            for (int table : plan.order()) {
                todo.add(measure[table] ? new Item(table, 0, 0, 0, 0) : Item.whole(table));
            }
            this.tableRows = new long[schema.tables().size()];
            this.partsLeft = new int[schema.tables().size()];
            this.begun = new boolean[schema.tables().size()];
            int count = connections.size() * BUFFERS_PER_WORKER;
            this.buffers = new ArrayBlockingQueue<>(count);
        }

        Map<String, Long> write() throws IOException {
            JobRunner runner = new JobRunner("dbrunbooks-backup", connections.size());
            runner.onCancel(this::stop);
            for (Connection c : connections) {
                runner.submit(() -> work(c));
            }
            Map<String, Long> rowCounts = new LinkedHashMap<>();
            boolean done = false;
            try {
                int ended = 0;
                int tables = schema.tables().size();
                while (ended < tables) {
                    Message m = messages.take();
                    switch (m.kind()) {
                        case BEGIN -> {
                            if (!begun[m.item().table()]) {
                                begun[m.item().table()] = true;
                                partsLeft[m.item().table()] = m.item().parts();
                            }
                            writer.begin(m.item().table(), m.item().part(), m.item().parts(),
                                    plan.encodings().get(m.item().table()));
                        }
                        case SEGMENT -> {
                            writer.segment(m.item().table(), m.item().part(), m.data(), 0, m.length());
                            recycle(m.data());
                        }
                        case END -> {
                            int index = m.item().table();
                            writer.end(index, m.item().part(), m.rows());
                            tableRows[index] += m.rows();
                            tableSums[index] += m.sum();
                            if (--partsLeft[index] == 0) {
                                ended++;
                                TableDef table = schema.tables().get(index);
                                rowCounts.put(table.qualifiedName(), tableRows[index]);
                                context.listener().message((stored ? "Backed up " : "Read ")
                                        + Counts.of(tableRows[index], "row")
                                        + " of '" + table.qualifiedName() + "'" + (m.item().parts() > 1 ? " in "
                                                + m.item().parts() + " parts" : "") + " (" + ended + " of "
                                        + Counts.of(tables, "table") + ")");
                            }
                        }
                        case FAILED -> throw m.failure();
                        default -> throw new IllegalStateException(m.kind().name());
                    }
                }
                writer.finish();
                done = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RunbookException(ErrorKind.INTERRUPTED, "The backup was stopped.", null, e);
            } finally {
                if (!done) {
                    runner.cancel();
                }
                runner.joinUninterruptibly();
            }
            return sortedLikeSchema(rowCounts);
        }

        /** The fingerprints summed from the stream, once every table is written. */
        Map<String, TableFingerprint> streamed() {
            Map<String, TableFingerprint> streamed = new HashMap<>();
            for (int i = 0; i < hashed.length; i++) {
                if (hashed[i]) {
                    streamed.put(schema.tables().get(i).qualifiedName(), new TableFingerprint(tableRows[i],
                            RowSum.hex(tableSums[i])));
                }
            }
            return streamed;
        }

        /** The columns whose rows hold values only the engine stores, in the schema's order. */
        List<EngineOnlyValues> engineOnlyValues() {
            List<EngineOnlyValues> found = new ArrayList<>();
            synchronized (engineOnly) {
                for (int t = 0; t < engineOnly.length; t++) {
                    TableDef table = schema.tables().get(t);
                    for (int col = 0; engineOnly[t] != null && col < engineOnly[t].length; col++) {
                        if (engineOnly[t][col] != null) {
                            found.add(new EngineOnlyValues(table.qualifiedName(), table.columns().get(col).name(),
                                    engineOnly[t][col]));
                        }
                    }
                }
            }
            return found;
        }

        /** What one read (a table or one of its parts) found, added to what its other parts found. */
        private void foundEngineOnly(int table, String[] kinds) {
            synchronized (engineOnly) {
                if (engineOnly[table] == null) {
                    engineOnly[table] = new String[kinds.length];
                }
                for (int col = 0; col < kinds.length; col++) {
                    if (kinds[col] != null) {
                        engineOnly[table][col] = kinds[col];
                    }
                }
            }
        }

        private Map<String, Long> sortedLikeSchema(Map<String, Long> counts) {
            Map<String, Long> sorted = new LinkedHashMap<>();
            for (TableDef t : schema.tables()) {
                sorted.put(t.qualifiedName(), counts.get(t.qualifiedName()));
            }
            return sorted;
        }

        /** Stops the workers: no more tables, hand-overs refused, and the server told to stop each query. */
        private void stop() {
            stopped = true;
            todo.clear();
            for (Connection c : connections) {
                try {
                    dialect.cancel(c, running.get(c));
                } catch (SQLException | RuntimeException e) {
                    // The connection closes after; that ends its query too.
                }
            }
        }

        private void recycle(byte[] buffer) {
            // The pool never holds more than it was given, so this never blocks.
            buffers.offer(buffer);
        }

        private void work(Connection c) {
            Item item;
            String current = null;
            try {
                while (!stopped && (item = todo.poll()) != null) {
                    TableDef table = schema.tables().get(item.table());
                    current = table.qualifiedName();
                    if (item.parts() == 0) {
                        item = measured(c, table, item.table());
                    }
                    send(new Message(Kind.BEGIN, item, null, 0, 0, 0, null));
                    try (Segments segments = new Segments(item)) {
                        TableEncoding encoding = plan.encodings().get(item.table());
                        boolean pgCopy = encoding.isPgCopy();
                        CopyRowSum sum = hashed[item.table()] && pgCopy ? CopyRowSum.binary(table.columns().stream()
                                .map(ColumnDef::name).toList()) : null;
                        long[] selectedSum = new long[1];
                        long rows = pgCopy ? copy(c, table, item, segments, sum, encoding)
                                : select(c, table, item, segments, selectHashes[item.table()], selectedSum);
                        segments.flush();
                        if (sum != null && sum.finish().rows() != rows) {
                            throw new IllegalStateException(sum.rows() + " rows hashed of " + rows + " read");
                        }
                        send(new Message(Kind.END, item, null, 0, rows, sum == null ? selectedSum[0] : sum.sum(),
                                null));
                    }
                }
            } catch (StoppedException e) {
                // The writing thread stopped the backup and reports why.
            } catch (SQLException | IOException | RuntimeException e) {
                if (!stopped) {
                    RuntimeException failure = e instanceof RunbookException r ? r
                            : new RunbookException(ErrorKind.BACKUP_FAILED, "Reading '" + current
                                    + "' for the jdbc backup failed: " + e.getMessage(), null, e);
                    messages.add(new Message(Kind.FAILED, null, null, 0, 0, 0, failure));
                }
            }
        }

        /** Measures the table on the worker's connection; queues its later parts first and returns its first. */
        private Item measured(Connection c, TableDef table, int index) throws SQLException {
            long pages;
            long bytes;
            try (PreparedStatement s = c.prepareStatement(SIZE)) {
                s.setString(1, sql.tableName(table));
                running.put(c, s);
                if (stopped) {
                    throw new StoppedException();
                }
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    pages = rs.getLong(1);
                    bytes = rs.getLong(2);
                } finally {
                    running.remove(c);
                }
            }
            List<Item> parts = parts(index, pages, bytes);
            for (int k = parts.size() - 1; k > 0; k--) {
                todo.addFirst(parts.get(k));
            }
            return parts.get(0);
        }

        private long copy(Connection c, TableDef table, Item item, Segments segments, CopyRowSum sum,
                TableEncoding encoding) throws SQLException, IOException {
            String[] engineOnlyKinds = new String[table.columns().size()];
            PostgresOnlyValues odd = PostgresOnlyValues.inBinaryCopy(encoding.pgTypes(),
                    table.columns().stream().map(ColumnDef::type).toList(), engineOnlyKinds);
            // A part is read with a query, whose binary COPY output is the same as the table's.
            String copy = item.where() == null
                    ? "COPY " + sql.tableName(table) + " (" + columnList(table) + ") TO STDOUT (FORMAT binary)"
                    : "COPY (SELECT " + columnList(table) + " FROM " + dialect.readFrom(sql.tableName(table))
                            + " WHERE " + item.where() + ") TO STDOUT (FORMAT binary)";
            CopyOut out = c.unwrap(PGConnection.class).getCopyAPI().copyOut(copy);
            try {
                byte[] data;
                while ((data = out.readFromCopy()) != null) {
                    segments.write(data, 0, data.length);
                    if (sum != null) {
                        sum.accept(data, 0, data.length);
                    }
                    if (odd != null) {
                        odd.accept(data, 0, data.length);
                    }
                }
                foundEngineOnly(item.table(), engineOnlyKinds);
                return out.getHandledRowCount();
            } finally {
                if (out.isActive()) {
                    try {
                        out.cancelCopy();
                    } catch (SQLException e) {
                        // The first failure is the one reported.
                    }
                }
            }
        }

        /**
         * Reads the rows with SELECT into the row encoding; where {@code hash} is given, also sums their
         * fingerprint hashes into {@code sum[0]}.
         */
        private long select(Connection c, TableDef table, Item item, Segments segments, SelectRowHash hash,
                long[] sum) throws SQLException, IOException {
            List<ColumnDef> columns = table.columns();
            String select = selectStatement(dialect, sql, table, hash == null ? List.of() : hash.extraColumns())
                    + (item.where() == null ? "" : " WHERE " + item.where());
            SelectRowHash.Hasher hasher = hash == null ? null : hash.hasher();
            long rows = 0;
            try (Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                s.setFetchSize(FETCH_SIZE);
                running.put(c, s);
                if (stopped) {
                    throw new StoppedException();
                }
                try (ResultSet rs = s.executeQuery(select)) {
                    RowEncoding encoding = new RowEncoding(columns);
                    String[] engineOnlyKinds = new String[columns.size()];
                    SnapshotDialect.ValueReader[] readers = columns.stream()
                            .map(col -> dialect.reader(col.type(), engineOnlyKinds))
                            .toArray(SnapshotDialect.ValueReader[]::new);
                    Object[] row = new Object[columns.size()];
                    while (rs.next()) {
                        if (stopped) {
                            // Else closing the result would read the rest of a streamed table first.
                            try {
                                dialect.cancel(c, s);
                            } catch (SQLException | RuntimeException e) {
                                // The connection closes after; that ends its query too.
                            }
                            throw new StoppedException();
                        }
                        for (int i = 0; i < row.length; i++) {
                            row[i] = readers[i].read(rs, i + 1);
                        }
                        encoding.write(segments, row);
                        if (hasher != null) {
                            sum[0] += hasher.row(rs, row);
                        }
                        rows++;
                    }
                    foundEngineOnly(item.table(), engineOnlyKinds);
                } finally {
                    running.remove(c);
                }
            }
            segments.flush();
            return rows;
        }

        private String columnList(TableDef table) {
            return table.columns().stream().map(col -> sql.columnName(col.name())).collect(Collectors.joining(", "));
        }

        private void send(Message m) {
            if (stopped) {
                throw new StoppedException();
            }
            messages.add(m);
        }

        private byte[] buffer() {
            byte[] b = buffers.poll();
            if (b != null) {
                return b;
            }
            if (allocated < connections.size() * BUFFERS_PER_WORKER) {
                synchronized (this) {
                    if (allocated < connections.size() * BUFFERS_PER_WORKER) {
                        allocated++;
                        return new byte[SEGMENT];
                    }
                }
            }
            // A stop interrupts the wait.
            try {
                if (stopped) {
                    throw new StoppedException();
                }
                return buffers.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoppedException();
            }
        }

        private volatile int allocated;

        /** One table's (or part's) bytes, cut into segments of pooled buffers and handed to the writing thread. */
        private final class Segments extends BlockOutput {
            private final Item table;

            Segments(Item table) {
                this.table = table;
            }

            @Override
            protected byte[] nextBlock() {
                return buffer();
            }

            @Override
            protected void handOn(byte[] block, int length) {
                send(new Message(Kind.SEGMENT, table, block, length, 0, 0, null));
            }

            @Override
            public void close() {
                byte[] unsent = drop();
                if (unsent != null) {
                    recycle(unsent);
                }
            }
        }
    }

    private enum Kind { BEGIN, SEGMENT, END, FAILED }

    /** @param sum at the end of a part whose rows were hashed, their sum (see {@link CopyRowSum}) */
    private record Message(Kind kind, Item item, byte[] data, int length, long rows, long sum,
            RuntimeException failure) {
    }

    /** A worker's way out once the backup was stopped. */
    private static final class StoppedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StoppedException() {
            super("stopped", null, false, false);
        }
    }
}
