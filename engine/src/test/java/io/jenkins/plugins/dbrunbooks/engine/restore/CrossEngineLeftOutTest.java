package io.jenkins.plugins.dbrunbooks.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.config.DatabaseTarget;
import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.config.Role;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.Queries;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * What a restore across engines leaves out (accepted with {@code allowPartial}) is said before the load, returned
 * in the result and audited.
 */
public class CrossEngineLeftOutTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void shouldReportAViewAPostgresSnapshotCannotBringIntoH2() throws Exception {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            source.execute("CREATE TABLE items (id INT PRIMARY KEY, price NUMERIC(10,2))",
                    "INSERT INTO items VALUES (1, 9.50), (2, 20.00)",
                    "CREATE VIEW expensive AS SELECT id FROM items WHERE price > 10");
            String target = "jdbc:h2:" + tmp.getRoot().toPath().resolve("db/copy").toAbsolutePath();
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), source.login())
                    .environment("qa", EngineFixture.database("orders", source.url(), MethodChoice.JDBC))
                    .environment("dev", new DatabaseTarget("copy", target, MethodChoice.JDBC, Map.of(Role.BACKUP,
                            "backup", Role.RESTORE, "restore"), true));
            new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
            fixture.login(DbCredential.of("sa", ""));

            RestoreResult result = new RestoreOperation(fixture.context())
                    .run(RestoreRequest.of("dev", "copy").from("qa", "orders"));

            assertThat(result.leftOut()).anySatisfy(note -> assertThat(note).startsWith("view ")
                    .contains("expensive"));
            assertThat(fixture.listener.all()).contains("Left out or changed in h2: ").contains("expensive");
            AuditEvent restored = fixture.events.stream().filter(e -> "restore".equals(e.operation()))
                    .findFirst().orElseThrow();
            assertThat(restored.outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS);
            assertThat(restored.message()).contains("left out or changed: ").contains("expensive");
            assertThat(Queries.rows(target, "sa", "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                    + " WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_SCHEMA <> 'INFORMATION_SCHEMA'"))
                    .containsExactly("1");
            // The result travels from agents to the controller as it is.
            try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
                out.writeObject(result);
            }
        }
    }

    @Test
    public void shouldLeaveNothingOutWithinOneEngine() {
        try (TestDatabase source = TestServers.newPostgresDatabase()) {
            source.execute("CREATE TABLE items (id INT PRIMARY KEY)", "CREATE VIEW v AS SELECT id FROM items");
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), source.login())
                    .environment("qa", EngineFixture.database("orders", source.url(), MethodChoice.JDBC));
            new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));
            String copy = source.name() + "_copy";
            try {
                RestoreResult result = new RestoreOperation(fixture.context())
                        .run(RestoreRequest.of("qa", "orders").intoNew(copy));
                assertThat(result.leftOut()).isEmpty();
                assertThat(fixture.listener.all()).doesNotContain("Left out");
            } finally {
                TestServers.dropPostgres(copy);
            }
        }
    }
}
