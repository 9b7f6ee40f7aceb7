package io.jenkins.plugins.dbrunbooks.engine.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class PostgresFingerprinterTest {

    @Test
    public void shouldSumManyTablesInBatchesAsEachOnItsOwn() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            List<String> statements = new ArrayList<>(List.of("CREATE SCHEMA \"Odd \"\"schema\""));
            for (int i = 1; i <= 120; i++) {
                String table = i % 7 == 0 ? "\"Odd \"\"schema\".\"T " + i + "\"" : "public.t" + i;
                statements.add("CREATE TABLE " + table + " (id int, v text)");
                statements.add("INSERT INTO " + table + " SELECT g, md5((g * " + i + ")::text) FROM"
                        + " generate_series(1, " + (i % 10) + ") g");
            }
            db.execute(statements.toArray(String[]::new));

            DataFingerprints batched;
            try (Connection c = db.connect()) {
                batched = new PostgresFingerprinter().take(c);
            }

            assertThat(batched.tables()).hasSize(120);
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                for (int i = 1; i <= 120; i++) {
                    String name = i % 7 == 0 ? "Odd \"schema.T " + i : "public.t" + i;
                    String table = i % 7 == 0 ? "\"Odd \"\"schema\".\"T " + i + "\"" : "public.t" + i;
                    try (ResultSet rs = s.executeQuery("SELECT count(*), sum(('x' || substr(md5(ROW(t.*)::text),"
                            + " 1, 16))::bit(64)::bigint::numeric)::text FROM ONLY " + table + " t")) {
                        rs.next();
                        assertThat(batched.tables().get(name)).as(name).isEqualTo(
                                new TableFingerprint(rs.getLong(1), RowSum.fromServer(rs.getString(2))));
                    }
                }
            }
            assertThat(batched.tables().get("public.t10").rows()).isZero();
            assertThat(batched.tables().get("public.t9").rows()).isEqualTo(9);
        }
    }
}
