package io.jenkins.plugins.dbrunbooks.engine.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.artifact.AgeKeys;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupResult;
import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.config.Retention;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.credentials.SecretValue;
import io.jenkins.plugins.dbrunbooks.engine.dialect.Dialects;
import io.jenkins.plugins.dbrunbooks.engine.inventory.Inventory;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreOperation;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreRequest;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.ExternalTools;
import io.jenkins.plugins.dbrunbooks.engine.testing.S3TestServer;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import io.jenkins.plugins.dbrunbooks.engine.verify.VerifyOperation;
import io.jenkins.plugins.dbrunbooks.engine.verify.VerifyRequest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/**
 * Every engine and method, encrypted and not, backed up into a real S3 server, verified, listed and restored in
 * place from it.
 */
@RunWith(Parameterized.class)
public class ObjectStoreRoundTripTest {
    @ClassRule
    public static final S3TestServer SERVER = new S3TestServer();
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final String engine;
    private final MethodChoice method;
    private final boolean encrypted;

    public ObjectStoreRoundTripTest(String engine, MethodChoice method, boolean encrypted) {
        this.engine = engine;
        this.method = method;
        this.encrypted = encrypted;
    }

    @Parameters(name = "{0} {1} encrypted={2}")
    public static List<Object[]> cases() {
        List<Object[]> cases = new ArrayList<>();
        for (String engine : List.of("postgresql", "mariadb", "h2")) {
            for (MethodChoice method : List.of(MethodChoice.NATIVE, MethodChoice.JDBC)) {
                cases.add(new Object[] {engine, method, false});
                cases.add(new Object[] {engine, method, true});
            }
        }
        return cases;
    }

    @Test
    public void shouldBackUpIntoTheBucketAndRestoreFromIt() throws Exception {
        try (TestDatabase db = database()) {
            roundTrip(db.url(), db.login());
        }
    }

    private TestDatabase database() {
        return switch (engine) {
            case "postgresql" -> TestServers.newPostgresDatabase();
            case "mariadb" -> TestServers.newMariaDbDatabase();
            default -> new TestDatabase("orders", "jdbc:h2:" + tmp.getRoot().toPath().resolve("h2/orders")
                    .toAbsolutePath(), DbCredential.of("sa", ""), () -> { });
        };
    }

    private void roundTrip(String url, DbCredential login) throws Exception {
        execute(url, login, "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20))",
                "INSERT INTO items VALUES (1, 'one'), (2, 'two'), (3, 'three')");
        ExternalTools.AgeKey key = encrypted ? keys() : null;
        String bucket = SERVER.newBucket();
        EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), login)
                .objectStore("s3://" + bucket + "/runbooks", SERVER.settings(), S3TestServer.credential())
                .environment("qa", false, key == null ? List.of() : List.of(key.recipient()), Retention.KEEP_ALL,
                        EngineFixture.database("orders", url, method));
        SecretValue identity = key == null ? null : AgeKeys.readIdentityFile(key.identityFile());

        BackupResult backup = new BackupOperation(fixture.context()).run(new BackupRequest("qa", "orders", null));

        assertThat(backup.payloadLocation()).startsWith("s3://" + bucket + "/runbooks/qa/orders/" + backup.id());
        assertThat(new Inventory(fixture.context()).list("qa", "orders")).extracting(m -> m.id())
                .containsExactly(backup.id());
        assertThat(new VerifyOperation(fixture.context()).run(new VerifyRequest("qa", "orders", "latest", identity))
                .passed()).isTrue();
        execute(url, login, "DELETE FROM items WHERE id > 1", "UPDATE items SET name = 'changed'");

        new RestoreOperation(fixture.context()).run(RestoreRequest.of("qa", "orders").withBackup(backup.id())
                .withIdentity(identity).withSafetyBackup(false));

        assertThat(names(url, login)).isEqualTo("one,two,three");
        // The verify kept how far it proved the backup as a note beside it, which lists as no backup of its own.
        assertThat(SERVER.objects(bucket)).containsExactlyInAnyOrder(
                "runbooks/qa/orders/" + backup.id() + ".manifest.json",
                "runbooks/qa/orders/" + backup.id() + ".verified",
                backup.payloadLocation().substring(("s3://" + bucket + "/").length()));
        assertThat(new Inventory(fixture.context()).list("qa", "orders")).extracting(m -> m.id())
                .containsExactly(backup.id());
    }

    private ExternalTools.AgeKey keys() {
        ExternalTools.require("age-keygen");
        return ExternalTools.AgeKey.generate(tmp.getRoot().toPath(), "id");
    }

    private static void execute(String url, DbCredential login, String... statements) throws SQLException {
        try (Connection c = Dialects.standard().connect(url, login);
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static String names(String url, DbCredential login) throws SQLException {
        StringBuilder names = new StringBuilder();
        try (Connection c = Dialects.standard().connect(url, login);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT name FROM items ORDER BY id")) {
            while (rs.next()) {
                names.append(names.length() == 0 ? "" : ",").append(rs.getString(1));
            }
        }
        return names.toString();
    }
}
