package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.AsciiDigits;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog.MariaDbCatalogReader;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format.SnapshotReader;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format.MariaDbTime;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format.SpooledValue;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.format.ZeroPartDate;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.ColumnDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.PortableType;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Loads a table's rows into MariaDB (or MySQL) with {@code LOAD DATA LOCAL INFILE}, fed by the driver from a stream
 * that encodes the snapshot's rows as it is read: no file is written, and memory holds one buffer of rows, or one
 * value up to the snapshot reader's in-memory limit; larger values go from their spool files in chunks.
 *
 * <p>The stream is in LOAD DATA's default text format with {@code CHARACTER SET binary}, so no byte is converted:
 * text is its UTF-8, binary values are their bytes, and only the escape character, tab, newline, carriage return and
 * NUL are escaped; {@code \N} is NULL.
 *
 * <p>For the load only, the session runs with {@code NO_AUTO_VALUE_ON_ZERO} (so an AUTO_INCREMENT column keeps a 0)
 * and, for rows from another engine, in strict mode (so a value the column cannot hold is an error rather than a
 * warning). Rows from MariaDB load without strict mode: the table's own stored generated columns and checks compute
 * what they computed in the source, which may have taken them with a warning (see {@link #refuseWarnings}). The
 * loader commits, then puts the session's sql_mode back. The binary log setting is never touched: replicas see the
 * rows. The table has no secondary index or foreign key yet, so {@code unique_checks} and {@code foreign_key_checks}
 * stay as they are: turning them off makes MariaDB 10.11 switch an empty table to its bulk insert mode, which
 * measured two to three times slower on tables with large text and blobs.
 *
 * <p>Dates with a zero month or day load with {@code NO_ZERO_DATE} and {@code NO_ZERO_IN_DATE} off for the load: they
 * are in a snapshot only when the MariaDB it came from held them.
 *
 * <p>Tables with a text column in a character set other than UTF-8 or ASCII, whose values the load would store
 * unconverted, go to the batched INSERTs too.
 *
 * <p>A part of a table that other connections load at once (a table a PostgreSQL backup read in parts) goes in
 * several statements where the table has an AUTO_INCREMENT column, each over rows already read: LOAD DATA holds such a
 * table's AUTO_INCREMENT lock until the statement ends (unless the server interleaves, {@code innodb_autoinc_lock_mode}
 * 2), so a statement that waited for more of the stream would wait for the stream to feed the part that waits for
 * it.
 *
 * <p>Columns whose values have no exact text form here (kinds INTERVAL, ARRAY and OTHER, such as SET or GEOMETRY),
 * and servers that refuse LOCAL INFILE ({@code local_infile=OFF}, MySQL's default), are left to the batched INSERTs.
 */
final class MariaDbBulkLoader implements SnapshotRestore.TableLoader {
    /** LOAD DATA reads a value of a column the server computes into a user variable, which discards it. */
    private static final String DISCARDED = "@dbrunbooks_computed";
    private static final int BUFFER = 1 << 16;
    /** About how much of a part one statement loads where the parts of its table would wait on each other. */
    static final int STATEMENT_BYTES = 4 << 20;
    // The MariaDB and MySQL codes for LOCAL INFILE disabled by the server or the client.
    private static final Set<Integer> REFUSED = Set.of(1148, 3948, 4166);
    // Collations of the character sets whose bytes are the UTF-8 of their text (a collation names its set first).
    private static final java.util.regex.Pattern UTF8_COLLATIONS =
            java.util.regex.Pattern.compile("(utf8mb4|utf8mb3|utf8|ascii|binary)(_|$)");
    // The codes of a row with fewer or more fields than the statement's columns.
    private static final Set<Integer> ROW_SHAPE = Set.of(1261, 1262);

    private final boolean sameEngine;

    /** @param sameEngine whether the rows come from MariaDB, into tables of the definitions they came from */
    MariaDbBulkLoader(boolean sameEngine) {
        this.sameEngine = sameEngine;
    }

    @Override
    public boolean accepts(Connection c, String table, List<ColumnDef> columns, List<JdbcValues.ColumnBinding> targets)
            throws SQLException {
        for (ColumnDef column : columns) {
            switch (column.type().kind()) {
                case INTERVAL, ARRAY, OTHER -> {
                    return false;
                }
                default -> {
                    // Has a text form.
                }
            }
        }
        for (JdbcValues.ColumnBinding target : targets) {
            if (target.named("geometry", "point", "polygon", "linestring")) {
                return false;
            }
        }
        // The stream's text is UTF-8 and goes in unconverted: a column of another character set (latin1, say)
        // would store the UTF-8 bytes as its own characters. The INSERTs convert, as for any client.
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW FULL COLUMNS FROM " + table)) {
            while (rs.next()) {
                String collation = rs.getString("Collation");
                if (collation != null && !UTF8_COLLATIONS.matcher(collation).lookingAt()) {
                    return false;
                }
            }
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@GLOBAL.local_infile")) {
            return rs.next() && rs.getInt(1) == 1;
        }
    }

    @Override
    public long load(Connection c, String table, List<String> columnNames, List<ColumnDef> columns,
            List<JdbcValues.ColumnBinding> targets, SnapshotReader reader, boolean whole) throws SQLException,
            IOException {
        String load = "LOAD DATA LOCAL INFILE 'snapshot.tsv' INTO TABLE " + table + " CHARACTER SET binary"
                + " FIELDS TERMINATED BY '\\t' ENCLOSED BY '' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n'"
                + " (" + columnNames.stream().map(n -> n == null ? DISCARDED : n).collect(Collectors.joining(", ")) + ")";
        // MariaDB's UUID type reads a string of the binary character set as the 16 bytes, not the text. (Mapping
        // it with SET col = CONVERT(@v USING utf8mb4) would work too, but a SET clause makes MariaDB 10.11 ignore
        // NO_AUTO_VALUE_ON_ZERO.)
        boolean[] uuidBytes = new boolean[columns.size()];
        boolean[] years = new boolean[columns.size()];
        JdbcValues.FloatBound[] floatBounds = new JdbcValues.FloatBound[columns.size()];
        for (int i = 0; i < uuidBytes.length; i++) {
            floatBounds[i] = JdbcValues.mariaDbFloatBound(columns.get(i).type());
            uuidBytes[i] = targets.get(i).named("uuid");
            // YEAR(2) shows 2000 as 00, which reads as 0 and loads back as 2000 from "0"; "0000" would be year 0.
            String nativeType = columns.get(i).type().nativeType();
            years[i] = targets.get(i).named("year")
                    && !(nativeType != null && nativeType.toLowerCase(Locale.ROOT).startsWith("year(2)"));
        }
        RowStream rows = new RowStream(reader, columns, uuidBytes, years, floatBounds,
                sameEngine ? null : new TableNames(table, columnNames));
        boolean inStatements = !whole && autoIncrement(c, table);
        List<String> fed = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (columnNames.get(i) != null) {
                fed.add(columns.get(i).name());
            }
        }
        Settings saved = Settings.forBulkLoad(c, !sameEngine);
        boolean loadedAll = false;
        try {
            long loaded = 0;
            do {
                if (inStatements && !rows.prefetch(STATEMENT_BYTES)) {
                    break;
                }
                try (Statement s = c.createStatement()) {
                    DriverStatement.feed(s, rows);
                    loaded += s.executeLargeUpdate(load);
                } catch (SQLException e) {
                    rows.throwFailure(e);
                    if (REFUSED.contains(e.getErrorCode())) {
                        throw new SQLException("The server or the driver refused LOAD DATA LOCAL INFILE ("
                                + e.getMessage() + "); allow it with local_infile=ON on the server, or restore with"
                                + " the native method", e.getSQLState(), e);
                    }
                    throw new SQLException(e.getMessage() + " [in: LOAD DATA into " + table + " near row "
                            + rows.rows() + "]", e.getSQLState(), e);
                } finally {
                    rows.close();
                }
                rows.throwFailure(null);
                if (!rows.sentAll()) {
                    throw new SQLException("The server stopped reading the rows of " + table + " after "
                            + rows.rows());
                }
                refuseWarnings(c, table, fed);
            } while (inStatements && !rows.ended());
            if (loaded != rows.rows()) {
                throw new SQLException("LOAD DATA into " + table + " stored " + loaded + " of " + rows.rows()
                        + " rows");
            }
            c.commit();
            loadedAll = true;
            return loaded;
        } finally {
            try {
                saved.restore(c);
            } catch (SQLException e) {
                // After a failure the connection may be gone; the first failure is the one to report.
                if (loadedAll) {
                    throw e;
                }
            }
        }
    }

    /** Whether the table has an AUTO_INCREMENT column. */
    private static boolean autoIncrement(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW COLUMNS FROM " + table + " WHERE Extra LIKE '%auto_increment%'")) {
            return rs.next();
        }
    }

    /**
     * Fails on any warning: some conversions (a UUID column's, for one) only warn and store NULL even in strict
     * mode. Notes, such as a decimal rounded to the column's scale, pass. From MariaDB, only a warning about a value
     * the stream fed fails: one that names a column it fed, or a row's fields; the others come from the table's own
     * generated columns and checks, which raised them in the source too (a stored column's overflow names that
     * column, a division by zero none). The server keeps only the first {@code max_error_count} (64) warnings of a
     * statement, so a value warned of after that many of those is not seen.
     *
     * @param fed the names of the columns the stream feeds
     */
    private void refuseWarnings(Connection c, String table, List<String> fed) throws SQLException {
        List<String> warnings = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sameEngine ? "SHOW WARNINGS" : "SHOW WARNINGS LIMIT 5")) {
            while (rs.next() && warnings.size() < 5) {
                if (!"Note".equalsIgnoreCase(rs.getString(1)) && (!sameEngine || aboutFedValue(rs.getInt(2),
                        rs.getString(3), fed))) {
                    warnings.add(rs.getString(3));
                }
            }
        }
        if (!warnings.isEmpty()) {
            throw new SQLException("LOAD DATA into " + table + " changed values: " + String.join("; ", warnings));
        }
    }

    /**
     * Whether a warning is about a value the stream fed: the server names the column as {@code 'name'} or, in full,
     * as {@code `db`.`table`.`name`}.
     */
    static boolean aboutFedValue(int code, String message, List<String> fed) {
        if (ROW_SHAPE.contains(code)) {
            return true;
        }
        for (String column : fed) {
            if (message.contains("column '" + column + "'") || message.contains("`.`" + column + "` at row")) {
                return true;
            }
        }
        return false;
    }

    /** The session's sql_mode, which the load changes, to put back after it. */
    private record Settings(String sqlMode) {
        /** @param strict whether a value the column cannot hold is an error, else a warning */
        static Settings forBulkLoad(Connection c, boolean strict) throws SQLException {
            Settings saved;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@SESSION.sql_mode")) {
                rs.next();
                saved = new Settings(rs.getString(1) == null ? "" : rs.getString(1));
            }
            Set<String> modes = new LinkedHashSet<>();
            for (String mode : saved.sqlMode().split(",")) {
                if (!mode.isBlank()) {
                    modes.add(mode.trim().toUpperCase(Locale.ROOT));
                }
            }
            if (strict) {
                modes.add("STRICT_ALL_TABLES");
            } else {
                modes.remove("STRICT_ALL_TABLES");
                modes.remove("STRICT_TRANS_TABLES");
            }
            modes.add("NO_AUTO_VALUE_ON_ZERO");
            // Dates with a zero month or day come only from a MariaDB source that held them.
            modes.remove("NO_ZERO_DATE");
            modes.remove("NO_ZERO_IN_DATE");
            modes.remove("TRADITIONAL");
            // The statement's ESCAPED BY '\\' is one backslash only with backslash escapes on.
            modes.remove("NO_BACKSLASH_ESCAPES");
            set(c, String.join(",", modes));
            return saved;
        }

        void restore(Connection c) throws SQLException {
            set(c, sqlMode);
        }

        private static void set(Connection c, String modes) throws SQLException {
            try (Statement s = c.createStatement()) {
                // Mode names are letters, digits and underscores, separated by commas.
                s.execute("SET SESSION sql_mode = '" + modes.replaceAll("[^A-Za-z0-9_,]", "") + "'");
            }
        }
    }

    /** A table and its columns as the restore names them. */
    record TableNames(String table, List<String> columns) {
    }

    /**
     * The rows of the snapshot's current table as LOAD DATA text, encoded as the driver reads. A failure while
     * reading (a damaged snapshot, a spool file that cannot be read, an interrupt) ends the stream early and is kept
     * for the loader to throw, so the driver and the server finish the statement cleanly. After {@link #prefetch}
     * it ends where the rows read ahead end, for one statement of several.
     */
    static final class RowStream extends InputStream {
        private final SnapshotReader reader;
        private final List<ColumnDef> columns;
        private final boolean[] uuidBytes;
        private final boolean[] years;
        private final JdbcValues.FloatBound[] floatBounds;
        /**
         * The table and its columns as named in errors, for rows from another engine (PostgreSQL's, or H2's, whose
         * values may be ones MariaDB lacks too); null for rows from MariaDB.
         */
        private final TableNames fromOtherEngine;
        private final Escaper out = new Escaper();
        private final byte[] chunk = new byte[BUFFER / 2];
        private Object[] row;
        private int column;
        private SpooledValue large;
        private InputStream largeIn;
        private int position;
        private long rows;
        private boolean ended;
        /** Whether the stream ends once the current row is sent: its statement's rows were read ahead. */
        private boolean statementEnds;
        /** Whether the stream was read to its end, for this statement. */
        private boolean sentAll;
        private RuntimeException failure;

        /**
         * @param uuidBytes per column, whether a UUID goes as its 16 bytes rather than its text
         * @param years per column, whether it is a YEAR, which reads text of fewer than 4 digits as 2000 onwards
         * @param floatBounds per column, the bound of a FLOAT(M,D) or DOUBLE(M,D), or null
         */
        RowStream(SnapshotReader reader, List<ColumnDef> columns, boolean[] uuidBytes, boolean[] years,
                JdbcValues.FloatBound[] floatBounds, TableNames fromOtherEngine) {
            this.reader = reader;
            this.columns = columns;
            this.uuidBytes = uuidBytes;
            this.years = years;
            this.floatBounds = floatBounds;
            this.fromOtherEngine = fromOtherEngine;
        }

        long rows() {
            return rows;
        }

        /** Whether the table's rows were all read from the snapshot. */
        boolean ended() {
            return ended;
        }

        /** Whether the statement read the stream to its end. */
        boolean sentAll() {
            return sentAll;
        }

        /**
         * Reads the next rows ahead, about {@code bytes} of their text, for a statement that then never waits for
         * the snapshot's stream: it streams them, then the rest of the last one (a large value comes from its
         * spool file), and ends. False where no row was left.
         */
        boolean prefetch(int bytes) {
            statementEnds = false;
            sentAll = false;
            try {
                fill(bytes);
            } catch (RuntimeException e) {
                failure = e;
            } catch (IOException e) {
                failure = largeValueFailed(e);
            }
            statementEnds = true;
            return out.size > 0 || row != null || failure != null;
        }

        /** Throws the failure that ended the stream, if any, with {@code statement}'s error added. */
        void throwFailure(SQLException statement) {
            if (failure != null) {
                if (statement != null) {
                    failure.addSuppressed(statement);
                }
                throw failure;
            }
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        /**
         * Fills as much of {@code len} as there is: the driver sends each read as a packet of its own, and one cut
         * short at the end of the buffer made every other packet a few bytes, and the driver's buffer shrink and
         * grow again around it.
         */
        @Override
        public int read(byte[] b, int off, int len) {
            int copied = 0;
            while (copied < len) {
                if (position >= out.size) {
                    if (ended || failure != null || statementEnds && row == null) {
                        break;
                    }
                    try {
                        fill(BUFFER);
                    } catch (RuntimeException e) {
                        failure = e;
                    } catch (IOException e) {
                        failure = largeValueFailed(e);
                    }
                    continue;
                }
                int n = Math.min(len - copied, out.size - position);
                System.arraycopy(out.bytes, position, b, off + copied, n);
                position += n;
                copied += n;
            }
            if (copied == 0 && len > 0) {
                sentAll = failure == null;
                return -1;
            }
            return copied;
        }

        private static RunbookException largeValueFailed(IOException e) {
            return new RunbookException(ErrorKind.RESTORE_FAILED, "Reading a large value of the snapshot failed: "
                    + e.getMessage(), null, e);
        }

        /**
         * Encodes the next rows, or the next chunk of a large value, into the buffer, about {@code bytes} of them;
         * once the statement ends, only what is left of the current row.
         */
        private void fill(int bytes) throws IOException {
            out.size = 0;
            position = 0;
            while (out.size < bytes) {
                if (largeIn != null) {
                    int n = largeIn.read(chunk);
                    if (n > 0) {
                        out.escape(chunk, 0, n);
                        continue;
                    }
                    closeLarge();
                    endColumn();
                    continue;
                }
                if (row == null) {
                    if (statementEnds) {
                        return;
                    }
                    if (Thread.currentThread().isInterrupted()) {
                        throw new RunbookException(ErrorKind.INTERRUPTED, "The restore was stopped while loading rows");
                    }
                    row = reader.nextRow();
                    if (row == null) {
                        ended = true;
                        return;
                    }
                    rows++;
                    column = 0;
                }
                Object value = row[column];
                if (value instanceof SpooledValue spooled) {
                    large = spooled;
                    largeIn = spooled.openStream();
                    continue;
                }
                // A generated column's value (no name: the server computes it) is read and dropped.
                String odd = fromOtherEngine == null || fromOtherEngine.columns().get(column) == null ? null
                        : PostgresOnlyValues.refused(columns.get(column).type(), value, MariaDbCatalogReader.ENGINE);
                if (odd != null) {
                    throw new RunbookException(ErrorKind.RESTORE_FAILED, JdbcValues.postgresOnly(
                            fromOtherEngine.table(), fromOtherEngine.columns().get(column), odd, "MariaDB"), null);
                }
                value(columns.get(column).type(), value, uuidBytes[column], years[column], floatBounds[column]);
                endColumn();
            }
        }

        /** A tab after a value, a newline after the row's last one. */
        private void endColumn() {
            if (column + 1 < row.length) {
                out.put('\t');
                column++;
            } else {
                out.put('\n');
                // The row's values are not needed any more; spooled ones were closed as they were sent.
                row = null;
            }
        }

        private void value(PortableType type, Object value, boolean uuidAsBytes, boolean year,
                JdbcValues.FloatBound floatBound) {
            if (value == null) {
                out.put('\\');
                out.put('N');
                return;
            }
            switch (type.kind()) {
                case BOOLEAN -> {
                    if (value instanceof Boolean flag) {
                        out.put(flag ? '1' : '0');
                    } else {
                        out.number(((Number) value).longValue(), 1);
                    }
                }
                // YEAR reads "0" as 2000; "0000" is the year 0 it was.
                case SMALLINT, INTEGER, BIGINT -> out.number(((Number) value).longValue(), year ? 4 : 1);
                case DECIMAL -> out.decimal((BigDecimal) value);
                // A float's exact value as a double, which the server reads back to the same float.
                case REAL, DOUBLE -> {
                    String bound = floatBound == null ? null : floatBound.of(value);
                    out.ascii(bound != null ? bound : type.kind() == PortableType.Kind.REAL
                            ? Double.toString(((Number) value).floatValue())
                            : Double.toString(((Number) value).doubleValue()));
                }
                case BINARY, VARBINARY, BLOB -> {
                    byte[] bytes = (byte[]) value;
                    out.escape(bytes, 0, bytes.length);
                }
                case DATE, TIMESTAMP, TIME -> temporal(out, value);
                // MariaDB has no zone in a column: the moment is written in UTC, as the DDL writer documents.
                case TIMESTAMP_TZ -> timestamp(out, ((OffsetDateTime) value)
                        .withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
                case UUID -> {
                    if (uuidAsBytes && value instanceof UUID uuid) {
                        byte[] bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                                .putLong(uuid.getLeastSignificantBits()).array();
                        out.escape(bytes, 0, bytes.length);
                    } else {
                        out.ascii(value.toString());
                    }
                }
                default -> {
                    byte[] bytes = value.toString().getBytes(StandardCharsets.UTF_8);
                    out.escape(bytes, 0, bytes.length);
                }
            }
        }

        private void closeLarge() {
            try {
                largeIn.close();
            } catch (IOException e) {
                // Read to its end already; the file goes next.
            }
            largeIn = null;
            large.close();
            large = null;
        }

        @Override
        public void close() {
            if (largeIn != null) {
                closeLarge();
            }
        }
    }

    /** A DATE, TIME or TIMESTAMP value as MariaDB reads it, zero dates and TIME beyond a day included. */
    /** A date or time value as MariaDB reads it, written where it goes: no String for each of millions. */
    static void temporal(Escaper out, Object value) {
        if (value instanceof LocalDate date) {
            date(out, date);
        } else if (value instanceof LocalTime time) {
            time(out, time);
        } else if (value instanceof LocalDateTime time) {
            timestamp(out, time);
        } else if (value instanceof Duration duration) {
            out.ascii(MariaDbTime.text(duration));
        } else {
            out.ascii(((ZeroPartDate) value).text());
        }
    }

    static void timestamp(Escaper out, LocalDateTime time) {
        date(out, time.toLocalDate());
        out.put(' ');
        time(out, time.toLocalTime());
    }

    private static void date(Escaper out, LocalDate date) {
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            throw new RunbookException(ErrorKind.RESTORE_FAILED, "The date " + date + " is outside MariaDB's years"
                    + " 0000 to 9999");
        }
        out.number(year, 4);
        out.put('-');
        out.number(date.getMonthValue(), 2);
        out.put('-');
        out.number(date.getDayOfMonth(), 2);
    }

    /** Hours, minutes, seconds and the fraction to the microsecond, which is MariaDB's finest. */
    private static void time(Escaper out, LocalTime time) {
        out.number(time.getHour(), 2);
        out.put(':');
        out.number(time.getMinute(), 2);
        out.put(':');
        out.number(time.getSecond(), 2);
        int nanos = time.getNano();
        if (nanos != 0) {
            out.put('.');
            // Nanoseconds beyond the microsecond are written too; the server rounds them as an INSERT would.
            if (nanos % 1000 == 0) {
                out.number(nanos / 1000, 6);
            } else {
                out.number(nanos, 9);
            }
        }
    }

    /** A growing byte buffer that escapes for LOAD DATA as it appends. */
    static final class Escaper {
        private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
                ByteOrder.LITTLE_ENDIAN);
        /** For each byte that needs an escape, the letter after the backslash; 0 for the others. */
        private static final byte[] ESCAPED = new byte[256];

        static {
            ESCAPED['\\'] = '\\';
            ESCAPED['\t'] = 't';
            ESCAPED['\n'] = 'n';
            ESCAPED['\r'] = 'r';
            ESCAPED[0] = '0';
        }

        byte[] bytes = new byte[BUFFER + 64];
        int size;

        void put(char ascii) {
            ensure(1);
            bytes[size++] = (byte) ascii;
        }

        /**
         * A whole number's decimal digits, at least {@code width} of them (zeros first), after its sign: written
         * in place, as Long.toString would write it.
         */
        void number(long value, int width) {
            if (value == Long.MIN_VALUE) {
                ascii(Long.toString(value));
                return;
            }
            ensure(21 + width);
            if (value < 0) {
                bytes[size++] = '-';
                value = -value;
            }
            int end = size + Math.max(AsciiDigits.count(value), width);
            AsciiDigits.write(bytes, size, end, value);
            size = end;
        }

        /**
         * A decimal as its plain text ({@link BigDecimal#toPlainString}), written in place where its unscaled value
         * fits a long, as it does for a column of up to 18 digits.
         */
        void decimal(BigDecimal value) {
            int scale = value.scale();
            if (scale < 0 || scale > 18 || value.precision() > 18) {
                ascii(value.toPlainString());
                return;
            }
            long unscaled = value.unscaledValue().longValue();
            if (unscaled < 0) {
                put('-');
                unscaled = -unscaled;
            }
            long unit = AsciiDigits.ten(scale);
            number(unscaled / unit, 1);
            if (scale > 0) {
                put('.');
                number(unscaled % unit, scale);
            }
        }

        /** Text that never needs escaping: digits, signs, points, letters. */
        void ascii(String text) {
            int n = text.length();
            ensure(n);
            for (int i = 0; i < n; i++) {
                bytes[size++] = (byte) text.charAt(i);
            }
        }

        /**
         * Appends the bytes with LOAD DATA's escapes for the backslash, tab, newline, carriage return and NUL. Runs
         * without any are copied whole: a flight recording of a restore put half the loader's time in a loop that
         * looked at each byte on its own.
         */
        void escape(byte[] source, int offset, int length) {
            ensure(length * 2);
            byte[] target = bytes;
            int at = size;
            int end = offset + length;
            for (int i = offset; i < end;) {
                int special = nextSpecial(source, i, end);
                System.arraycopy(source, i, target, at, special - i);
                at += special - i;
                if (special == end) {
                    break;
                }
                target[at++] = '\\';
                target[at++] = ESCAPED[source[special] & 0xff];
                i = special + 1;
            }
            size = at;
        }

        /** The index of the first byte from {@code i} on that needs an escape, or {@code end}. */
        static int nextSpecial(byte[] source, int i, int end) {
            while (true) {
                // Eight bytes at a time: none is below 14 (NUL, tab, newline, CR) nor a backslash.
                while (i + 8 <= end) {
                    long word = (long) LONGS.get(source, i);
                    long below14 = (word - 0x0E0E0E0E0E0E0E0EL) & ~word;
                    long backslash = word ^ 0x5C5C5C5C5C5C5C5CL;
                    long isBackslash = (backslash - 0x0101010101010101L) & ~backslash;
                    if (((below14 | isBackslash) & 0x8080808080808080L) != 0) {
                        break;
                    }
                    i += 8;
                }
                // A word that may hold one (other bytes below 14 look alike), or the last few bytes.
                for (int stop = Math.min(i + 8, end); i < stop; i++) {
                    if (ESCAPED[source[i] & 0xff] != 0) {
                        return i;
                    }
                }
                if (i >= end) {
                    return end;
                }
            }
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }

    /** The driver's own API, in a class of its own so that only a load needs the MariaDB driver's classes. */
    private static final class DriverStatement {
        static void feed(Statement s, InputStream rows) throws SQLException {
            s.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(rows);
        }
    }
}
