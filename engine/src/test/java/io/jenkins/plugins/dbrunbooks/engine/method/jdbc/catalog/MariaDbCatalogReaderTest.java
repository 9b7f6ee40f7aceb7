package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog;

import static io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog.PostgresCatalogReaderTest.column;
import static io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog.PostgresCatalogReaderTest.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.NativeDefinition;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.PortableType;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.PortableType.Kind;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SchemaSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SequenceDef;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.TableDef;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.sql.Connection;
import org.junit.Test;

public class MariaDbCatalogReaderTest {

    static void load(TestDatabase db) {
        db.execute(
                "CREATE TABLE items (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                        + " name VARCHAR(40) NOT NULL COMMENT 'Shown to customers',"
                        + " price DECIMAL(12,2) CHECK (price >= 0), mood ENUM('sad','ok','happy') DEFAULT 'ok',"
                        + " UNIQUE KEY items_name (name)) COMMENT 'What we sell'",
                "CREATE TABLE `Order Lines` (`select` INT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                        + " item_id BIGINT NOT NULL, `Mixed Case` TEXT DEFAULT 'it''s',"
                        + " flag BOOLEAN NOT NULL DEFAULT TRUE, small SMALLINT, big BIGINT DEFAULT -5, r FLOAT,"
                        + " d DOUBLE, code CHAR(3), data VARBINARY(100), blobby LONGBLOB, doc JSON,"
                        + " at TIMESTAMP(3) NULL DEFAULT CURRENT_TIMESTAMP(3), local_at DATETIME(6), `day` DATE,"
                        + " t TIME, ref UUID, tiny TINYINT, uns INT UNSIGNED,"
                        + " CONSTRAINT `Small Check` CHECK (small > 0), UNIQUE KEY code_day (code, `day`),"
                        + " KEY `Lines By Day` (`day`, code), KEY prefix_idx (`Mixed Case`(10)),"
                        + " CONSTRAINT lines_item FOREIGN KEY (item_id) REFERENCES items (id) ON DELETE CASCADE)",
                "CREATE TABLE shapes (id INT PRIMARY KEY, geo POINT)",
                "CREATE VIEW cheap AS SELECT id, name FROM items WHERE price < 10",
                "CREATE PROCEDURE touch() BEGIN END",
                "CREATE TRIGGER items_touch BEFORE UPDATE ON items FOR EACH ROW SET NEW.name = NEW.name",
                "INSERT INTO items (name, price) VALUES ('a', 1), ('b', 2)");
    }

    static SchemaSnapshot read(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            return new MariaDbCatalogReader().read(c);
        }
    }

    /**
     * information_schema opens every table of every database for a view it cannot look up by constants, and a query
     * per table made a thousand tables thousands of queries: the tables' definitions are read with a few queries of
     * the whole database, each given the schema outright, however many tables it has.
     */
    @Test
    public void shouldReadTheTablesWithTheSameQueriesHoweverManyThereAreWithoutOpeningEveryDatabase()
            throws Exception {
        try (TestDatabase db = TestServers.newMariaDbDatabase(); Connection c = db.connect();
                java.sql.Statement s = c.createStatement()) {
            load(db);
            for (String query : MariaDbCatalogReader.WHOLE_DATABASE) {
                try (java.sql.ResultSet plan = s.executeQuery("EXPLAIN " + query.replace("?", "'" + db.name() + "'"))) {
                    while (plan.next()) {
                        assertThat(plan.getString("Extra")).as(query).doesNotContain("Scanned all databases");
                    }
                }
            }
            int few = statements(c);
            for (int i = 0; i < 30; i++) {
                db.execute("CREATE TABLE more" + i + " (id INT PRIMARY KEY, name VARCHAR(10) UNIQUE, at DATE,"
                        + " item BIGINT, CHECK (id > 0), KEY at_idx (at), FOREIGN KEY (item) REFERENCES items (id))");
            }
            assertThat(new MariaDbCatalogReader().read(c).tables()).hasSize(33);
            assertThat(statements(c)).isEqualTo(few);
        }
    }

    /** How many statements a catalog read prepares or creates. */
    private static int statements(Connection c) throws Exception {
        int[] count = new int[1];
        Connection counting = (Connection) java.lang.reflect.Proxy.newProxyInstance(
                MariaDbCatalogReaderTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement") || method.getName().equals("createStatement")) {
                        count[0]++;
                    }
                    try {
                        return method.invoke(c, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        new MariaDbCatalogReader().read(counting);
        return count[0];
    }

    @Test
    public void shouldReadEveryCarriedObjectAndNameTheOthers() throws Exception {
        try (TestDatabase db = TestServers.newMariaDbDatabase()) {
            load(db);
            SchemaSnapshot snapshot = read(db);

            assertThat(snapshot.sourceEngine()).isEqualTo("mariadb");
            assertThat(snapshot.schemas()).isEmpty();
            assertThat(snapshot.tables()).extracting(TableDef::qualifiedName)
                    .containsExactly("items", "Order Lines", "shapes");
            assertThat(snapshot.tables()).allSatisfy(t -> assertThat(t.schema()).isNull());
            TableDef items = table(snapshot, "items");
            assertThat(items.comment()).isEqualTo("What we sell");
            assertThat(column(items, "id").identity()).isTrue();
            assertThat(column(items, "id").defaultExpression()).isNull();
            // The collation is the server's default for utf8mb4, which differs between versions.
            assertThat(column(items, "name").type()).usingRecursiveComparison().ignoringFields("nativeType")
                    .isEqualTo(new PortableType(Kind.VARCHAR, 40, 0, 0, null, null));
            assertThat(column(items, "name").type().nativeType())
                    .startsWith("varchar(40) CHARACTER SET utf8mb4 COLLATE utf8mb4_");
            assertThat(column(items, "name").comment()).isEqualTo("Shown to customers");
            assertThat(column(items, "price").type()).isEqualTo(
                    new PortableType(Kind.DECIMAL, 0, 12, 2, null, "decimal(12,2)"));
            assertThat(column(items, "mood").type().kind()).isEqualTo(Kind.ENUM);
            assertThat(column(items, "mood").type().nativeType())
                    .startsWith("enum('sad','ok','happy') CHARACTER SET utf8mb4 COLLATE utf8mb4_");
            assertThat(column(items, "mood").defaultExpression()).isEqualTo("'ok'");
            assertThat(column(items, "price").defaultExpression()).isNull();
            assertThat(items.primaryKey().columns()).containsExactly("id");
            assertThat(items.uniques()).singleElement().satisfies(u -> assertThat(u.columns()).containsExactly("name"));
            assertThat(items.indexes()).isEmpty();
            assertThat(items.checks()).singleElement().satisfies(c -> assertThat(c.expression()).isEqualTo("`price` >= 0"));

            TableDef lines = table(snapshot, "Order Lines");
            assertThat(column(lines, "Mixed Case").type().kind()).isEqualTo(Kind.TEXT);
            assertThat(column(lines, "flag").type().kind()).isEqualTo(Kind.BOOLEAN);
            assertThat(column(lines, "flag").nullable()).isFalse();
            assertThat(column(lines, "big").defaultExpression()).isEqualTo("-5");
            assertThat(column(lines, "r").type().kind()).isEqualTo(Kind.REAL);
            assertThat(column(lines, "d").type().kind()).isEqualTo(Kind.DOUBLE);
            assertThat(column(lines, "code").type().kind()).isEqualTo(Kind.CHAR);
            assertThat(column(lines, "data").type()).isEqualTo(
                    new PortableType(Kind.VARBINARY, 100, 0, 0, null, "varbinary(100)"));
            assertThat(column(lines, "blobby").type().kind()).isEqualTo(Kind.BLOB);
            assertThat(column(lines, "doc").type()).isEqualTo(PortableType.of(Kind.JSON, "json"));
            assertThat(column(lines, "at").type()).isEqualTo(new PortableType(Kind.TIMESTAMP, 0, 3, 0, null,
                    "timestamp(3)"));
            assertThat(column(lines, "day").type().kind()).isEqualTo(Kind.DATE);
            assertThat(column(lines, "ref").type().kind()).isEqualTo(Kind.UUID);
            assertThat(column(lines, "tiny").type().kind()).isEqualTo(Kind.SMALLINT);
            assertThat(column(lines, "uns").type().kind()).isEqualTo(Kind.BIGINT);
            assertThat(lines.checks()).extracting(c -> c.expression()).containsExactly("`small` > 0");
            assertThat(lines.foreignKeys()).singleElement().satisfies(f -> {
                assertThat(f.referencedSchema()).isNull();
                assertThat(f.referencedTable()).isEqualTo("items");
                assertThat(f.referencedColumns()).containsExactly("id");
                assertThat(f.onDelete()).isEqualTo("CASCADE");
            });
            assertThat(lines.uniques()).singleElement()
                    .satisfies(u -> assertThat(u.columns()).containsExactly("code", "day"));
            assertThat(lines.indexes()).anySatisfy(i -> {
                assertThat(i.name()).isEqualTo("Lines By Day");
                assertThat(i.columns()).containsExactly("day", "code");
            });
            assertThat(lines.indexes()).anySatisfy(i -> {
                assertThat(i.name()).isEqualTo("prefix_idx");
                assertThat(i.columns()).isEmpty();
                assertThat(i.definition()).isEqualTo("CREATE INDEX `prefix_idx` ON `Order Lines` (`Mixed Case`(10))");
            });
            assertThat(column(table(snapshot, "shapes"), "geo").type()).isEqualTo(PortableType.of(Kind.OTHER, "point"));
            assertThat(snapshot.sequences()).contains(new SequenceDef(null, "items_id_seq", 1, 1, 3, false, "items",
                    "id"));
            // Views, routines and triggers are the server's own definitions, replayed into MariaDB only.
            assertThat(snapshot.views()).isEmpty();
            assertThat(snapshot.definitions()).extracting(NativeDefinition::id)
                    .containsExactly("procedure touch", "view cheap", "trigger items.items_touch");
            assertThat(snapshot.definitions()).allSatisfy(d -> assertThat(d.engine()).isEqualTo("mariadb"));
            assertThat(snapshot.definitions().get(1).sql()).anySatisfy(sql -> assertThat(sql)
                    .startsWith("CREATE ALGORITHM=UNDEFINED DEFINER=").contains("VIEW `cheap` AS select")
                    .contains("from `items`").doesNotContain(db.name()));
            assertThat(snapshot.notCarried()).isEmpty();
        }
    }

    @Test
    public void shouldReadEnumLabelsAndWhatAColumnIsSetToOnUpdate() {
        assertThat(EnumErrorValues.labels("enum('a','it''s','','x,y') CHARACTER SET utf8mb4"))
                .containsExactly("a", "it's", "", "x,y");
        assertThat(EnumErrorValues.labels("enum('sad','ok')")).doesNotContain("");
        assertThat(MariaDbCatalogReader.onUpdate("on update current_timestamp(3), INVISIBLE"))
                .isEqualTo("current_timestamp(3)");
        assertThat(MariaDbCatalogReader.onUpdate("on update current_timestamp()")).isEqualTo("current_timestamp()");
        assertThat(MariaDbCatalogReader.onUpdate("auto_increment")).isNull();
    }
}
