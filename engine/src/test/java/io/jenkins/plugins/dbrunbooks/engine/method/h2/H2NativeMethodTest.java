package io.jenkins.plugins.dbrunbooks.engine.method.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.BackupReceipt;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseAdmin;
import io.jenkins.plugins.dbrunbooks.engine.method.Jdbc;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.method.RestoreOptions;
import io.jenkins.plugins.dbrunbooks.engine.process.ToolLocator;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressListener;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import io.jenkins.plugins.dbrunbooks.engine.testing.StreamSource;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class H2NativeMethodTest {
    private static final DbCredential LOGIN = DbCredential.of("sa", "pw");

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final H2NativeMethod method = new H2NativeMethod();
    private String sourceUrl;

    @Before
    public void setUp() throws Exception {
        sourceUrl = "jdbc:h2:file:" + temp.newFolder("db").toPath().resolve("source") + ";MODE=REGULAR";
    }

    private MethodContext context(String url) {
        return new MethodContext(url, LOGIN, ToolLocator.fromEnvironment(List.of()), temp.getRoot().toPath(),
                ProgressListener.NONE);
    }

    @Test
    public void roundTripKeepsSchemaAndEveryRow() throws Exception {
        fillAwkwardData(sourceUrl);
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        BackupReceipt receipt = method.backup(context(sourceUrl), payload);
        assertThat(receipt.tool()).isEqualTo("h2 SCRIPT");
        assertThat(receipt.serverVersion()).startsWith("2.4");

        DatabaseAdmin admin = method.admin(context(sourceUrl));
        assertThat(admin.exists("copy_db")).isFalse();
        admin.create("copy_db", admin.currentDatabaseName());
        assertThat(admin.exists("copy_db")).isTrue();
        String copyUrl = admin.jdbcUrlFor("copy_db");
        method.restore(context(copyUrl), StreamSource.of(new ByteArrayInputStream(payload.toByteArray())), RestoreOptions.defaults());

        assertThat(catalog(copyUrl)).isEqualTo(catalog(sourceUrl)).hasSizeGreaterThan(15);
        assertThat(rows(copyUrl)).isEqualTo(rows(sourceUrl)).hasSizeGreaterThan(5);
    }

    @Test
    public void restoreReplacesExistingObjects() throws Exception {
        fillAwkwardData(sourceUrl);
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        method.backup(context(sourceUrl), payload);
        String targetUrl = method.admin(context(sourceUrl)).jdbcUrlFor("target");
        execute(targetUrl, "CREATE TABLE \"order\"(x INT)", "CREATE TABLE leftover(y INT)");

        method.restore(context(targetUrl), StreamSource.of(new ByteArrayInputStream(payload.toByteArray())), RestoreOptions.defaults());

        assertThat(catalog(targetUrl)).isEqualTo(catalog(sourceUrl));
        assertThat(rows(targetUrl)).isEqualTo(rows(sourceUrl));
    }

    @Test
    public void backupHoldsNoPasswordAndRestoredUsersCannotLogInWithout() throws Exception {
        execute(sourceUrl, "CREATE USER bob PASSWORD 'bobs-secret'", "CREATE TABLE t(id INT)",
                "GRANT SELECT ON t TO bob");
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        method.backup(context(sourceUrl), payload);
        String script = payload.toString(StandardCharsets.UTF_8);
        assertThat(script).contains("\"BOB\"").doesNotContain("bobs-secret").doesNotContain("SALT")
                .doesNotContain("HASH");

        DatabaseAdmin admin = method.admin(context(sourceUrl));
        admin.create("copy_db", "source");
        String copyUrl = admin.jdbcUrlFor("copy_db");
        method.restore(context(copyUrl), StreamSource.of(new ByteArrayInputStream(payload.toByteArray())), RestoreOptions.defaults());
        assertThatThrownBy(() -> Jdbc.connect(H2Url.SCHEME, copyUrl, DbCredential.of("bob", "")).close())
                .isInstanceOf(RunbookException.class);
        assertThatThrownBy(() -> Jdbc.connect(H2Url.SCHEME, copyUrl, DbCredential.of("bob", "bobs-secret")).close())
                .isInstanceOf(RunbookException.class);
    }

    @Test
    public void failedRestoreIsReportedAndDropLeavesNothing() throws Exception {
        DatabaseAdmin admin = method.admin(context(sourceUrl));
        admin.create("broken", "source");
        String brokenUrl = admin.jdbcUrlFor("broken");
        byte[] script = ("CREATE TABLE partial(id INT);\nINSERT INTO partial VALUES(1);\n"
                + "INSERT INTO no_such_table VALUES(2);\nCREATE TABLE never(id INT);\n")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> method.restore(context(brokenUrl), StreamSource.of(new ByteArrayInputStream(script)),
                RestoreOptions.defaults()))
                .isInstanceOfSatisfying(RunbookException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.RESTORE_FAILED);
                    assertThat(e.getMessage()).contains("statement 3").contains("NO_SUCH_TABLE");
                });
        assertThat(tableNames(brokenUrl)).containsExactly("PARTIAL");

        admin.drop("broken");
        assertThat(admin.exists("broken")).isFalse();
        assertThat(temp.getRoot().toPath().resolve("db/broken.mv.db")).doesNotExist();
        admin.drop("broken");
    }

    @Test
    public void urlsOfEveryKindNameTheirDatabase() {
        assertThat(H2Url.parse("jdbc:h2:file:/data/app;MODE=MySQL").name()).isEqualTo("app");
        assertThat(H2Url.parse("jdbc:h2:file:/data/app;MODE=MySQL").withName("copy"))
                .isEqualTo("jdbc:h2:file:/data/copy;MODE=MySQL");
        assertThat(H2Url.parse("jdbc:h2:/data/app").withName("copy")).isEqualTo("jdbc:h2:/data/copy");
        assertThat(H2Url.parse("jdbc:h2:./rel/app").withName("copy")).isEqualTo("jdbc:h2:./rel/copy");
        assertThat(H2Url.parse("jdbc:h2:~/app").filePath()).contains(
                Path.of(System.getProperty("user.home"), "app").toAbsolutePath());
        assertThat(H2Url.parse("jdbc:h2:mem:app;DB_CLOSE_DELAY=-1").withName("copy"))
                .isEqualTo("jdbc:h2:mem:copy;DB_CLOSE_DELAY=-1");
        assertThat(H2Url.parse("jdbc:h2:mem:app").filePath()).isEmpty();
        H2Url tcp = H2Url.parse("jdbc:h2:tcp://db.example:9092/~/data/app;IFEXISTS=TRUE");
        assertThat(tcp.name()).isEqualTo("app");
        assertThat(tcp.withName("copy")).isEqualTo("jdbc:h2:tcp://db.example:9092/~/data/copy;IFEXISTS=TRUE");
        assertThat(tcp.filePath()).isEmpty();
    }

    @Test
    public void inMemoryDatabasesExistWhileOpen() throws Exception {
        String url = "jdbc:h2:mem:present;DB_CLOSE_DELAY=-1";
        DatabaseAdmin admin = method.admin(context(url));
        admin.create("present", "present");
        assertThat(admin.exists("present")).isTrue();
        assertThat(admin.exists("absent")).isFalse();
        admin.drop("present");
    }

    private static void fillAwkwardData(String url) throws Exception {
        execute(url,
                "CREATE SCHEMA \"My Schema\"",
                "CREATE SCHEMA other",
                "CREATE TABLE \"My Schema\".\"order\"(\"select\" INT PRIMARY KEY, \"Mixed Case\" VARCHAR(200),"
                        + " \"with space\" DECIMAL(38,18), ts TIMESTAMP WITH TIME ZONE, bin VARBINARY(256),"
                        + " big CLOB, blobby BLOB, flag BOOLEAN, d DATE, f DOUBLE PRECISION)",
                "CREATE TABLE other.child(id BIGINT AUTO_INCREMENT PRIMARY KEY, parent INT"
                        + " REFERENCES \"My Schema\".\"order\"(\"select\"), note VARCHAR(100) DEFAULT 'n/a')",
                "CREATE INDEX child_note ON other.child(note)",
                "CREATE SEQUENCE other.seq START WITH 42",
                "CREATE VIEW other.v AS SELECT \"select\", \"Mixed Case\" FROM \"My Schema\".\"order\"",
                "CREATE TABLE plain(id INT)");
        byte[] allBytes = new byte[256];
        for (int i = 0; i < 256; i++) {
            allBytes[i] = (byte) i;
        }
        byte[] blob = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(blob);
        String bigText = "漢字 שלום 😀 ' \\ \n\t".repeat(250_000);
        try (Connection c = Jdbc.connect(H2Url.SCHEME, url, LOGIN); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO \"My Schema\".\"order\" VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setInt(1, 1);
            ps.setString(2, "😀 emoji, 漢字 CJK, שלום RTL, 'quotes' \"double\" ; semicolon -- not a comment");
            ps.setBigDecimal(3, new BigDecimal("12345678901234567890.123456789012345678"));
            ps.setObject(4, java.time.OffsetDateTime.parse("2024-03-10T02:30:00.123456+05:45"));
            ps.setBytes(5, allBytes);
            ps.setString(6, bigText);
            ps.setBytes(7, blob);
            ps.setBoolean(8, true);
            ps.setObject(9, java.time.LocalDate.of(1, 1, 1));
            ps.setDouble(10, Math.PI);
            ps.executeUpdate();
            ps.setInt(1, 2);
            for (int i = 2; i <= 10; i++) {
                ps.setNull(i, java.sql.Types.NULL);
            }
            ps.executeUpdate();
            ps.setInt(1, 3);
            ps.setString(2, "");
            ps.setBigDecimal(3, new BigDecimal("-0.000000000000000001"));
            ps.setObject(4, java.time.OffsetDateTime.parse("1970-01-01T00:00:00-08:00"));
            ps.setBytes(5, new byte[0]);
            ps.setString(6, "");
            ps.setBytes(7, new byte[0]);
            ps.setBoolean(8, false);
            ps.setObject(9, java.time.LocalDate.of(9999, 12, 31));
            ps.setDouble(10, -0.0);
            ps.executeUpdate();
        }
        execute(url, "INSERT INTO other.child(parent, note) VALUES(1, 'a'), (1, NULL), (3, DEFAULT)",
                "INSERT INTO plain VALUES(NULL)");
    }

    private static List<String> catalog(String url) throws SQLException {
        return query(url, "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, DATA_TYPE,"
                + " CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, IS_NULLABLE, COLUMN_DEFAULT,"
                + " IS_IDENTITY FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA <> 'INFORMATION_SCHEMA'"
                + " ORDER BY 1, 2, 4", List.of(
                        "SELECT SEQUENCE_SCHEMA, SEQUENCE_NAME, BASE_VALUE FROM INFORMATION_SCHEMA.SEQUENCES"
                                + " ORDER BY 1, 2",
                        "SELECT TABLE_SCHEMA, TABLE_NAME, VIEW_DEFINITION FROM INFORMATION_SCHEMA.VIEWS"
                                + " WHERE TABLE_SCHEMA <> 'INFORMATION_SCHEMA' ORDER BY 1, 2",
                        // Names H2 generates for the indexes behind constraints are not part of the schema.
                        "SELECT INDEX_SCHEMA, TABLE_NAME, INDEX_TYPE_NAME, CASE WHEN INDEX_NAME LIKE 'CONSTRAINT%'"
                                + " THEN '(generated)' ELSE INDEX_NAME END FROM INFORMATION_SCHEMA.INDEXES"
                                + " WHERE INDEX_SCHEMA <> 'INFORMATION_SCHEMA' ORDER BY 1, 2, 3, 4",
                        "SELECT CONSTRAINT_SCHEMA, CONSTRAINT_TYPE, TABLE_NAME FROM"
                                + " INFORMATION_SCHEMA.TABLE_CONSTRAINTS WHERE CONSTRAINT_SCHEMA <> 'INFORMATION_SCHEMA'"
                                + " ORDER BY 1, 2, 3"));
    }

    private static List<String> rows(String url) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = Jdbc.connect(H2Url.SCHEME, url, LOGIN); Statement s = c.createStatement()) {
            List<String> tables = query(url, "SELECT '\"' || TABLE_SCHEMA || '\".\"' || TABLE_NAME || '\"'"
                    + " FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_TYPE = 'BASE TABLE'"
                    + " AND TABLE_SCHEMA <> 'INFORMATION_SCHEMA' ORDER BY 1", List.of());
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY 1")) {
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder(table);
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                            row.append(" | ").append(describe(rs.getObject(i)));
                        }
                        out.add(row.toString());
                    }
                }
            }
        }
        return out;
    }

    private static String describe(Object value) throws Exception {
        byte[] bytes;
        if (value instanceof Blob blob) {
            bytes = blob.getBytes(1, (int) blob.length());
        } else if (value instanceof Clob clob) {
            bytes = clob.getSubString(1, (int) clob.length()).getBytes(StandardCharsets.UTF_8);
        } else if (value instanceof byte[] raw) {
            bytes = raw;
        } else {
            return value == null ? "NULL" : value.getClass().getSimpleName() + ":" + value;
        }
        return "sha256:" + bytes.length + ":" + HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static List<String> tableNames(String url) throws SQLException {
        return query(url, "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'", List.of());
    }

    private static List<String> query(String url, String sql, List<String> more) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = Jdbc.connect(H2Url.SCHEME, url, LOGIN); Statement s = c.createStatement()) {
            for (String each : concat(sql, more)) {
                try (ResultSet rs = s.executeQuery(each)) {
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                            row.append(i == 1 ? "" : " | ").append(rs.getString(i));
                        }
                        out.add(row.toString());
                    }
                }
            }
        }
        return out;
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    private static void execute(String url, String... statements) throws SQLException {
        try (Connection c = Jdbc.connect(H2Url.SCHEME, url, LOGIN); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
