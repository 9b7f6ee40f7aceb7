package io.jenkins.plugins.dbrunbooks.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.Queries;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A PostgreSQL restore makes a new database, and a replace restore puts it in the old one's place: what the old
 * one had on the database itself, which no dump holds, comes with it. Who may connect (PUBLIC no longer, one role
 * yes), its connection limit and comment, its search_path and timeout, and a setting for one role in it; the
 * read-only transactions that role gets would stop a restore that set them before loading.
 */
public class DatabaseTraitsRestoreTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void shouldKeepWhatTheDatabaseItselfHadAcrossANativeReplaceRestore() {
        keepsTraits(MethodChoice.NATIVE, false);
    }

    @Test
    public void shouldGiveAJdbcRestoreIntoANewDatabaseWhatTheConfiguredOneHas() {
        keepsTraits(MethodChoice.JDBC, true);
    }

    /**
     * A database whose own settings end any statement after 200 ms and any transaction idle for a millisecond, as
     * a production database's shorter timeouts would end a long read, an index build, or the transaction holding
     * the snapshot that other connections read in: a {@code jdbc} backup and restore set them off, as pg_dump does
     * for itself, and the copy keeps the settings. (pg_dump's own first queries run under the database's limits,
     * before it sets them off, so the native method is not tried here.)
     */
    @Test
    public void shouldBackUpAndRestoreADatabaseWhoseOwnTimeoutsWouldEndTheWork() throws Exception {
        String admin = TestServers.postgresUrl("postgres");
        for (MethodChoice method : List.of(MethodChoice.JDBC)) {
            String copy = TestServers.uniqueName();
            try (TestDatabase db = TestServers.newPostgresDatabase()) {
                db.execute("CREATE TABLE items (id int PRIMARY KEY, label text)",
                        "INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 20000) g",
                        "CREATE INDEX items_label ON items (label)");
                TestServers.execute(admin, TestServers.PG_USER,
                        "ALTER DATABASE " + db.name() + " SET statement_timeout = '200ms'",
                        "ALTER DATABASE " + db.name() + " SET idle_in_transaction_session_timeout = '1ms'");
                EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), db.login())
                        .environment("qa", EngineFixture.database("orders", db.url(), method));

                new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
                new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders").intoNew(copy));

                try (java.sql.Connection c = java.sql.DriverManager.getConnection(TestServers.postgresUrl(copy),
                        TestServers.PG_USER, ""); java.sql.Statement s = c.createStatement()) {
                    assertThat(s.executeQuery("SHOW statement_timeout")).satisfies(rs -> {
                        rs.next();
                        assertThat(rs.getString(1)).as("the copy's own setting").isEqualTo("200ms");
                    });
                    s.execute("SET statement_timeout = 0");
                    java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM items");
                    rs.next();
                    assertThat(rs.getLong(1)).as(method.toString()).isEqualTo(20000);
                }
            } finally {
                TestServers.dropPostgres(copy);
            }
        }
    }

    private void keepsTraits(MethodChoice method, boolean intoNew) {
        String app = TestServers.uniqueName();
        String reporting = TestServers.uniqueName();
        String admin = TestServers.postgresUrl("postgres");
        TestServers.execute(admin, TestServers.PG_USER, "CREATE ROLE " + app, "CREATE ROLE " + reporting);
        String copy = TestServers.uniqueName();
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            String name = db.name();
            db.execute("CREATE SCHEMA app", "CREATE TABLE app.items (id int PRIMARY KEY)",
                    "INSERT INTO app.items VALUES (1), (2)");
            TestServers.execute(admin, TestServers.PG_USER, "REVOKE ALL ON DATABASE " + name + " FROM PUBLIC",
                    "GRANT CONNECT, TEMPORARY ON DATABASE " + name + " TO " + app,
                    "GRANT CREATE ON DATABASE " + name + " TO " + app + " WITH GRANT OPTION",
                    "ALTER DATABASE " + name + " CONNECTION LIMIT 40",
                    "COMMENT ON DATABASE " + name + " IS 'orders, it''s ours'",
                    "ALTER DATABASE " + name + " SET search_path = app, \"$user\", public",
                    "ALTER DATABASE " + name + " SET statement_timeout = '5min'",
                    "ALTER ROLE " + reporting + " IN DATABASE " + name + " SET default_transaction_read_only = on");
            String traits = "SELECT d.datacl::text, d.datconnlimit, pg_catalog.shobj_description(d.oid, 'pg_database'),"
                    + " (SELECT string_agg(coalesce(s.setrole::regrole::text, '-') || ' ' || array_to_string(s.setconfig, ';'),"
                    + " ' | ' ORDER BY s.setrole) FROM pg_db_role_setting s WHERE s.setdatabase = d.oid)"
                    + " FROM pg_database d WHERE d.datname = '%s'";
            List<String> before = Queries.rows(admin, TestServers.PG_USER, traits.formatted(name));
            assertThat(before.get(3)).contains("search_path=app, \"$user\", public", "default_transaction_read_only=on");
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), db.login())
                    .environment("qa", EngineFixture.database("orders", db.url(), method));
            new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));

            String restored = intoNew ? copy : name;
            new RestoreOperation(fixture.context()).run(intoNew ? RestoreRequest.of("qa", "orders").intoNew(copy)
                    : RestoreRequest.of("qa", "orders").withSafetyBackup(false));

            List<String> after = Queries.rows(admin, TestServers.PG_USER, traits.formatted(restored));
            assertThat(after).isEqualTo(before);
            assertThat(Queries.rows(TestServers.postgresUrl(restored), TestServers.PG_USER, "SELECT count(*) FROM items"))
                    .as("found through the search_path").containsExactly("2");
        } finally {
            TestServers.dropPostgres(copy);
            TestServers.execute(admin, TestServers.PG_USER, "DROP ROLE IF EXISTS " + app,
                    "DROP ROLE IF EXISTS " + reporting);
        }
    }
}
