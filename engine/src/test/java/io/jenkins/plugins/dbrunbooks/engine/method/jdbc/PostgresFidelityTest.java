package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupResult;
import io.jenkins.plugins.dbrunbooks.engine.config.DatabaseTarget;
import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.config.Role;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreOperation;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreRequest;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.PostgresSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.testing.Queries;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * PostgreSQL objects a jdbc backup carries from PostgreSQL to PostgreSQL as the server defines them: the restored
 * database prints the same {@code pg_dump --schema-only} and holds the same rows.
 */
public class PostgresFidelityTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /**
     * Backs the source up with the jdbc method, which must carry all of it, and restores the backup into a new
     * database, whose name it returns for the caller to drop.
     */
    private String restoredCopy(TestDatabase source) {
        EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), source.login())
                .environment("qa", EngineFixture.database("orders", source.url(), MethodChoice.JDBC));
        BackupResult backup = new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
        assertThat(backup.manifest().notCarried()).isEmpty();
        String copy = TestServers.uniqueName();
        new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders").intoNew(copy));
        return copy;
    }

    @Test
    public void shouldRestoreGeneratedColumnsAsGeneratedWithTheirExpressions() {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            source.execute("CREATE SCHEMA app",
                    // An awkward table: a generated column over two others, one NOT NULL, one over a text
                    // expression with a cast and a function, and a key that is not the first column.
                    "CREATE TABLE app.lines (label text NOT NULL, id int PRIMARY KEY, qty int NOT NULL,"
                            + " price numeric(10,2),"
                            + " total numeric GENERATED ALWAYS AS (qty * price) STORED,"
                            + " code text GENERATED ALWAYS AS (upper(label) || '-' || id::text) STORED NOT NULL,"
                            + " note text)",
                    "INSERT INTO app.lines (label, id, qty, price, note) SELECT 'item ' || g, g, g % 7,"
                            + " CASE WHEN g % 5 = 0 THEN NULL ELSE g * 1.25 END, repeat('x', g % 3)"
                            + " FROM generate_series(1, 500) g",
                    // Another table whose values are read with SELECT beside one read with binary COPY.
                    "CREATE TABLE plain (id int PRIMARY KEY, v text)",
                    "INSERT INTO plain VALUES (1, 'a'), (2, NULL)");
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), source.login())
                    .environment("qa", EngineFixture.database("orders", source.url(), MethodChoice.JDBC));

            BackupResult backup = new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));

            assertThat(backup.manifest().notCarried()).isEmpty();
            assertThat(backup.manifest().toolVersion()).as("a version 2 reader must refuse it")
                    // 5 where a table not analyzed yet may be read in parts.
                    .isIn("format 4", "format 5");
            String copy = TestServers.uniqueName();
            try {
                new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders").intoNew(copy));

                PostgresSnapshot restored = PostgresSnapshot.of(copy, source);
                PostgresSnapshot original = PostgresSnapshot.of(source);
                assertThat(restored.schema()).contains("GENERATED ALWAYS AS").isEqualTo(original.schema());
                assertThat(restored.tables()).isEqualTo(original.tables());
                // The restored column computes new rows itself.
                String url = TestServers.postgresUrl(copy);
                TestServers.execute(url, TestServers.PG_USER,
                        "INSERT INTO app.lines (label, id, qty, price) VALUES ('new', 1000, 3, 2.5)");
                assertThat(Queries.rows(url, TestServers.PG_USER, "SELECT total, code FROM app.lines WHERE id = 1000"))
                        .containsExactly("7.50", "NEW-1000");
            } finally {
                TestServers.dropPostgres(copy);
            }
        }
    }

    /**
     * A partitioned table and its partitions owned by a role other than the one restoring, as pagila's payments are
     * where an application role owns the schema: each keeps its owner (a partition may have its own).
     */
    @Test
    public void shouldRestoreTheOwnersOfAPartitionedTableAndOfEachPartition() {
        String owner = TestServers.uniqueName();
        String other = TestServers.uniqueName();
        String admin = TestServers.postgresUrl("postgres");
        TestServers.execute(admin, TestServers.PG_USER, "CREATE ROLE " + owner, "CREATE ROLE " + other);
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            source.execute("CREATE TABLE payment (id serial, paid date NOT NULL, PRIMARY KEY (id, paid))"
                            + " PARTITION BY RANGE (paid)",
                    "CREATE TABLE payment_2024 PARTITION OF payment FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
                    "CREATE TABLE payment_2025 PARTITION OF payment FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
                    "INSERT INTO payment (paid) VALUES ('2024-05-01'), ('2025-05-01')",
                    "ALTER TABLE payment OWNER TO " + owner, "ALTER TABLE payment_2024 OWNER TO " + owner,
                    "ALTER TABLE payment_2025 OWNER TO " + other);
            String copy = restoredCopy(source);
            String owners = "SELECT relname || ' ' || relowner::regrole FROM pg_class WHERE relname LIKE 'payment%'"
                    + " AND relkind IN ('r', 'p', 'S') ORDER BY 1";
            try {
                assertThat(Queries.rows(TestServers.postgresUrl(copy), TestServers.PG_USER, owners))
                        .contains("payment " + owner, "payment_2025 " + other)
                        .isEqualTo(Queries.rows(source.url(), TestServers.PG_USER, owners));
                assertThat(PostgresSnapshot.withPrivileges(copy).schema())
                        .isEqualTo(PostgresSnapshot.withPrivileges(source.name()).schema());
            } finally {
                TestServers.dropPostgres(copy);
            }
        } finally {
            TestServers.execute(admin, TestServers.PG_USER, "DROP ROLE IF EXISTS " + owner,
                    "DROP ROLE IF EXISTS " + other);
        }
    }

    /**
     * The schema public's owner and privileges as the source changed them from the server's, as pagila's script
     * does: another owner, every role may create in it (as in a database begun before PostgreSQL 15), PUBLIC may
     * not use it otherwise, and one role may use it and pass that on. A role the target lacks leaves its own change
     * out and is named.
     */
    @Test
    public void shouldRestoreWhatTheSourceChangedOfThePublicSchemasOwnerAndPrivileges() {
        String reader = TestServers.uniqueName();
        String owner = TestServers.uniqueName();
        String admin = TestServers.postgresUrl("postgres");
        TestServers.execute(admin, TestServers.PG_USER, "CREATE ROLE " + reader, "CREATE ROLE " + owner);
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            source.execute("ALTER SCHEMA public OWNER TO " + owner, "REVOKE USAGE ON SCHEMA public FROM PUBLIC",
                    "GRANT CREATE ON SCHEMA public TO PUBLIC",
                    "GRANT USAGE ON SCHEMA public TO " + reader + " WITH GRANT OPTION",
                    "CREATE TABLE plain (id int PRIMARY KEY)");
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), source.login())
                    .environment("qa", EngineFixture.database("orders", source.url(), MethodChoice.JDBC));
            new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
            String copy = TestServers.uniqueName();
            String withoutReader = TestServers.uniqueName();
            String acl = "SELECT nspowner::regrole::text, nspacl::text FROM pg_namespace WHERE nspname = 'public'";
            try {
                new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders").intoNew(copy));

                assertThat(PostgresSnapshot.withPrivileges(copy).schema())
                        .contains("GRANT CREATE ON SCHEMA public TO PUBLIC", "ALTER SCHEMA public OWNER TO " + owner)
                        .isEqualTo(PostgresSnapshot.withPrivileges(source.name()).schema());
                assertThat(Queries.rows(TestServers.postgresUrl(copy), TestServers.PG_USER, acl))
                        .isEqualTo(Queries.rows(source.url(), TestServers.PG_USER, acl));

                TestServers.execute(source.url(), TestServers.PG_USER, "DROP OWNED BY " + reader);
                TestServers.execute(TestServers.postgresUrl(copy), TestServers.PG_USER, "DROP OWNED BY " + reader);
                TestServers.execute(admin, TestServers.PG_USER, "DROP ROLE " + reader);
                assertThat(new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders")
                        .intoNew(withoutReader)).leftOut()).anyMatch(n -> n.contains("schema public for"));
                assertThat(Queries.rows(TestServers.postgresUrl(withoutReader), TestServers.PG_USER,
                        "SELECT has_schema_privilege('public', 'public', 'CREATE')")).containsExactly("t");
            } finally {
                TestServers.dropPostgres(copy);
                TestServers.dropPostgres(withoutReader);
            }
        } finally {
            TestServers.execute(admin, TestServers.PG_USER, "DROP ROLE IF EXISTS " + reader);
            TestServers.execute(admin, TestServers.PG_USER, "DROP ROLE IF EXISTS " + owner);
        }
    }

    @Test
    public void shouldRestoreTheCommentOfThePublicSchemaWhereItIsTheDatabasesOwn() {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            // As sakila's and pagila's scripts do; pg_dump prints it, as every comment not the server's own.
            source.execute("COMMENT ON SCHEMA public IS 'Standard public schema'",
                    "CREATE TABLE plain (id int PRIMARY KEY)");
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), source.login())
                    .environment("qa", EngineFixture.database("orders", source.url(), MethodChoice.JDBC));
            new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
            String copy = TestServers.uniqueName();
            try {
                new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders").intoNew(copy));

                assertThat(PostgresSnapshot.of(copy, source).schema())
                        .contains("COMMENT ON SCHEMA public IS 'Standard public schema'")
                        .isEqualTo(PostgresSnapshot.of(source).schema());
            } finally {
                TestServers.dropPostgres(copy);
            }
        }
    }

    /**
     * Tables split by inheritance, as sakila's and the older pagila's payments are: children with checks of their
     * own, a grandchild, a child of two parents, rows in the parent too, a rule that sends the parent's inserts to a
     * child, and a check added to the parent NOT VALID over a child's row that breaks it. Each table keeps its own
     * rows (a parent's are not its children's again), and every link comes back in its order.
     */
    @Test
    public void shouldRestoreTablesThatInheritLinkedToTheirParentsEachWithItsOwnRows() {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            source.execute("CREATE TABLE payment (id serial PRIMARY KEY, amount numeric(7,2) NOT NULL"
                            + " CHECK (amount >= 0), paid date NOT NULL)",
                    "CREATE TABLE payment_2007 (CONSTRAINT in_2007 CHECK (paid >= '2007-01-01'"
                            + " AND paid < '2008-01-01')) INHERITS (payment)",
                    "CREATE TABLE payment_2008 (note text, CONSTRAINT in_2008 CHECK (paid >= '2008-01-01'))"
                            + " INHERITS (payment)",
                    "CREATE TABLE payment_2008_q1 (CHECK (paid < '2008-04-01')) INHERITS (payment_2008)",
                    "CREATE TABLE audited (changed_by text NOT NULL DEFAULT 'system')",
                    "CREATE TABLE refund (reason text) INHERITS (payment, audited)",
                    "CREATE RULE payment_2007_insert AS ON INSERT TO payment WHERE new.paid >= '2007-01-01'"
                            + " AND new.paid < '2008-01-01' DO INSTEAD INSERT INTO payment_2007 VALUES (new.*)",
                    "INSERT INTO payment (amount, paid) VALUES (1.50, '2006-05-01'), (2.50, '2006-06-01')",
                    "INSERT INTO payment (amount, paid) SELECT g, DATE '2007-01-01' + g FROM generate_series(1, 300) g",
                    "INSERT INTO payment_2008 (amount, paid, note) VALUES (5000, '2008-07-01', 'big')",
                    "INSERT INTO payment_2008_q1 (amount, paid, note) VALUES (3, '2008-02-01', NULL)",
                    "INSERT INTO refund (amount, paid, reason) VALUES (1.50, '2006-05-02', 'twice')",
                    "ALTER TABLE payment ADD CONSTRAINT below_1000 CHECK (amount < 1000) NOT VALID");
            String copy = restoredCopy(source);
            try {

                String links = "SELECT inhrelid::regclass || ' ' || inhparent::regclass || ' ' || inhseqno"
                        + " FROM pg_inherits ORDER BY 1";
                String own = "SELECT 'payment ' || (SELECT count(*) FROM ONLY payment) || ' 2007 '"
                        + " || (SELECT count(*) FROM ONLY payment_2007) || ' 2008 '"
                        + " || (SELECT count(*) FROM ONLY payment_2008) || ' all ' || (SELECT count(*) FROM payment)";
                // Whether each check holds and how many parents it comes from: only PostgreSQL's flag of a column
                // or check being the child's own as well differs (see docs/methods.md).
                String checks = "SELECT conrelid::regclass || ' ' || conname || ' ' || convalidated || ' '"
                        + " || coninhcount FROM pg_constraint WHERE contype = 'c' ORDER BY 1";
                String url = TestServers.postgresUrl(copy);
                assertThat(Queries.rows(url, TestServers.PG_USER, links))
                        .contains("refund payment 1", "refund audited 2", "payment_2008_q1 payment_2008 1")
                        .isEqualTo(Queries.rows(source.url(), TestServers.PG_USER, links));
                assertThat(Queries.rows(url, TestServers.PG_USER, own)).containsExactly("payment 2 2007 300 2008 1 all 305")
                        .isEqualTo(Queries.rows(source.url(), TestServers.PG_USER, own));
                assertThat(Queries.rows(url, TestServers.PG_USER, checks))
                        .contains("payment_2008 below_1000 false 1")
                        .isEqualTo(Queries.rows(source.url(), TestServers.PG_USER, checks));
                assertThat(PostgresSnapshot.tableChecksums(copy)).isEqualTo(PostgresSnapshot.tableChecksums(source.name()));
                // The rule came back after the rows, and the link: the parent's new 2007 rows go to the child.
                TestServers.execute(url, TestServers.PG_USER,
                        "INSERT INTO payment (amount, paid) VALUES (7, '2007-12-31')");
                assertThat(Queries.rows(url, TestServers.PG_USER, own)).containsExactly("payment 2 2007 301 2008 1 all 306");
                assertThatThrownBy(() -> TestServers.execute(url, TestServers.PG_USER,
                        "INSERT INTO payment_2008_q1 (amount, paid) VALUES (2000, '2008-03-01')"))
                        .hasMessageContaining("below_1000");
            } finally {
                TestServers.dropPostgres(copy);
            }
        }
    }

    /**
     * Constraints added NOT VALID over rows that break them: a check, a foreign key, a domain's check. The copy holds
     * the rows and the constraints, still not validated, as pg_dump writes them after the rows; its constraints
     * refuse new rows that break them.
     */
    @Test
    public void shouldRestoreConstraintsNotYetValidatedOverTheRowsThatBreakThem() {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            source.execute(NOT_VALIDATED);
            String copy = restoredCopy(source);
            try {

                assertNotValidatedAlike(source, copy);
            } finally {
                TestServers.dropPostgres(copy);
            }
        }
    }

    /** Constraints added NOT VALID over rows that break them; shared with the native method's tests. */
    public static final String[] NOT_VALIDATED = {
        "CREATE DOMAIN small AS int",
        "CREATE TABLE parent (id int PRIMARY KEY)",
        "CREATE TABLE child (id int PRIMARY KEY, parent int, a int, n small)",
        "INSERT INTO parent VALUES (1)",
        "INSERT INTO child VALUES (1, 1, 5, 5), (2, 99, -5, 50)",
        "ALTER TABLE child ADD CONSTRAINT of_parent FOREIGN KEY (parent) REFERENCES parent NOT VALID",
        "ALTER TABLE child ADD CONSTRAINT positive CHECK (a > 0) NOT VALID",
        "ALTER DOMAIN small ADD CONSTRAINT below_ten CHECK (VALUE < 10) NOT VALID",
        "COMMENT ON CONSTRAINT below_ten ON DOMAIN small IS 'not for the old rows'"};

    /** {@code copy} is {@code source} of {@link #NOT_VALIDATED}, constraints not validated and acting on new rows. */
    public static void assertNotValidatedAlike(TestDatabase source, String copy) {
        PostgresSnapshot restored = PostgresSnapshot.of(copy, source);
        PostgresSnapshot original = PostgresSnapshot.of(source);
        assertThat(restored.schema()).contains("CHECK ((a > 0)) NOT VALID", "REFERENCES public.parent(id) NOT VALID",
                "CHECK ((VALUE < 10)) NOT VALID").isEqualTo(original.schema());
        assertThat(restored.tables()).isEqualTo(original.tables());
        String url = TestServers.postgresUrl(copy);
        assertThat(Queries.rows(url, TestServers.PG_USER, "SELECT parent, a, n FROM child ORDER BY id"))
                .containsExactly("1", "5", "5", "99", "-5", "50");
        assertThat(Queries.rows(url, TestServers.PG_USER, "SELECT conname FROM pg_constraint WHERE NOT convalidated"
                + " ORDER BY 1")).containsExactly("below_ten", "of_parent", "positive");
        for (String breaking : List.of("(3, 1, -1, 1)", "(3, 42, 1, 1)", "(3, 1, 1, 11)")) {
            assertThatThrownBy(() -> TestServers.execute(url, TestServers.PG_USER, "INSERT INTO child VALUES "
                    + breaking)).as(breaking).hasMessageContaining("violates");
        }
    }

    /**
     * Sequences a column owns without taking its values from them come back under their own names, with their
     * options, owner column and position, beside the sequence that does give the column its values.
     */
    @Test
    public void shouldRestoreEverySequenceAColumnOwnsUnderItsOwnName() {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            source.execute("CREATE SCHEMA app",
                    // Serial, then identity: the column owns its identity's sequence (t1_id_seq1, as the default
                    // name is taken) and the serial's, which nothing uses any more.
                    "CREATE TABLE app.t1 (id serial, v text)",
                    "INSERT INTO app.t1 (v) VALUES ('a'), ('b'), ('c')",
                    "ALTER TABLE app.t1 ALTER COLUMN id DROP DEFAULT",
                    "ALTER TABLE app.t1 ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (START WITH 50"
                            + " INCREMENT BY 2 CACHE 4)",
                    "INSERT INTO app.t1 (v) VALUES ('d')",
                    // An identity whose sequence has a name of its own.
                    "CREATE TABLE app.t2 (id bigint GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME app.t2_numbers"
                            + " START WITH 10), v text)",
                    "INSERT INTO app.t2 (v) VALUES ('a'), ('b')",
                    // A serial column that owns a second sequence too.
                    "CREATE TABLE app.t3 (id serial PRIMARY KEY, v text)",
                    "CREATE SEQUENCE app.t3_spare START WITH 7 MAXVALUE 1000 CYCLE OWNED BY app.t3.id",
                    "SELECT nextval('app.t3_spare')",
                    "INSERT INTO app.t3 (v) VALUES ('a')",
                    // Columns owning a sequence their default does not call: another sequence, or no default.
                    "CREATE SEQUENCE app.shared",
                    "CREATE TABLE app.t4 (n bigint DEFAULT nextval('app.shared'), m int)",
                    "CREATE SEQUENCE app.t4_n_seq AS smallint OWNED BY app.t4.n",
                    "CREATE SEQUENCE app.t4_m_seq INCREMENT BY -1 OWNED BY app.t4.m",
                    "SELECT nextval('app.t4_m_seq')",
                    "INSERT INTO app.t4 (m) VALUES (1), (2)");
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), source.login())
                    .environment("qa", EngineFixture.database("orders", source.url(), MethodChoice.JDBC));

            BackupResult backup = new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));

            assertThat(backup.manifest().notCarried()).isEmpty();
            String copy = TestServers.uniqueName();
            try {
                new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders").intoNew(copy));

                PostgresSnapshot restored = PostgresSnapshot.of(copy, source);
                PostgresSnapshot original = PostgresSnapshot.of(source);
                assertThat(restored.schema()).contains("SEQUENCE NAME app.t1_id_seq1", "SEQUENCE NAME app.t2_numbers",
                        "ALTER SEQUENCE app.t1_id_seq OWNED BY app.t1.id",
                        "ALTER SEQUENCE app.t3_spare OWNED BY app.t3.id",
                        "ALTER SEQUENCE app.t4_n_seq OWNED BY app.t4.n").isEqualTo(original.schema());
                assertThat(restored.tables()).isEqualTo(original.tables());
                // Each sequence goes on where the source's does.
                String url = TestServers.postgresUrl(copy);
                String next = "SELECT nextval('app.t1_id_seq'), nextval('app.t1_id_seq1'), nextval('app.t2_numbers'),"
                        + " nextval('app.t3_id_seq'), nextval('app.t3_spare'), nextval('app.shared'),"
                        + " nextval('app.t4_n_seq'), nextval('app.t4_m_seq')";
                assertThat(Queries.rows(url, TestServers.PG_USER, next))
                        .isEqualTo(Queries.rows(source.url(), TestServers.PG_USER, next));
                String insert = "INSERT INTO app.t1 (v) VALUES ('e') RETURNING id";
                assertThat(Queries.rows(url, TestServers.PG_USER, insert))
                        .isEqualTo(Queries.rows(source.url(), TestServers.PG_USER, insert));
            } finally {
                TestServers.dropPostgres(copy);
            }
        }
    }

    /**
     * Identity columns whose start lies outside the bound a sequence takes by default: one counting down from 5
     * (whose default MAXVALUE is -1), one counting up from -10 (whose default MINVALUE is 1).
     */
    @Test
    public void shouldRestoreIdentityColumnsStartingOutsideTheDefaultBounds() {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            source.execute("CREATE TABLE down (id int GENERATED BY DEFAULT AS IDENTITY (START WITH 5 INCREMENT BY -1"
                            + " MINVALUE -100 MAXVALUE 5) PRIMARY KEY, v text)",
                    "INSERT INTO down (v) VALUES ('a'), ('b')",
                    "CREATE TABLE up (id bigint GENERATED ALWAYS AS IDENTITY (START WITH -10 MINVALUE -20), v text)",
                    "INSERT INTO up (v) VALUES ('a')");
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), source.login())
                    .environment("qa", EngineFixture.database("orders", source.url(), MethodChoice.JDBC));
            new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
            String copy = TestServers.uniqueName();
            try {
                new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders").intoNew(copy));

                PostgresSnapshot restored = PostgresSnapshot.of(copy, source);
                assertThat(restored.schema()).isEqualTo(PostgresSnapshot.of(source).schema());
                assertThat(restored.tables()).isEqualTo(PostgresSnapshot.of(source).tables());
                String next = "SELECT nextval('down_id_seq'), nextval('up_id_seq')";
                assertThat(Queries.rows(TestServers.postgresUrl(copy), TestServers.PG_USER, next))
                        .isEqualTo(Queries.rows(source.url(), TestServers.PG_USER, next));
            } finally {
                TestServers.dropPostgres(copy);
            }
        }
    }

    /**
     * Extensions installed into a schema of their own, whose types and functions the tables name there, one
     * requiring another installed elsewhere, and an extension's comment the database changed.
     */
    @Test
    public void shouldRestoreExtensionsIntoTheirOwnSchemas() {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            source.execute("CREATE SCHEMA ext", "CREATE SCHEMA geo",
                    "CREATE EXTENSION hstore SCHEMA ext",
                    "CREATE EXTENSION cube SCHEMA geo",
                    "CREATE EXTENSION earthdistance SCHEMA public",
                    "COMMENT ON EXTENSION hstore IS 'key/value pairs of our own'",
                    "CREATE TABLE t (id int PRIMARY KEY, attrs ext.hstore, place geo.cube,"
                            + " tag ext.hstore DEFAULT ext.hstore('k', 'v'))",
                    "CREATE INDEX t_attrs ON t USING gin (attrs)",
                    "INSERT INTO t (id, attrs, place) VALUES (1, 'a=>1, b=>NULL', '(1,2)'), (2, NULL, NULL)");
            String copy = restoredCopy(source);
            try {

                PostgresSnapshot restored = PostgresSnapshot.of(copy, source);
                assertThat(restored.schema()).contains("CREATE EXTENSION IF NOT EXISTS hstore WITH SCHEMA ext",
                        "COMMENT ON EXTENSION hstore IS 'key/value pairs of our own'")
                        .isEqualTo(PostgresSnapshot.of(source).schema());
                assertThat(restored.tables()).isEqualTo(PostgresSnapshot.of(source).tables());
            } finally {
                TestServers.dropPostgres(copy);
            }
        }
    }

    @Test
    public void shouldRestoreCompositeTypesInTheOrderTheyUseEachOther() {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            source.execute("CREATE SCHEMA app",
                    // Named so that alphabetical order would create the user before the type it uses.
                    "CREATE TYPE app.zpair AS (a int, b text COLLATE \"C\", n numeric(6,2))",
                    "CREATE TYPE app.box AS (p app.zpair, ps app.zpair[], tags text[])",
                    "CREATE TYPE app.nothing AS ()",
                    "COMMENT ON TYPE app.box IS 'a box, with ''quotes'''",
                    "CREATE TABLE app.things (id int PRIMARY KEY, p app.zpair, b app.box, ps app.zpair[])",
                    "INSERT INTO app.things VALUES (1, ROW(1, 'x, \"y\" (z)', 1.5), ROW(ROW(2, NULL, NULL),"
                            + " ARRAY[ROW(3, 'a', 0)::app.zpair, NULL], ARRAY['t,1', NULL]),"
                            + " ARRAY[ROW(4, '', -1)::app.zpair]),"
                            + " (2, NULL, NULL, NULL), (3, ROW(NULL, NULL, NULL), ROW(NULL, NULL, NULL), '{}')");
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), source.login())
                    .environment("qa", EngineFixture.database("orders", source.url(), MethodChoice.JDBC));

            BackupResult backup = new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));

            assertThat(backup.manifest().notCarried()).isEmpty();
            assertThat(backup.manifest().toolVersion()).isIn("format 4", "format 5");
            String copy = TestServers.uniqueName();
            try {
                new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders").intoNew(copy));

                PostgresSnapshot restored = PostgresSnapshot.of(copy, source);
                PostgresSnapshot original = PostgresSnapshot.of(source);
                assertThat(restored.schema()).contains("CREATE TYPE app.box AS").isEqualTo(original.schema());
                assertThat(restored.tables()).isEqualTo(original.tables());
            } finally {
                TestServers.dropPostgres(copy);
            }
        }
    }

    @Test
    public void shouldRefuseACompositeTypeOfATablesRowTypeBeforeWriting() {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            source.execute("CREATE TABLE items (id int PRIMARY KEY)", "CREATE TYPE wrapped AS (item items)",
                    "CREATE TYPE outer_wrap AS (w wrapped)", "CREATE TYPE fine AS (a int)");
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), source.login())
                    .environment("qa", EngineFixture.database("orders", source.url(), MethodChoice.JDBC));

            RunbookException refused = catchThrowableOfType(() -> new BackupOperation(fixture.context())
                    .run(new BackupRequest("qa", "orders", null)), RunbookException.class);

            assertThat(refused).isNotNull();
            assertThat(refused.kind()).isEqualTo(ErrorKind.NOT_CARRIED);
            assertThat(refused.getMessage()).contains("composite type public.wrapped",
                    "composite type public.outer_wrap").doesNotContain("public.fine");
        }
    }

    @Test
    public void shouldReadOnlyTheParentsOwnRowsWhereTheParentIsReadWithSelect() {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            // The parent is read with SELECT (its generated column keeps it from COPY), which without ONLY would
            // return the child's rows too.
            source.execute("CREATE TABLE parent (id int, twice int GENERATED ALWAYS AS (id * 2) STORED)",
                    "CREATE TABLE child (extra text) INHERITS (parent)",
                    "INSERT INTO parent (id) VALUES (1)", "INSERT INTO child (id, extra) VALUES (2, 'c'), (3, 'd')");
            String copy = restoredCopy(source);
            try {
                String url = TestServers.postgresUrl(copy);
                assertThat(Queries.rows(url, TestServers.PG_USER, "SELECT id, twice FROM ONLY parent ORDER BY id"))
                        .containsExactly("1", "2");
                assertThat(Queries.rows(url, TestServers.PG_USER, "SELECT id, twice FROM parent ORDER BY id"))
                        .containsExactly("1", "2", "2", "4", "3", "6");
            } finally {
                TestServers.dropPostgres(copy);
            }
        }
    }

    /**
     * A sequence another column's default calls besides its serial column's: two tables sharing one, as the
     * children of an inheritance parent with a serial key do. It used to come back as the serial column's identity,
     * which could not be turned back into a serial with the other default on it.
     */
    @Test
    public void shouldRestoreASerialSequenceThatAnotherTablesDefaultCallsToo() {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            source.execute("CREATE TABLE invoice (id serial PRIMARY KEY, total numeric(9,2))",
                    "CREATE TABLE credit_note (id int PRIMARY KEY DEFAULT nextval('invoice_id_seq'), total numeric(9,2),"
                            + " twice int DEFAULT nextval('invoice_id_seq'))",
                    "INSERT INTO invoice (total) VALUES (10), (20)", "INSERT INTO credit_note (total) VALUES (-5)");
            String copy = restoredCopy(source);
            try {
                assertThat(PostgresSnapshot.of(copy, source)).isEqualTo(PostgresSnapshot.of(source));
                String url = TestServers.postgresUrl(copy);
                TestServers.execute(url, TestServers.PG_USER, "INSERT INTO invoice (total) VALUES (30)",
                        "INSERT INTO credit_note (total) VALUES (-1)");
                assertThat(Queries.rows(url, TestServers.PG_USER, "SELECT max(id) FROM invoice")).containsExactly("5");
                assertThat(Queries.rows(url, TestServers.PG_USER, "SELECT id, twice FROM credit_note ORDER BY id"))
                        .containsExactly("3", "4", "6", "7");
            } finally {
                TestServers.dropPostgres(copy);
            }
        }
    }

    /** Every kind of object an application schema holds, each in a form that has tripped restores up. */
    private static String[] everyKind(String owner, String reader) {
        return new String[] {
            "CREATE EXTENSION btree_gist",
            "CREATE EXTENSION citext",
            "CREATE SCHEMA app",
            "CREATE COLLATION app.nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false)",
            "CREATE COLLATION app.c_like (provider = libc, lc_collate = 'C', lc_ctype = 'C')",
            "CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy')",
            "CREATE DOMAIN app.positive AS int CONSTRAINT positive_check CHECK (VALUE > 0)",
            "CREATE DOMAIN app.small_positive AS int CONSTRAINT above CHECK (VALUE > 0)"
                    + " CONSTRAINT below CHECK (VALUE < 100)",
            "CREATE TYPE app.pair AS (a int, b text)",
            "CREATE TYPE app.floatrange AS RANGE (subtype = float8, subtype_diff = float8mi)",
            "CREATE FUNCTION app.is_even(v int) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT v % 2 = 0'",
            "CREATE DOMAIN app.even AS int CHECK (app.is_even(VALUE))",
            "CREATE FUNCTION app.twice(v int) RETURNS int LANGUAGE sql IMMUTABLE RETURN v * 2",
            // Partitioned, with default partitions, a sub-partitioned one, and a key and an index on the parent.
            "CREATE TABLE app.events (id int NOT NULL, at date NOT NULL, kind text COLLATE app.c_like,"
                    + " amount numeric(10,2) DEFAULT 0, doubled int GENERATED ALWAYS AS (app.twice(id)) STORED,"
                    + " CONSTRAINT events_amount CHECK (amount >= 0)) PARTITION BY RANGE (at)",
            "CREATE TABLE app.events_2024 PARTITION OF app.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
            "CREATE TABLE app.events_2025 PARTITION OF app.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')"
                    + " PARTITION BY RANGE (id)",
            "CREATE TABLE app.events_2025_a PARTITION OF app.events_2025 FOR VALUES FROM (0) TO (200)",
            "CREATE TABLE app.events_2025_rest PARTITION OF app.events_2025 DEFAULT",
            "CREATE TABLE app.events_other PARTITION OF app.events DEFAULT",
            "ALTER TABLE app.events ADD PRIMARY KEY (id, at)",
            "CREATE INDEX events_kind ON app.events (kind)",
            "CREATE TABLE app.accounts (id int GENERATED ALWAYS AS IDENTITY (START WITH 100 INCREMENT BY 5"
                    + " MINVALUE 100 MAXVALUE 100000 CACHE 3) PRIMARY KEY, name text COLLATE app.nocase NOT NULL,"
                    + " email citext, mood app.mood, balance app.positive, level app.small_positive,"
                    + " slot app.even, spot app.pair, span app.floatrange, during tsrange,"
                    + " owner_name text DEFAULT current_user)",
            "ALTER TABLE app.accounts ADD CONSTRAINT accounts_name_key UNIQUE (name) DEFERRABLE INITIALLY DEFERRED",
            "ALTER TABLE app.accounts ADD CONSTRAINT no_overlap EXCLUDE USING gist (id WITH =, during WITH &&)",
            "CREATE TABLE app.entries (id bigserial PRIMARY KEY, account int REFERENCES app.accounts"
                    + " DEFERRABLE INITIALLY IMMEDIATE, note text)",
            "CREATE TABLE app.audit (at timestamptz DEFAULT now(), what text)",
            "CREATE FUNCTION app.log_entry() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN"
                    + " INSERT INTO app.audit (what) VALUES (TG_OP || ' ' || NEW.id); RETURN NEW; END$$",
            "CREATE TRIGGER entries_log AFTER INSERT ON app.entries FOR EACH ROW EXECUTE FUNCTION app.log_entry()",
            "CREATE TRIGGER entries_quiet BEFORE UPDATE ON app.entries FOR EACH ROW EXECUTE FUNCTION"
                    + " app.log_entry()",
            "ALTER TABLE app.entries DISABLE TRIGGER entries_quiet",
            "CREATE PROCEDURE app.add_entry(who int, what text) LANGUAGE sql"
                    + " AS $$INSERT INTO app.entries (account, note) VALUES (who, what)$$",
            "CREATE FUNCTION app.rich(min_balance int) RETURNS SETOF app.accounts LANGUAGE sql STABLE"
                    + " AS 'SELECT * FROM app.accounts WHERE balance >= min_balance'",
            "CREATE VIEW app.rich_accounts AS SELECT id, name FROM app.rich(10)",
            "CREATE VIEW app.rich_names WITH (security_barrier) AS SELECT name FROM app.rich_accounts"
                    + " WHERE id > 100",
            "CREATE VIEW app.happy AS SELECT id, mood FROM app.accounts WHERE mood = 'happy'"
                    + " WITH LOCAL CHECK OPTION",
            "CREATE RULE entries_no_delete AS ON DELETE TO app.entries DO INSTEAD NOTHING",
            "ALTER TABLE app.accounts ENABLE ROW LEVEL SECURITY",
            "ALTER TABLE app.accounts FORCE ROW LEVEL SECURITY",
            "CREATE POLICY own_rows ON app.accounts AS PERMISSIVE FOR SELECT TO " + reader
                    + " USING (owner_name = current_user)",
            "CREATE POLICY no_sad ON app.accounts AS RESTRICTIVE FOR INSERT TO PUBLIC WITH CHECK (mood <> 'sad')",
            "COMMENT ON SCHEMA app IS 'the application'",
            "COMMENT ON FUNCTION app.twice(int) IS 'twice, with ''quotes'''",
            "COMMENT ON VIEW app.rich_accounts IS 'who is rich'",
            "COMMENT ON TRIGGER entries_log ON app.entries IS 'logs'",
            "COMMENT ON CONSTRAINT no_overlap ON app.accounts IS 'one at a time'",
            "COMMENT ON POLICY no_sad ON app.accounts IS 'cheer up'",
            "COMMENT ON TYPE app.mood IS 'how it feels'",
            "COMMENT ON DOMAIN app.positive IS 'above zero'",
            "COMMENT ON TABLE app.events IS 'partitioned'",
            "COMMENT ON COLUMN app.events.kind IS 'what happened'",
            "COMMENT ON INDEX app.events_kind IS 'by kind'",
            "COMMENT ON COLLATION app.nocase IS 'case-insensitive'",
            "ALTER TABLE app.entries OWNER TO " + owner,
            "ALTER FUNCTION app.twice(int) OWNER TO " + owner,
            "ALTER VIEW app.rich_accounts OWNER TO " + owner,
            "REVOKE ALL ON FUNCTION app.rich(int) FROM PUBLIC",
            "GRANT SELECT, INSERT ON app.accounts TO " + reader + " WITH GRANT OPTION",
            "GRANT SELECT (id, note) ON app.entries TO " + reader,
            "GRANT USAGE ON SCHEMA app TO " + reader,
            "GRANT EXECUTE ON FUNCTION app.rich(int) TO " + reader,
            "INSERT INTO app.accounts (name, email, mood, balance, level, slot, spot, span, during) VALUES"
                    + " ('Ann', 'Ann@x', 'happy', 50, 5, 2, ROW(1, 'a'), '[1.5,2.5)', '[2024-01-01,2024-02-01)'),"
                    + " ('bob', NULL, 'ok', 5, 99, 4, NULL, 'empty', NULL)",
            "INSERT INTO app.entries (account, note) VALUES (100, 'first'), (105, 'second'), (NULL, repeat('x', 60))",
            // Rows from before the check, which it was added without validating.
            "ALTER TABLE app.entries ADD CONSTRAINT note_short CHECK (length(note) < 50) NOT VALID",
            "CREATE MATERIALIZED VIEW app.totals AS SELECT account, count(*) AS n FROM app.entries GROUP BY account",
            "CREATE UNIQUE INDEX totals_account ON app.totals (account)",
            "CREATE MATERIALIZED VIEW app.totals_later AS SELECT account FROM app.totals WITH NO DATA",
            "COMMENT ON MATERIALIZED VIEW app.totals IS 'entries per account'",
            "GRANT SELECT ON app.totals TO " + reader,
            "INSERT INTO app.events (id, at, kind, amount) SELECT g, DATE '2024-01-01' + g * 3,"
                    + " (ARRAY['a', 'b', NULL])[g % 3 + 1], g * 1.5 FROM generate_series(1, 400) g"};
    }

    @Test
    public void shouldRestoreEveryKindOfObjectAnApplicationSchemaHoldsAsTheServerDefinedIt() {
        String owner = TestServers.uniqueName();
        String reader = TestServers.uniqueName();
        String admin = TestServers.postgresUrl("postgres");
        TestServers.execute(admin, TestServers.PG_USER, "CREATE ROLE " + owner, "CREATE ROLE " + reader);
        String copy = TestServers.uniqueName();
        String withoutReader = TestServers.uniqueName();
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            source.execute(everyKind(owner, reader));
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), source.login())
                    .environment("qa", EngineFixture.database("orders", source.url(), MethodChoice.JDBC));

            BackupResult backup = new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));

            assertThat(backup.manifest().notCarried()).isEmpty();
            assertThat(backup.manifest().toolVersion()).as("a version 3 reader must refuse it")
                    .isIn("format 4", "format 5");
            new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders").intoNew(copy));

            PostgresSnapshot original = PostgresSnapshot.withPrivileges(source.name());
            PostgresSnapshot restored = PostgresSnapshot.withPrivileges(copy);
            assertThat(restored.schema()).contains("PARTITION BY RANGE", "EXCLUDE USING gist", "CREATE POLICY",
                    "CREATE RULE", "CREATE TRIGGER", "ROW LEVEL SECURITY", "DEFERRABLE", "NOT VALID",
                    "CREATE MATERIALIZED VIEW", "GRANT SELECT", "OWNER TO " + owner, "CREATE COLLATION",
                    "AS RANGE", "CREATE PROCEDURE").isEqualTo(original.schema());
            assertThat(restored.tables()).isEqualTo(original.tables());
            String url = TestServers.postgresUrl(copy);
            // The populated materialized view is filled, the other is not; the identity goes on as the source's does.
            assertThat(Queries.rows(url, TestServers.PG_USER, "SELECT relname, relispopulated FROM pg_class"
                    + " WHERE relname LIKE 'totals%' AND relkind = 'm' ORDER BY 1"))
                    .containsExactly("totals", "t", "totals_later", "f");
            String insert = "INSERT INTO app.accounts (name, mood) VALUES ('cy', 'ok') RETURNING id";
            assertThat(Queries.rows(url, TestServers.PG_USER, insert))
                    .isEqualTo(Queries.rows(source.url(), TestServers.PG_USER, insert));

            // Within one server a missing role leaves out what needs it, and the restore says so.
            TestServers.execute(source.url(), TestServers.PG_USER, "DROP OWNED BY " + reader);
            TestServers.execute(url, TestServers.PG_USER, "DROP OWNED BY " + reader);
            TestServers.execute(admin, TestServers.PG_USER, "DROP ROLE " + reader);
            new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders").intoNew(withoutReader));
            // Each column's grant is named with its column, not twice alike.
            assertThat(fixture.listener.all()).contains("Roles " + reader + " do not exist on the target",
                    "grant", "grant table app.entries column id to \"" + reader + "\"",
                    "grant table app.entries column note to \"" + reader + "\"");
            assertThat(Queries.rows(TestServers.postgresUrl(withoutReader), TestServers.PG_USER,
                    "SELECT polname FROM pg_policy")).containsExactly("no_sad");
        } finally {
            TestServers.dropPostgres(copy);
            TestServers.dropPostgres(withoutReader);
            TestServers.execute(admin, TestServers.PG_USER, "DROP ROLE IF EXISTS " + owner,
                    "DROP ROLE IF EXISTS " + reader);
        }
    }
}
