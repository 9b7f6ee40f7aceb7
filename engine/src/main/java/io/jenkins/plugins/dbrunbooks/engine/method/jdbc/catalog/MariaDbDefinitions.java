package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog;

import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.NativeDefinition;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.NotCarried;
import io.jenkins.plugins.dbrunbooks.engine.method.mariadb.ViewValidity;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * MariaDB's sequences, routines, views, triggers and events as the server itself writes them ({@code SHOW CREATE
 * ...}), with their DEFINER, and replayed in the context the server recorded for each: the sql_mode its text was
 * written under (a routine written under ANSI_QUOTES comes back in double quotes), the connection collation its
 * string literals take, and an event's time zone. The text comes over the connection in UTF-8 whatever the
 * original client character set was, so it is replayed as UTF-8; the recorded collation keeps its literals as they
 * were. Tables' storage engines and options come with them.
 *
 * <p>Sequences exist before the tables, whose defaults may call them, at their position in the snapshot. Routines
 * come once every table has its rows, so none runs during the load; views, triggers and events last, each after the
 * views and functions it names, so triggers do not fire on the restored rows.
 */
final class MariaDbDefinitions {
    private static final String SEQUENCES = "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?"
            + " AND TABLE_TYPE = 'SEQUENCE' ORDER BY TABLE_NAME";
    private static final String ROUTINES = "SELECT ROUTINE_TYPE, ROUTINE_NAME FROM information_schema.ROUTINES"
            + " WHERE ROUTINE_SCHEMA = ? ORDER BY ROUTINE_TYPE, ROUTINE_NAME";
    private static final String VIEWS = "SELECT TABLE_NAME FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ?"
            + " ORDER BY TABLE_NAME";
    // In the order the server fires them, so creating them one after the other keeps that order.
    private static final String TRIGGERS = "SELECT EVENT_OBJECT_TABLE, TRIGGER_NAME FROM information_schema.TRIGGERS"
            + " WHERE TRIGGER_SCHEMA = ? ORDER BY EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER";
    private static final String EVENTS = "SELECT EVENT_NAME FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ?"
            + " ORDER BY EVENT_NAME";
    /**
     * Tables of another storage engine than InnoDB, or with options of their own (ROW_FORMAT, KEY_BLOCK_SIZE,
     * PAGE_COMPRESSED, CHECKSUM...), which CREATE_OPTIONS lists as ALTER TABLE takes them.
     */
    private static final String TABLE_OPTIONS = "SELECT TABLE_NAME, ENGINE, CREATE_OPTIONS"
            + " FROM information_schema.TABLES"
            + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE'"
            + " AND (ENGINE <> 'InnoDB' OR CREATE_OPTIONS IS NOT NULL AND CREATE_OPTIONS <> '') ORDER BY TABLE_NAME";
    /** Tables whose default collation (and so character set) is not their database's, for the columns added later. */
    private static final String TABLE_COLLATIONS = "SELECT TABLE_NAME, TABLE_COLLATION FROM information_schema.TABLES"
            + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' AND TABLE_COLLATION <> ? ORDER BY TABLE_NAME";
    private static final String SAVE = "SET @dbrunbooks_sql_mode = @@SESSION.sql_mode,"
            + " @dbrunbooks_collation = @@SESSION.collation_connection, @dbrunbooks_time_zone = @@SESSION.time_zone";
    private static final String PUT_BACK = "SET SESSION sql_mode = @dbrunbooks_sql_mode,"
            + " SESSION collation_connection = @dbrunbooks_collation, SESSION time_zone = @dbrunbooks_time_zone";

    private final Connection connection;
    private final String database;
    private final List<NativeDefinition> definitions = new ArrayList<>();
    private final List<NotCarried> notCarried = new ArrayList<>();

    private MariaDbDefinitions(Connection connection, String database) {
        this.connection = connection;
        this.database = database;
    }

    /** What the database holds, each object's definition read on {@code connection}, in its snapshot. */
    static MariaDbDefinitions read(Connection connection, String database) throws SQLException {
        MariaDbDefinitions read = new MariaDbDefinitions(connection, database);
        read.sequences();
        read.tableOptions();
        read.routines();
        read.views();
        read.triggers();
        read.events();
        return read;
    }

    List<NativeDefinition> definitions() {
        return definitions;
    }

    /**
     * Objects a restore could not create: those whose definition the server hid from the backup login, and views
     * the server cannot open.
     */
    List<NotCarried> notCarried() {
        return notCarried;
    }

    /**
     * The sequence as SHOW CREATE SEQUENCE gives it, then its position: the next value not yet handed out and the
     * round of a cycling one, as mariadb-dump restores it.
     */
    private void sequences() throws SQLException {
        for (String name : Sql.strings(connection, SEQUENCES, database)) {
            String create = show("SHOW CREATE SEQUENCE " + Sql.backtick(name), 2)[0];
            Object[] position = Sql.query(connection, "SELECT next_not_cached_value, cycle_count FROM "
                    + Sql.backtick(name), row -> new Object[] {row.getLong(1), row.getLong(2)}).get(0);
            definitions.add(new NativeDefinition(MariaDbCatalogReader.ENGINE, "sequence", null, name,
                    NativeDefinition.BEFORE_TABLES, List.of(create, "DO SETVAL(" + Sql.backtick(name) + ", "
                            + position[0] + ", 0, " + position[1] + ")"), List.of()));
        }
    }

    /**
     * A table's storage engine and options, set once it exists and before its rows load: a restore creates tables
     * in the target's default engine, so a MyISAM or Aria table would otherwise come back as InnoDB. Partitioning,
     * which CREATE_OPTIONS names too, is refused on its own.
     */
    private void tableOptions() throws SQLException {
        // The columns carry their own character sets and collations; the table's default is what a column added
        // later without one takes. A restore creates the tables in its database's default, so a table of another
        // default is given it back.
        List<String> databaseCollation = Sql.strings(connection,
                "SELECT DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", database);
        if (!databaseCollation.isEmpty()) {
            for (String[] table : Sql.query(connection, TABLE_COLLATIONS, row -> new String[] {row.getString(1),
                    row.getString(2)}, database, databaseCollation.get(0))) {
                definitions.add(new NativeDefinition(MariaDbCatalogReader.ENGINE, NativeDefinition.TABLE_COLLATION,
                        null, table[0], NativeDefinition.BEFORE_DATA, List.of("ALTER TABLE " + Sql.backtick(table[0])
                                + " DEFAULT COLLATE " + Sql.backtick(table[1])), List.of()));
            }
        }
        for (String[] table : Sql.query(connection, TABLE_OPTIONS, row -> new String[] {row.getString(1),
                row.getString(2), row.getString(3)}, database)) {
            List<String> options = new ArrayList<>();
            if (table[1] != null) {
                options.add("ENGINE=" + table[1]);
            }
            for (String option : (table[2] == null ? "" : table[2]).trim().split("\\s+")) {
                if (!option.isEmpty() && !option.equalsIgnoreCase("partitioned")) {
                    options.add(option);
                }
            }
            definitions.add(new NativeDefinition(MariaDbCatalogReader.ENGINE, "table options", null, table[0],
                    NativeDefinition.BEFORE_DATA, List.of("ALTER TABLE " + Sql.backtick(table[0]) + " "
                            + String.join(" ", options)), List.of()));
        }
    }

    private void routines() throws SQLException {
        for (String[] routine : Sql.query(connection, ROUTINES, row -> new String[] {row.getString(1),
                row.getString(2)}, database)) {
            String kind = routine[0].toLowerCase(Locale.ROOT);
            // Procedure or function, sql_mode, its CREATE, character_set_client, collation_connection.
            String[] shown = show("SHOW CREATE " + routine[0] + " " + Sql.backtick(routine[1]), 3, 2, 5);
            if (shown[0] == null) {
                // The server shows a routine's body only to its definer and to logins that may read mysql.proc.
                notCarried.add(new NotCarried(kind + " whose definition the backup login may not read", null,
                        routine[1]));
            } else {
                definitions.add(inContext(kind, routine[1], NativeDefinition.AFTER_DATA, shown[0], shown[1],
                        shown[2], null, List.of()));
            }
        }
    }

    /**
     * A view's text names what it reads unqualified when it is in the same database, always in backticks: another
     * view or function it names is replayed before it, whichever order their names sort in. A view the server
     * cannot open (over a column, table, view or function dropped since) is left out and named: its CREATE VIEW
     * would fail on restore, and a view over it is one too.
     */
    private void views() throws SQLException {
        String mode = Sql.strings(connection, "SELECT @@SESSION.sql_mode").get(0);
        Set<String> unusable = new HashSet<>();
        for (ViewValidity.Unusable view : ViewValidity.find(connection, database)) {
            unusable.add(view.view());
            // Named with what to do: no method carries it, and the source cannot use it either.
            notCarried.add(new NotCarried("view MariaDB cannot open", null, view.view() + " (" + view.reason()
                    + "; drop it or create it again)"));
        }
        List<String[]> views = new ArrayList<>();
        for (String view : Sql.strings(connection, VIEWS, database)) {
            if (unusable.contains(view)) {
                continue;
            }
            String[] shown = show("SHOW CREATE VIEW " + Sql.backtick(view), 2, 4);
            // The server names its own database where it cannot open the view as its definer (one that does not
            // exist): a restore into another database must not read the source's tables.
            views.add(new String[] {view, shown[0].replace(Sql.backtick(database) + ".", ""), shown[1]});
        }
        List<String> functions = definitions.stream().filter(d -> d.kind().equals("function"))
                .map(NativeDefinition::name).toList();
        for (String[] view : views) {
            List<String> dependsOn = new ArrayList<>();
            for (String[] other : views) {
                if (!other[0].equals(view[0]) && view[1].contains(Sql.backtick(other[0]))) {
                    dependsOn.add("view " + other[0]);
                }
            }
            functions.stream().filter(f -> view[1].contains(Sql.backtick(f) + "(")).forEach(f -> dependsOn.add(
                    "function " + f));
            definitions.add(inContext("view", view[0], NativeDefinition.AFTER_KEYS, view[1], mode, view[2], null,
                    dependsOn));
        }
    }

    private void triggers() throws SQLException {
        for (String[] trigger : Sql.query(connection, TRIGGERS, row -> new String[] {row.getString(1),
                row.getString(2)}, database)) {
            String[] shown = show("SHOW CREATE TRIGGER " + Sql.backtick(trigger[1]), 3, 2, 5);
            definitions.add(inContext("trigger", trigger[0] + "." + trigger[1], NativeDefinition.AFTER_KEYS,
                    shown[0], shown[1], shown[2], null, List.of()));
        }
    }

    private void events() throws SQLException {
        for (String event : Sql.strings(connection, EVENTS, database)) {
            String[] shown = show("SHOW CREATE EVENT " + Sql.backtick(event), 4, 2, 6, 3);
            definitions.add(inContext("event", event, NativeDefinition.AFTER_KEYS, shown[0], shown[1], shown[2],
                    shown[3], List.of()));
        }
    }

    /**
     * The statement between one that sets the session as the server recorded it for the object and one that puts
     * the session back.
     *
     * @param timeZone an event's time zone, which its schedule's times are in; null for other objects
     */
    private static NativeDefinition inContext(String kind, String name, String phase, String create, String sqlMode,
            String collation, String timeZone, List<String> dependsOn) {
        String set = "SET SESSION sql_mode = " + Sql.literal(sqlMode == null ? "" : sqlMode, true)
                + ", SESSION collation_connection = " + Sql.literal(collation, true)
                + (timeZone == null ? "" : ", SESSION time_zone = " + Sql.literal(timeZone, true));
        return new NativeDefinition(MariaDbCatalogReader.ENGINE, kind, null, name, phase,
                List.of(SAVE, set, create, PUT_BACK), dependsOn);
    }

    /** The given columns of the one row a SHOW CREATE statement returns. */
    private String[] show(String statement, int... columns) throws SQLException {
        return Sql.query(connection, statement, row -> {
            String[] values = new String[columns.length];
            for (int i = 0; i < columns.length; i++) {
                values[i] = row.getString(columns[i]);
            }
            return values;
        }).get(0);
    }
}
