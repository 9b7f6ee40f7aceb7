package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.artifact.EngineOnlyValues;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.util.Arrays;
import java.util.List;
import org.junit.Test;
import org.postgresql.PGConnection;

/**
 * The watch over binary COPY output finds the columns holding values another engine lacks from PostgreSQL's own
 * output, whatever the pieces it arrives in, and nothing in columns whose values every engine holds.
 */
public class PostgresOnlyValuesTest {
    private static final List<String> FORMS = List.of("int4", "text", "date", "timestamp", "timestamptz", "float4",
            "float8", "numeric", "_date", "_numeric", "_float8", "date", "float8", "numeric", "_timestamptz");

    @Test
    public void shouldFindEachKindInPiecesOfAnySize() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            db.execute("CREATE TABLE t (id int, note text, d date, ts timestamp, tz timestamptz, f real,"
                    + " g double precision, n numeric, days date[], ns numeric[], gs double precision[],"
                    + " fine_d date, fine_g double precision, fine_n numeric, fine_tzs timestamptz[])",
                    "INSERT INTO t SELECT i, repeat('x', i * 10), '2024-01-01'::date + i, NULL, now(), i, i / 3.0,"
                            + " i * 1.5, ARRAY['2024-01-01'::date, NULL], '{1.5,NULL}', '{1e300}', '2024-01-01',"
                            + " 1e-300, 12345678901234567890.123, ARRAY[now()] FROM generate_series(1, 50) i",
                    "INSERT INTO t VALUES (51, NULL, 'infinity', '-infinity', NULL, 'NaN', NULL, '-Infinity',"
                            + " '{2024-01-01,NULL,-infinity}', '{1,NaN}', '{1,-Infinity}', NULL, NULL, NULL, NULL),"
                            + " (52, 'y', NULL, NULL, 'infinity', NULL, 'Infinity', NULL, NULL, NULL, NULL, NULL,"
                            + " NULL, NULL, NULL)");
            byte[] copy = copyOut(db, "t");
            String[] expected = new String[FORMS.size()];
            expected[2] = EngineOnlyValues.INFINITE_DATE;
            expected[3] = EngineOnlyValues.INFINITE_DATE;
            expected[4] = EngineOnlyValues.INFINITE_DATE;
            expected[5] = EngineOnlyValues.FLOAT_NAN_OR_INFINITY;
            expected[6] = EngineOnlyValues.FLOAT_NAN_OR_INFINITY;
            expected[7] = EngineOnlyValues.NUMERIC_NAN_OR_INFINITY;
            expected[8] = EngineOnlyValues.INFINITE_DATE;
            expected[9] = EngineOnlyValues.NUMERIC_NAN_OR_INFINITY;
            expected[10] = EngineOnlyValues.FLOAT_NAN_OR_INFINITY;

            for (int piece : new int[] {copy.length, 1, 3, 7, 64}) {
                assertThat(found(copy, piece)).as("pieces of " + piece + " bytes").containsExactly(expected);
            }
        }
    }

    @Test
    public void shouldFindNothingInUsualValuesNorWatchATableWithoutSuchTypes() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            db.execute("CREATE TABLE t (id int, d date, g double precision, n numeric)",
                    "INSERT INTO t VALUES (1, '2024-01-01', 1e308, -0.0), (2, NULL, -1e-308, 0)");
            byte[] copy = copyOut(db, "t");
            String[] found = new String[4];
            PostgresOnlyValues watch = PostgresOnlyValues.inBinaryCopy(List.of("int4", "date", "float8", "numeric"),
                    found);
            watch.accept(copy, 0, copy.length);
            assertThat(found).containsOnlyNulls();
            assertThat(PostgresOnlyValues.inBinaryCopy(List.of("int4", "text", "bytea", "_int4"), new String[4]))
                    .isNull();
        }
    }

    private static String[] found(byte[] copy, int piece) {
        String[] found = new String[FORMS.size()];
        PostgresOnlyValues watch = PostgresOnlyValues.inBinaryCopy(FORMS, found);
        for (int at = 0; at < copy.length; at += piece) {
            byte[] part = Arrays.copyOfRange(copy, at, Math.min(copy.length, at + piece));
            watch.accept(part, 0, part.length);
        }
        return found;
    }

    private static byte[] copyOut(TestDatabase db, String table) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Connection c = db.connect()) {
            c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY " + table + " TO STDOUT (FORMAT binary)", out);
        }
        return out.toByteArray();
    }
}
