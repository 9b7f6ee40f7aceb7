package io.jenkins.plugins.dbrunbooks.engine.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupResult;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditLog;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.inventory.Inventory;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A backup that was stored stays stored and named when its audit event cannot be written. */
public class UnauditedResultTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void shouldNameTheStoredBackupWhenTheAuditLogCannotBeWritten() throws Exception {
        String url = "jdbc:h2:" + tmp.getRoot().toPath().resolve("db/orders").toAbsolutePath();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE items (id INT PRIMARY KEY)");
        }
        Path blocked = tmp.newFile("not-a-directory").toPath();
        EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), DbCredential.of("sa", ""))
                .environment("qa", EngineFixture.database("orders", url));
        RunbookContext base = fixture.context();
        RunbookContext context = new RunbookContext(base.config(), base.credentials(), base.stores(),
                base.methods(), base.tools(), base.workDir(), base.listener(),
                new AuditLog(blocked.resolve("audit.jsonl")), base.actor(), base.payload(), base.clock());

        UnauditedResult e = assertThrows(UnauditedResult.class,
                () -> new BackupOperation(context).run(new BackupRequest("qa", "orders", null)));

        BackupResult stored = (BackupResult) e.result();
        assertThat(e.kind()).isEqualTo(ErrorKind.AUDIT);
        assertThat(e.getMessage()).contains("Backup of 'qa/orders' completed (backup " + stored.id() + ")",
                "audit event could not be recorded", "audit.jsonl");
        assertThat(new Inventory(fixture.context()).list("qa", "orders")).singleElement()
                .satisfies(m -> assertThat(m.id()).isEqualTo(stored.id()));
        assertThat(Files.exists(Path.of(stored.payloadLocation()))).isTrue();
    }
}
