package io.jenkins.plugins.dbrunbooks.engine.method.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.Assume.assumeTrue;

import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreOperation;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreRequest;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class StatementLengthsTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void measuresStatementsAcrossLinesAndWritesAndNamesTheTablesOfThoseThatReachTheLimit() throws Exception {
        // A row on a line of its own, as mariadb-dump 10.11 writes them, and a statement on one line.
        String dump = "-- MariaDB dump\nLOCK TABLES `a``b` WRITE;\nINSERT INTO `a``b` VALUES\n(1,0x"
                + "ab".repeat(40) + "),\n(2,0x00);\nUNLOCK TABLES;\nINSERT INTO `c` VALUES (" + "9".repeat(20)
                + ");\nCREATE TABLE x (\n  " + "y".repeat(90) + " INT\n);\n";
        byte[] bytes = dump.getBytes(StandardCharsets.UTF_8);
        for (int chunk : new int[] {1, 3, 7, 8, 9, 64, bytes.length}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            StatementLengths lengths = new StatementLengths(out, 50);
            for (int i = 0; i < bytes.length; i += chunk) {
                lengths.write(bytes, i, Math.min(chunk, bytes.length - i));
            }
            assertThat(out.toByteArray()).isEqualTo(bytes);
            assertThat(lengths.longest()).isEqualTo(123);
            assertThat(lengths.tooLong()).containsExactly(Map.entry("the rows of table `a``b`", 123L),
                    Map.entry("the statement 'CREATE TABLE x (   " + "y".repeat(21) + "...'", 116L));
        }
    }

    /** The server refuses a statement whose packet, a byte longer than the statement, reaches the limit. */
    @Test
    public void aLineOneByteShortOfTheLimitPassesAndOneOfItsLengthIsRefused() throws Exception {
        StatementLengths lengths = new StatementLengths(new ByteArrayOutputStream(), 10);
        lengths.write("DO 12345;\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(lengths.tooLong()).isEmpty();
        lengths.requireLoadable("db");
        lengths.write("DO 123456;\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(lengths.tooLong()).containsOnlyKeys("the statement 'DO 123456;'");
        assertThatThrownBy(() -> lengths.requireLoadable("db")).hasMessageContaining("Backup of 'db' refused")
                .hasMessageContaining("max_allowed_packet of 10 bytes")
                .hasMessageContaining("the statement 'DO 123456;' (10 bytes)");
    }

    /**
     * mariadb-dump writes a BLOB in hexadecimal, at twice its size: a row that fits the server's max_allowed_packet
     * becomes a statement the server refuses, and every restore of such a backup would fail. It is refused before
     * anything is stored; a row that dumps one statement short of the limit backs up and restores.
     */
    @Test
    public void aRowDumpedLongerThanTheServersPacketIsRefusedBeforeAnythingIsStored() throws Exception {
        try (TestDatabase source = TestServers.newMariaDbDatabase()) {
            long limit = maxAllowedPacket(source);
            // The rows are half the limit: past a few tens of MB the test would be slow, not more telling.
            assumeTrue("max_allowed_packet is " + limit, limit <= 64L << 20);
            source.execute("CREATE TABLE big (id INT PRIMARY KEY, b LONGBLOB)",
                    "CREATE TABLE fits (id INT PRIMARY KEY, b LONGBLOB)",
                    "INSERT INTO big VALUES (1, REPEAT(X'C3', " + (limit / 2 + 100) + "))",
                    "INSERT INTO fits VALUES (1, REPEAT(X'5A', " + (limit / 2 - 100) + "))");
            Path root = tmp.getRoot().toPath().resolve("runbooks");
            EngineFixture fixture = new EngineFixture(root, TestServers.mariaDbLogin())
                    .environment("qa", EngineFixture.database("orders", source.url(), MethodChoice.NATIVE));

            assertThatThrownBy(() -> new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders",
                    null))).isInstanceOfSatisfying(RunbookException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.NOT_CARRIED);
                        assertThat(e.getMessage()).contains("max_allowed_packet of "
                                + String.format(Locale.ROOT, "%,d", limit) + " bytes", "the rows of table `big` (",
                                "nothing was stored").doesNotContain("`fits`");
                        assertThat(e.hint()).contains("method: jdbc", "raise max_allowed_packet above");
                    });
            try (var files = Files.walk(root)) {
                assertThat(files.filter(Files::isRegularFile).map(Object::toString)).isEmpty();
            }

            source.execute("DROP TABLE big");
            String id = new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null)).id();
            source.execute("UPDATE fits SET b = NULL");
            new RestoreOperation(fixture.context())
                    .run(RestoreRequest.of("qa", "orders").withBackup(id).withSafetyBackup(false));
            assertThat(query(source, "SELECT CONCAT(LENGTH(b), ' ', b = REPEAT(X'5A', LENGTH(b))) FROM fits"))
                    .isEqualTo((limit / 2 - 100) + " 1");
        }
    }

    private static long maxAllowedPacket(TestDatabase db) throws Exception {
        return Long.parseLong(query(db, "SELECT @@global.max_allowed_packet"));
    }

    private static String query(TestDatabase db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(db.url(), TestServers.MARIADB_USER, "");
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
