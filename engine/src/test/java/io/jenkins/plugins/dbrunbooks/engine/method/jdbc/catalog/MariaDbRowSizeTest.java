package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;

/** The estimates against the server's own count: a table they take for one that fits must be created. */
public class MariaDbRowSizeTest {
    private static final String TEXT = " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin";

    @Test
    public void shouldNeverTakeARowTheServerRefusesForOneThatFits() throws Exception {
        try (TestDatabase db = TestServers.newMariaDbDatabase(); Connection c = db.connect();
                Statement s = c.createStatement()) {
            s.execute("SET SESSION innodb_strict_mode = ON");
            int refusedByServer = 0;
            int refusedByInnoDb = 0;
            for (int columns = 55; columns <= 75; columns++) {
                List<String> types = types("VARCHAR(255)" + TEXT, columns);
                boolean fits = MariaDbRowSize.varcharsAsText(names(columns), types, Set.of()).isEmpty();
                boolean created = create(s, "w" + columns, types);
                refusedByServer += created ? 0 : 1;
                if (fits) {
                    assertThat(created).as(columns + " VARCHAR(255)").isTrue();
                }
            }
            for (int columns = 80; columns <= 120; columns += 2) {
                List<String> types = types("VARCHAR(20)" + TEXT, columns);
                types.add("DECIMAL(12,2)");
                types.add("DATETIME(6)");
                boolean created = create(s, "n" + columns, types);
                refusedByInnoDb += created ? 0 : 1;
                if (!MariaDbRowSize.overInnoDbLimit(types)) {
                    assertThat(created).as(columns + " VARCHAR(20)").isTrue();
                }
            }
            // Both limits were reached, so the estimates were checked on both sides of them.
            assertThat(refusedByServer).isPositive();
            assertThat(refusedByInnoDb).isPositive();
        }
    }

    @Test
    public void shouldTurnTheLongestVarcharsOutsideKeysIntoTextUntilTheRowFits() {
        List<String> names = List.of("id", "key", "a", "b", "c");
        List<String> types = new ArrayList<>(List.of("INT", "VARCHAR(10000)", "VARCHAR(5000)", "VARCHAR(8000)",
                "VARCHAR(100)"));
        // 40,000 + 20,000 + 32,000 bytes: b alone takes it under 65,535, key stays (a key holds it).
        Map<String, Integer> asText = MariaDbRowSize.varcharsAsText(names, types, Set.of("key"));
        assertThat(asText).containsExactly(Map.entry("b", 8000));
        assertThat(MariaDbRowSize.varcharsAsText(names, types, Set.of("key", "a", "b"))).isEmpty();
        assertThat(MariaDbRowSize.varcharsAsText(names, List.of("INT", "VARCHAR(10)", "TEXT", "LONGTEXT", "JSON"),
                Set.of())).isEmpty();
    }

    private static boolean create(Statement s, String table, List<String> types) throws SQLException {
        StringBuilder sql = new StringBuilder("CREATE TABLE " + table + " (id INT PRIMARY KEY");
        for (int i = 0; i < types.size(); i++) {
            sql.append(", c").append(i).append(' ').append(types.get(i));
        }
        try {
            s.execute(sql + ")");
            return true;
        } catch (SQLException e) {
            if (e.getErrorCode() != 1118) {
                throw e;
            }
            return false;
        }
    }

    private static List<String> types(String type, int count) {
        return new ArrayList<>(Collections.nCopies(count, type));
    }

    private static List<String> names(int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add("c" + i);
        }
        return names;
    }
}
