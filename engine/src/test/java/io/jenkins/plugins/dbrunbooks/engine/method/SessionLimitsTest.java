package io.jenkins.plugins.dbrunbooks.engine.method;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.method.mariadb.MariaDbUrl;
import io.jenkins.plugins.dbrunbooks.engine.method.postgres.PostgresUrl;
import io.jenkins.plugins.dbrunbooks.engine.testing.Queries;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.Test;

/**
 * Limits a server, a database or a login puts on sessions do not reach this product's connections, which a
 * backup or restore keeps waiting while others work: PostgreSQL's timeouts set for the database, MariaDB's
 * wait_timeout and max_statement_time set for the server. Each connection outlives the limit and still answers.
 */
public class SessionLimitsTest {
    @Test
    public void shouldKeepAPostgresConnectionWhoseDatabaseEndsIdleSessions() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            String admin = TestServers.postgresUrl("postgres");
            TestServers.execute(admin, TestServers.PG_USER,
                    "ALTER DATABASE " + db.name() + " SET idle_session_timeout = '1s'",
                    "ALTER DATABASE " + db.name() + " SET idle_in_transaction_session_timeout = '1s'",
                    // Longer than setting it off takes on a busy machine, shorter than the sleep below.
                    "ALTER DATABASE " + db.name() + " SET statement_timeout = '200ms'");
            try (Connection c = Jdbc.connect(PostgresUrl.SCHEME, db.url(), db.login())) {
                Thread.sleep(1_500);
                c.setAutoCommit(false);
                assertThat(value(c, "SELECT current_setting('statement_timeout') || ' '"
                        + " || current_setting('idle_session_timeout') || ' ' || (pg_sleep(0.5) IS NULL)"))
                        .isEqualTo("0 0 false");
                Thread.sleep(1_500);
                assertThat(value(c, "SELECT current_setting('idle_in_transaction_session_timeout')")).isEqualTo("0");
                c.rollback();
            }
        }
    }

    @Test
    public void shouldKeepAMariaDbConnectionPastTheServersWaitTimeout() throws Exception {
        String root = TestServers.mariaDbUrl("");
        String before = Queries.rows(root, TestServers.MARIADB_USER, "SELECT @@GLOBAL.wait_timeout").get(0);
        try (TestDatabase db = TestServers.newMariaDbDatabase()) {
            TestServers.execute(root, TestServers.MARIADB_USER, "SET GLOBAL wait_timeout = 2");
            try (Connection c = Jdbc.connect(MariaDbUrl.SCHEME, db.url(), db.login())) {
                Thread.sleep(3_000);
                assertThat(value(c, "SELECT CONCAT(@@SESSION.wait_timeout, ' ', @@SESSION.max_statement_time)"))
                        .isEqualTo("86400 0.000000");
            }
        } finally {
            TestServers.execute(root, TestServers.MARIADB_USER, "SET GLOBAL wait_timeout = " + before);
        }
    }

    private static String value(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
