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

public class MariaDbFingerprinterTest {

    @Test
    public void shouldSumTheSameOnTwoConnectionsAsOnOne() throws Exception {
        try (TestDatabase db = TestServers.newMariaDbDatabase()) {
            List<String> statements = new ArrayList<>();
            for (int i = 1; i <= 7; i++) {
                statements.add("CREATE TABLE t" + i + " (id INT PRIMARY KEY, v VARCHAR(40), d DATETIME(3), n"
                        + " DOUBLE" + (i % 2 == 0 ? ", b BLOB" : "") + ")");
                statements.add("INSERT INTO t" + i + " (id, v, d, n) SELECT seq, MD5(seq * " + i + "),"
                        + " '2024-01-02 03:04:05.678' + INTERVAL seq SECOND, IF(seq % 3 = 0, NULL, seq / 7)"
                        + " FROM seq_1_to_" + (i * i * 40));
            }
            statements.add("CREATE TABLE `Mixed Case` (`odd ``name`` col` TEXT)");
            statements.add("INSERT INTO `Mixed Case` VALUES ('a'), (NULL)");
            statements.add("CREATE VIEW v AS SELECT id FROM t1");
            db.execute(statements.toArray(String[]::new));

            DataFingerprints one;
            DataFingerprints two;
            try (Connection a = db.connect(); Connection b = db.connect()) {
                one = new MariaDbFingerprinter().take(a);
                two = new MariaDbFingerprinter().take(List.of(a, b));
            }

            assertThat(two).isEqualTo(one);
            assertThat(two.tables().keySet()).as("views left out")
                    .containsExactlyInAnyOrder("Mixed Case", "t1", "t2", "t3", "t4", "t5", "t6", "t7");
            assertThat(two.tables().get("t7").rows()).isEqualTo(49 * 40);
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("SET time_zone = '+00:00'");
                try (ResultSet rs = s.executeQuery("SELECT CAST(SUM(CAST(CONV(SUBSTRING(MD5(CONCAT_WS(',',"
                        + " IFNULL(MD5(`id`), '-'), IFNULL(MD5(`v`), '-'), IFNULL(MD5(`d`), '-'), IFNULL(MD5(`n`),"
                        + " '-'))), 1, 16), 16, 10) AS UNSIGNED)) AS CHAR) FROM t3")) {
                    rs.next();
                    assertThat(two.tables().get("t3").checksum()).isEqualTo(RowSum.fromServer(rs.getString(1)));
                }
            }
        }
    }
}
