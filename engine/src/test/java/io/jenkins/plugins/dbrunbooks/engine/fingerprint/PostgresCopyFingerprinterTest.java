package io.jenkins.plugins.dbrunbooks.engine.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.testing.ExternalTools;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.postgresql.PGConnection;

/**
 * The COPY fingerprints: each row's hash checked against its own COPY read alone, the same data in another
 * database (made by pg_dump, other oids, other settings) gives the same fingerprints, and a changed value does not.
 */
public class PostgresCopyFingerprinterTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /** Columns of types read in binary and in text, NULLs, out-of-line values, and a table with no column. */
    private static void load(TestDatabase db) {
        db.execute("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')",
                "CREATE TYPE pair AS (a int, b text)",
                "CREATE DOMAIN positive AS numeric CHECK (VALUE > 0)",
                "CREATE TABLE scalars (id int PRIMARY KEY, t text, n numeric, p positive, f float8, at timestamptz,"
                        + " d date, i interval, u uuid, j jsonb, b bytea, m mood, tags text[], ok bool, money money,"
                        + " net inet)",
                "INSERT INTO scalars SELECT g, CASE WHEN g % 5 = 0 THEN NULL ELSE 'row ' || g END, g * 1.50,"
                        + " g + 0.001, g / 3.0, TIMESTAMPTZ '2024-02-29 12:00+02' + g * INTERVAL '1 hour',"
                        + " DATE '2000-01-01' + g, g * INTERVAL '1 minute', md5(g::text)::uuid,"
                        + " jsonb_build_object('g', g, 'x', ARRAY[g, g]), decode(md5(g::text), 'hex'),"
                        + " (ARRAY['sad', 'ok', 'happy']::mood[])[1 + g % 3], ARRAY['a' || g, NULL], g % 2 = 0,"
                        + " g * 0.25, ('10.1.' || g % 200 || '.1')::inet FROM generate_series(1, 3000) g",
                // Enum arrays and composites are sent with oids that differ in a restored copy: read as text.
                "CREATE TABLE texty (id int, moods mood[], p pair, r int4range, at timestamptz)",
                "INSERT INTO texty SELECT g, ARRAY['ok', 'happy']::mood[], ROW(g, 'b' || g)::pair, int4range(g, g + 5),"
                        + " TIMESTAMPTZ '2024-06-01 00:00Z' + g * INTERVAL '1 day' FROM generate_series(1, 500) g",
                "CREATE TABLE big (id int, body text)",
                "INSERT INTO big SELECT g, (SELECT string_agg(md5(g || '.' || k), '') FROM generate_series(1, 300) k)"
                        + " FROM generate_series(1, 40) g",
                "CREATE TABLE generated (a int, b int GENERATED ALWAYS AS (a * 2) STORED)",
                "INSERT INTO generated SELECT g FROM generate_series(1, 10) g",
                "CREATE TABLE nothing ()",
                "INSERT INTO nothing SELECT FROM generate_series(1, 7)",
                "CREATE TABLE empty (a int)");
    }

    @Test
    public void shouldSumEachRowAsItsOwnCopyReadsIt() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            load(db);
            DataFingerprints taken;
            try (Connection c = db.connect()) {
                taken = new PostgresCopyFingerprinter().take(c);
            }
            assertThat(taken.scheme()).isEqualTo(PostgresCopyFingerprinter.SCHEME);
            assertThat(taken.tables().keySet()).containsExactlyInAnyOrder("public.scalars", "public.texty",
                    "public.big", "public.generated", "public.nothing", "public.empty");
            assertThat(taken.tables().get("public.empty")).isEqualTo(new TableFingerprint(0, "0000000000000000"));
            try (Connection c = db.connect()) {
                Set binary = new Set(new PostgresCopyFingerprinter().fromBinaryCopy(c));
                assertThat(binary.names).contains("public.scalars", "public.big", "public.generated",
                        "public.nothing").doesNotContain("public.texty");
                for (String table : List.of("scalars", "big", "nothing")) {
                    assertThat(taken.tables().get("public." + table)).as(table)
                            .isEqualTo(rowByRow(c, table, "*", true));
                }
                assertThat(taken.tables().get("public.texty")).isEqualTo(rowByRow(c, "texty", "*", false));
                // COPY leaves generated columns out; a restore computes them again.
                assertThat(taken.tables().get("public.generated")).isEqualTo(rowByRow(c, "generated", "a", true));
            }
        }
    }

    @Test
    public void shouldGiveTheSameFingerprintsForTheSameRowsElsewhere() throws Exception {
        ExternalTools.require("pg_dump");
        try (TestDatabase source = TestServers.newPostgresDatabase();
                TestDatabase copy = TestServers.newPostgresDatabase()) {
            load(source);
            // Other oids for the enum and composite types, other session defaults for text output.
            copy.execute("CREATE TYPE filler AS ENUM ('x')", "CREATE TYPE filler2 AS (x int)",
                    "ALTER DATABASE " + copy.name() + " SET TimeZone = 'Pacific/Chatham'",
                    "ALTER DATABASE " + copy.name() + " SET DateStyle = 'SQL, DMY'",
                    "ALTER DATABASE " + copy.name() + " SET extra_float_digits = 0",
                    "ALTER DATABASE " + copy.name() + " SET bytea_output = 'escape'");
            Path dump = tmp.getRoot().toPath().resolve("source.sql");
            ExternalTools.sh(tmp.getRoot().toPath(), "pg_dump -h 127.0.0.1 -U postgres --no-owner -f '" + dump
                    + "' " + source.name() + " && psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres -d "
                    + copy.name() + " -f '" + dump + "'");
            copy.execute("DROP TYPE filler", "DROP TYPE filler2");
            DataFingerprints before;
            DataFingerprints after;
            try (Connection c = source.connect()) {
                before = new PostgresCopyFingerprinter().take(c);
            }
            try (Connection c = copy.connect(); Connection other = copy.connect()) {
                after = new PostgresCopyFingerprinter().take(List.of(c, other), null);
            }
            assertThat(after).isEqualTo(before);

            // One changed value in each form changes that table's checksum, not its count; in binary, even a
            // numeric's scale (3.00 was 2 * 1.50).
            copy.execute("UPDATE scalars SET n = 3.000 WHERE id = 2", "UPDATE texty SET p = ROW(1, 'c')::pair WHERE id = 1");
            try (Connection c = copy.connect()) {
                after = new PostgresCopyFingerprinter().take(List.of(c), List.of("public.scalars", "public.texty"));
            }
            assertThat(after.tables()).hasSize(2);
            for (String table : after.tables().keySet()) {
                assertThat(after.tables().get(table).rows()).isEqualTo(before.tables().get(table).rows());
                assertThat(after.tables().get(table).checksum()).isNotEqualTo(before.tables().get(table).checksum());
            }
        }
    }

    @Test
    public void shouldSumTheSameWhateverPiecesTheOutputArrivesIn() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            load(db);
            Random random = new Random(7);
            try (Connection c = db.connect()) {
                for (String table : List.of("scalars", "big", "nothing", "texty")) {
                    boolean binary = !table.equals("texty");
                    byte[] all = copyOut(c, "COPY " + table + " TO STDOUT" + (binary ? " (FORMAT binary)" : ""));
                    List<String> columns = columnsOf(c, table);
                    CopyRowSum whole = binary ? CopyRowSum.binary(columns) : CopyRowSum.text(columns);
                    whole.accept(all, 0, all.length);
                    CopyRowSum pieces = binary ? CopyRowSum.binary(columns) : CopyRowSum.text(columns);
                    for (int at = 0; at < all.length;) {
                        int n = Math.min(all.length - at, 1 + random.nextInt(random.nextBoolean() ? 3 : 5000));
                        pieces.accept(all, at, n);
                        at += n;
                    }
                    assertThat(pieces.finish()).as(table).isEqualTo(whole.finish());
                }
            }
        }
    }

    @Test
    public void shouldRefuseOutputCutShort() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            load(db);
            try (Connection c = db.connect()) {
                byte[] all = copyOut(c, "COPY scalars TO STDOUT (FORMAT binary)");
                CopyRowSum cut = CopyRowSum.binary(columnsOf(c, "scalars"));
                cut.accept(all, 0, all.length - 40);
                org.assertj.core.api.Assertions.assertThatThrownBy(cut::finish)
                        .hasMessageContaining("middle of a row");
            }
        }
    }

    /**
     * Every row read alone, by its ctid, its values in the order of the columns' names, and hashed as the scheme
     * says: each value's bytes (binary: after its length, NULL 0; text: between tabs), then the values' hashes.
     */
    private static TableFingerprint rowByRow(Connection c, String table, String columns, boolean binary)
            throws Exception {
        List<String> ctids = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT ctid FROM " + table)) {
            while (rs.next()) {
                ctids.add(rs.getString(1));
            }
        }
        String byName = columns;
        if (columns.equals("*")) {
            List<String> names = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT attname FROM pg_attribute"
                    + " WHERE attrelid = '" + table + "'::regclass AND attnum > 0 AND NOT attisdropped")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            names.sort(java.util.Comparator.naturalOrder());
            byName = String.join(", ", names.stream().map(n -> "\"" + n + "\"").toList());
        }
        long sum = 0;
        try (Statement s = c.createStatement()) {
            if (!binary) {
                s.execute("BEGIN");
                s.execute("SET LOCAL TimeZone = 'UTC'");
                s.execute("SET LOCAL DateStyle = 'ISO, YMD'");
                s.execute("SET LOCAL extra_float_digits = 3");
            }
            for (String ctid : ctids) {
                byte[] out = copyOut(c, "COPY (SELECT " + (byName.isEmpty() ? "" : byName) + " FROM " + table
                        + " WHERE ctid = '" + ctid + "') TO STDOUT" + (binary ? " (FORMAT binary)" : ""));
                java.nio.ByteBuffer hashes = java.nio.ByteBuffer.allocate(8 * 64)
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
                if (binary) {
                    java.nio.ByteBuffer tuple = java.nio.ByteBuffer.wrap(out, 19, out.length - 21);
                    int fields = tuple.getShort();
                    for (int f = 0; f < fields; f++) {
                        int length = tuple.getInt();
                        hashes.putLong(length < 0 ? 0 : Xxh64.hash(out, tuple.position(), length));
                        tuple.position(tuple.position() + Math.max(0, length));
                    }
                } else if (!byName.isEmpty()) {
                    int start = 0;
                    for (int i = 0; i < out.length; i++) {
                        if (out[i] == '\t' || out[i] == '\n') {
                            hashes.putLong(Xxh64.hash(out, start, i - start));
                            start = i + 1;
                        }
                    }
                }
                sum += Xxh64.hash(hashes.array(), 0, hashes.position());
            }
            if (!binary) {
                s.execute("COMMIT");
            }
        }
        return new TableFingerprint(ctids.size(), RowSum.hex(sum));
    }

    private static List<String> columnsOf(Connection c, String table) throws Exception {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT attname FROM pg_attribute"
                + " WHERE attrelid = '" + table + "'::regclass AND attnum > 0 AND NOT attisdropped"
                + " AND attgenerated = '' ORDER BY attnum")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /**
     * The same rows with the columns laid out in another order, as a restore does to an inheritance child whose
     * parent gained a column after it was made, give the same fingerprints.
     */
    @Test
    public void shouldNotDependOnTheOrderOfTheColumns() throws Exception {
        try (TestDatabase one = TestServers.newPostgresDatabase(); TestDatabase other = TestServers.newPostgresDatabase()) {
            one.execute("CREATE TABLE parent (a int)", "CREATE TABLE child (z text) INHERITS (parent)",
                    "ALTER TABLE parent ADD COLUMN b numeric",
                    "INSERT INTO child (a, z, b) SELECT g, 'z' || g, g / 7.0 FROM generate_series(1, 300) g",
                    "CREATE TABLE mixed (p point, a int, t text)",
                    "INSERT INTO mixed SELECT point(g, g), g, 't' || g FROM generate_series(1, 50) g");
            other.execute("CREATE TABLE parent (a int, b numeric)", "CREATE TABLE child (z text) INHERITS (parent)",
                    "INSERT INTO child (a, z, b) SELECT g, 'z' || g, g / 7.0 FROM generate_series(1, 300) g",
                    "CREATE TABLE mixed (t text, p point, a int)",
                    "INSERT INTO mixed (p, a, t) SELECT point(g, g), g, 't' || g FROM generate_series(1, 50) g");
            try (Connection a = one.connect(); Connection b = other.connect()) {
                assertThat(columnsOf(a, "child")).containsExactly("a", "z", "b");
                assertThat(columnsOf(b, "child")).containsExactly("a", "b", "z");
                DataFingerprints left = new PostgresCopyFingerprinter().take(a);
                assertThat(left.tables().get("public.child").rows()).isEqualTo(300);
                assertThat(new PostgresCopyFingerprinter().take(b)).isEqualTo(left);
            }
        }
    }

    private static byte[] copyOut(Connection c, String sql) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, out);
        return out.toByteArray();
    }

    /** A plain holder, so the assertion reads as a set of names. */
    private record Set(java.util.Set<String> names) {
    }
}
