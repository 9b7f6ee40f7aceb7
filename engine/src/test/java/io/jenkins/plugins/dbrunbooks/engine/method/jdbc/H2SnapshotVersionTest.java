package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.dialect.Dialects;
import io.jenkins.plugins.dbrunbooks.engine.method.BackupReceipt;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseMethod;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.method.RestoreOptions;
import io.jenkins.plugins.dbrunbooks.engine.testing.RecordingListener;
import io.jenkins.plugins.dbrunbooks.engine.testing.StreamSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** H2's jdbc backups are written in version 2 of the snapshot format, like every other engine's. */
public class H2SnapshotVersionTest {
    private static final DbCredential LOGIN = DbCredential.of("sa", "");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private MethodContext context(String url) {
        return new MethodContext(url, LOGIN, null, tmp.getRoot().toPath().resolve("work"), new RecordingListener());
    }

    @Test
    public void shouldWriteVersion2AndReadItBack() throws Exception {
        String source = "jdbc:h2:" + tmp.getRoot().toPath().resolve("source").toAbsolutePath();
        String target = "jdbc:h2:" + tmp.getRoot().toPath().resolve("target").toAbsolutePath();
        try (Connection c = Dialects.standard().connect(source, LOGIN); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20))");
            s.execute("CREATE TABLE notes (id INT PRIMARY KEY, item INT REFERENCES items(id), body CLOB)");
            s.execute("INSERT INTO items SELECT X, 'item ' || X FROM SYSTEM_RANGE(1, 50)");
            s.execute("INSERT INTO notes VALUES (1, 7, 'seven')");
        }
        DatabaseMethod jdbc = Dialects.standard().methods().forManifest("h2", "jdbc");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        BackupReceipt receipt = jdbc.backup(context(source), out);

        DataInputStream header = new DataInputStream(new ByteArrayInputStream(out.toByteArray()));
        byte[] magic = new byte[4];
        header.readFully(magic);
        assertThat(new String(magic, StandardCharsets.US_ASCII)).isEqualTo("DBRJ");
        assertThat(header.readUnsignedShort()).isEqualTo(2);
        assertThat(receipt.toolVersion()).isEqualTo("format 2");
        assertThat(receipt.rowCounts()).containsEntry("PUBLIC.ITEMS", 50L).containsEntry("PUBLIC.NOTES", 1L);

        jdbc.restore(context(target), StreamSource.of(new ByteArrayInputStream(out.toByteArray())),
                RestoreOptions.defaults());
        try (Connection c = Dialects.standard().connect(target, LOGIN); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*), MAX(n.body) FROM items i LEFT JOIN notes n"
                        + " ON n.item = i.id")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(50);
            assertThat(rs.getString(2)).isEqualTo("seven");
        }
    }
}
