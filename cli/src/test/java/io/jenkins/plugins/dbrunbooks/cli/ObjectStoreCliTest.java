package io.jenkins.plugins.dbrunbooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.testing.S3TestServer;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestDatabase;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Two machines sharing one bucket, as two agents of a Jenkins do: two {@code dbrunbooks} processes, each in a
 * working directory of its own with its own configuration file and nothing else in common but the S3 server.
 */
public class ObjectStoreCliTest {
    @ClassRule
    public static final S3TestServer SERVER = new S3TestServer();
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void shouldRestoreOnOneMachineWhatAnotherBackedUp() throws Exception {
        try (TestDatabase db = TestServers.newPostgresDatabase()) {
            db.execute("CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL)",
                    "INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 100) g");
            String bucket = SERVER.newBucket();
            Path first = machine("first", bucket, db.url());
            Path second = machine("second", bucket, db.url());
            String copy = TestServers.uniqueName();
            try {
                Run backup = run(first, "backup", "-e", "qa", "-d", "orders");
                assertThat(backup.exit).as(backup.output).isZero();
                String id = backup.output.lines().filter(l -> l.matches("\\d{8}T\\d{9}Z-[0-9a-f]{4}")).findFirst()
                        .orElseThrow();

                Run list = run(second, "list", "-e", "qa", "-d", "orders");
                assertThat(list.exit).as(list.output).isZero();
                assertThat(list.output).contains(id);
                Run verify = run(second, "verify", "-e", "qa", "-d", "orders", "--backup", id);
                assertThat(verify.exit).as(verify.output).isZero();
                Run restore = run(second, "restore", "-e", "qa", "-d", "orders", "--target-database", copy);
                assertThat(restore.exit).as(restore.output).isZero();

                assertThat(restore.output).as("every row loads as it streams from the bucket: nothing of the backup"
                        + " but its table of contents is written locally").contains("as the backup is read")
                        .doesNotContain("private working file");
                assertThat(count(TestServers.postgresUrl(copy))).isEqualTo(100);
                assertThat(SERVER.objects(bucket)).allMatch(key -> key.startsWith("backups/qa/orders/" + id));
                assertThat(first.resolve("backups")).doesNotExist();
                assertThat(second.resolve("backups")).doesNotExist();
                assertThat(backup.output + list.output + restore.output).doesNotContain(S3TestServer.SECRET_KEY,
                        "SLF4J");
            } finally {
                TestServers.dropPostgres(copy);
            }
        }
    }

    @Test
    public void shouldNameTheVariableThatHoldsNoSecret() throws Exception {
        Path dir = machine("lonely", SERVER.newBucket(), "jdbc:h2:" + tmp.getRoot().toPath().resolve("h2db"));
        Cli.Result result = new Cli().env("DBRUNBOOKS_CONFIG", dir.resolve("dbrunbooks.yaml").toString())
                .env("TEST_S3_KEY_ID", S3TestServer.ACCESS_KEY).run("list", "-e", "qa", "-d", "orders");

        assertThat(result.exit()).as(result.toString()).isEqualTo(1);
        assertThat(result.err()).contains("Environment variable 'TEST_S3_SECRET' for the object store of environment"
                + " 'qa' is not set");
    }

    @Test
    public void shouldSayTheKeyWasRefused() throws Exception {
        Path dir = machine("refused", SERVER.newBucket(), "jdbc:h2:" + tmp.getRoot().toPath().resolve("h2db"));
        Cli.Result result = new Cli().env("DBRUNBOOKS_CONFIG", dir.resolve("dbrunbooks.yaml").toString())
                .env("TEST_S3_KEY_ID", S3TestServer.ACCESS_KEY).env("TEST_S3_SECRET", "wrong-secret")
                .run("list", "-e", "qa", "-d", "orders");

        assertThat(result.exit()).as(result.toString()).isEqualTo(1);
        assertThat(result.err()).contains("refused the key").doesNotContain("wrong-secret");
    }

    @Test
    public void shouldRefuseABadBucketOrAKeyWithoutItsSecretWhenTheFileIsRead() throws Exception {
        Path dir = tmp.newFolder("bad").toPath();
        Path config = dir.resolve("dbrunbooks.yaml");
        Files.writeString(config, """
                environments:
                  - name: qa
                    backupRoot: s3://Bad_Bucket/backups
                """);
        Cli cli = new Cli().env("DBRUNBOOKS_CONFIG", config.toString());
        Cli.Result bucket = cli.run("list", "-e", "qa", "-d", "orders");
        Files.writeString(config, """
                environments:
                  - name: qa
                    backupRoot: s3://good-bucket/backups
                    objectStore:
                      credentials: {accessKeyId: AKIAEXAMPLE}
                """);
        Cli.Result secret = cli.run("list", "-e", "qa", "-d", "orders");
        Files.writeString(config, """
                environments:
                  - name: qa
                    backupRoot: /var/backups
                    objectStore: {endpoint: "https://minio.example.com"}
                """);
        Cli.Result directory = cli.run("list", "-e", "qa", "-d", "orders");

        assertThat(bucket.exit()).as(bucket.toString()).isEqualTo(2);
        assertThat(bucket.err()).contains("Bucket 'Bad_Bucket' in backup root 's3://Bad_Bucket/backups' is not a"
                + " valid bucket name");
        assertThat(secret.exit()).as(secret.toString()).isEqualTo(2);
        assertThat(secret.err()).contains("need one of secretAccessKeyEnv and secretAccessKeyFile");
        assertThat(directory.exit()).as(directory.toString()).isEqualTo(2);
        assertThat(directory.err()).contains("has object store settings but its backup root '/var/backups' is a"
                + " directory");
    }

    /** A working directory with a configuration whose backups go to {@code bucket}, the key from variables. */
    private Path machine(String name, String bucket, String url) throws IOException {
        Path dir = tmp.newFolder(name).toPath();
        Files.writeString(dir.resolve("dbrunbooks.yaml"), """
                auditLog: audit.jsonl
                environments:
                  - name: qa
                    backupRoot: s3://%s/backups
                    objectStore:
                      endpoint: %s
                      region: us-east-1
                      pathStyle: true
                      credentials: {accessKeyIdEnv: TEST_S3_KEY_ID, secretAccessKeyEnv: TEST_S3_SECRET}
                    databases:
                      - name: orders
                        url: %s
                        method: native
                        credentials:
                          backup: {user: %s}
                          restore: {user: %s}
                """.formatted(bucket, SERVER.endpoint(), url, TestServers.PG_USER, TestServers.PG_USER));
        return dir;
    }

    private record Run(int exit, String output) {
    }

    /** The command in a process of its own, started in {@code dir}, as a user on that machine runs it. */
    private static Run run(Path dir, String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName());
        builder.command().addAll(java.util.List.of(args));
        builder.environment().put("TEST_S3_KEY_ID", S3TestServer.ACCESS_KEY);
        builder.environment().put("TEST_S3_SECRET", S3TestServer.SECRET_KEY);
        builder.environment().remove("DBRUNBOOKS_CONFIG");
        Process p = builder.directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), output);
    }

    private static int count(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, TestServers.PG_USER, null);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM items")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
