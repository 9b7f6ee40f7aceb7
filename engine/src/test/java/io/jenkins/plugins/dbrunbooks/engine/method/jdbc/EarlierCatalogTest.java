package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.method.BackupReceipt;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog.PostgresCatalogReader;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SchemaSnapshot;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SequenceDef;
import io.jenkins.plugins.dbrunbooks.engine.testing.JdbcMethods;
import io.jenkins.plugins.dbrunbooks.engine.testing.RecordingListener;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A backup takes the schema its coverage check read only where its own snapshot sees the same moment, with the
 * sequence values read again; a change committed in between makes it read the catalog itself.
 */
public class EarlierCatalogTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void shouldTakeTheEarlierSchemaAtTheSameMomentWithSequenceValuesReadAgain() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            db.execute("CREATE TABLE items (id serial PRIMARY KEY, name text)",
                    "INSERT INTO items (name) SELECT 'n' || i FROM generate_series(1, 5) i");
            PostgresCatalogReader reader = new PostgresCatalogReader();
            try (Connection first = db.connect(); Connection second = db.connect(); Connection other = db.connect()) {
                String moment = reader.beginAtMoment(first);
                SchemaSnapshot earlier = reader.read(first);
                String exported;
                try (Statement s = first.createStatement();
                        ResultSet rs = s.executeQuery("SELECT pg_catalog.pg_export_snapshot()")) {
                    rs.next();
                    exported = rs.getString(1);
                }
                // The second transaction shares the first one's snapshot: the same moment, whatever else the server
                // runs meanwhile. nextval changes the sequence outside any snapshot.
                try (Statement s = other.createStatement()) {
                    s.execute("SELECT nextval('items_id_seq') FROM generate_series(1, 10)");
                }
                second.setAutoCommit(false);
                try (Statement s = second.createStatement()) {
                    s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                    s.execute("SET TRANSACTION SNAPSHOT '" + exported + "'");
                }
                SchemaSnapshot again = reader.again(second, moment, earlier);

                assertThat(again).isNotNull();
                assertThat(again.tables()).isEqualTo(earlier.tables());
                assertThat(again.sequences()).extracting(SequenceDef::value).containsExactly(15L);
                assertThat(earlier.sequences()).extracting(SequenceDef::value).containsExactly(5L);
                assertThat(again).isEqualTo(reader.read(second));
            }
        }
    }

    @Test
    public void shouldReadTheCatalogAgainWhereATableWasCreatedAfterTheCoverageCheck() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            db.execute("CREATE TABLE items (id int PRIMARY KEY, name text)",
                    "INSERT INTO items SELECT i, 'n' || i FROM generate_series(1, 5) i");
            JdbcMethod method = JdbcMethods.postgres();
            MethodContext context = new MethodContext(db.url(), db.login(), null, tmp.getRoot().toPath(),
                    new RecordingListener());
            assertThat(method.coverage(context).notCarried()).isEmpty();
            db.execute("CREATE TABLE later (id int PRIMARY KEY)", "INSERT INTO later VALUES (1), (2)");

            BackupReceipt receipt = method.backup(context, new ByteArrayOutputStream());

            assertThat(receipt.rowCounts()).containsEntry("public.items", 5L).containsEntry("public.later", 2L);
        }
    }
}
