package io.jenkins.plugins.dbrunbooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.config.DatabaseTarget;
import io.jenkins.plugins.dbrunbooks.engine.config.Environment;
import io.jenkins.plugins.dbrunbooks.engine.config.Role;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ConfigTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path write(String yaml) throws IOException {
        Path file = tmp.getRoot().toPath().resolve("dbrunbooks.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static final String GOOD = """
            toolPaths: [tools/bin]
            environments:
              - name: qa
                backupRoot: backups/qa
                retention: {keepLast: 7, maxAgeDays: 30}
                databases:
                  - name: orders
                    url: jdbc:postgresql://db-qa:5432/orders
                    method: native
                    credentials:
                      backup:  {user: orders_backup, passwordEnv: ORDERS_QA_BACKUP_PASSWORD}
                      restore: {user: orders_restore, passwordFile: secrets/restore}
                      deploy:  {integrated: true}
              - name: prod
                protected: true
                backupRoot: /srv/backups/prod
                databases:
                  - name: orders
                    url: jdbc:postgresql://db-prod:5432/orders
                    credentials:
                      backup: {user: postgres}
            """;

    @Test
    public void readsAGoodFileWithPathsRelativeToIt() throws IOException {
        Path file = write(GOOD);
        Path dir = file.getParent();
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/restore"), "file-pass\n");

        CliConfig config = ConfigLoader.load(file, Map.of("ORDERS_QA_BACKUP_PASSWORD", "env-pass")::get);

        Environment qa = config.runbooks().environment("qa");
        assertThat(qa.protectedEnvironment()).isFalse();
        assertThat(qa.backupRoot()).isEqualTo(dir.resolve("backups/qa").toString());
        assertThat(qa.retention().keepLast()).isEqualTo(7);
        assertThat(qa.retention().maxAgeDays()).isEqualTo(30);
        DatabaseTarget orders = qa.database("orders");
        assertThat(orders.credentialId(Role.RESTORE)).contains("qa/orders/restore");
        assertThat(config.runbooks().environment("prod").protectedEnvironment()).isTrue();
        assertThat(config.auditLog()).isEqualTo(dir.resolve("dbrunbooks-audit.jsonl"));
        assertThat(config.toolPaths()).containsExactly(dir.resolve("tools/bin"));

        DbCredential backup = config.credentials().resolve(qa, orders, Role.BACKUP);
        assertThat(backup.userName()).contains("orders_backup");
        assertThat(backup.password().orElseThrow().reveal()).isEqualTo("env-pass");
        DbCredential restore = config.credentials().resolve(qa, orders, Role.RESTORE);
        assertThat(restore.password().orElseThrow().reveal()).isEqualTo("file-pass");
        assertThat(config.credentials().resolve(qa, orders, Role.DEPLOY).userName()).isEmpty();
        DbCredential userOnly = config.credentials().resolve(config.runbooks().environment("prod"),
                config.runbooks().environment("prod").database("orders"), Role.BACKUP);
        assertThat(userOnly.userName()).contains("postgres");
        assertThat(userOnly.password()).isEmpty();
    }

    @Test
    public void refusesABackupLoginThatIsTheDeployLogin() throws IOException {
        Path file = write(GOOD.replace("deploy:  {integrated: true}",
                "deploy:  {user: orders_backup, passwordEnv: ORDERS_QA_APP_PASSWORD}"));
        Cli.Result r = new Cli().run("--config", file.toString(), "list", "-e", "qa", "-d", "orders");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("Database 'qa/orders' uses its deployment login as its backup login")
                .contains("dedicated backup account");
        assertThat(r.out()).isEmpty();
    }

    @Test
    public void warnsWhenOneBackupLoginServesSeveralEnvironments() throws IOException {
        Path file = write(GOOD.replace("backup: {user: postgres}", "backup: {user: orders_backup}"));

        CliConfig config = ConfigLoader.load(file, Map.<String, String>of()::get);
        assertThat(config.warnings()).singleElement().asString()
                .contains("Backup login 'orders_backup' serves 2 environments (qa, prod)");

        Cli.Result r = new Cli().run("--config", file.toString(), "list", "-e", "qa", "-d", "orders");
        assertThat(r.err()).contains("dbrunbooks: warning: Backup login 'orders_backup' serves 2 environments");
        assertThat(r.out()).doesNotContain("warning");
    }

    @Test
    public void aDisciplinedFileHasNoWarning() throws IOException {
        assertThat(ConfigLoader.load(write(GOOD), Map.<String, String>of()::get).warnings()).isEmpty();
    }

    @Test
    public void refusesAPasswordInTheFile() throws IOException {
        Path file = write(GOOD.replace("{user: postgres}", "{user: postgres, password: hunter2}"));
        Cli.Result r = new Cli().run("--config", file.toString(), "list", "-e", "qa", "-d", "orders");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("password").contains("passwordEnv").contains("passwordFile")
                .doesNotContain("hunter2");
    }

    @Test
    public void namesAnUnknownKey() throws IOException {
        Path file = write(GOOD.replace("method: native", "methd: native"));
        Cli.Result r = new Cli().run("list", "--config", file.toString(), "-e", "qa", "-d", "orders");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("unknown key 'methd'").contains("environments[0].databases[0]");
    }

    @Test
    public void namesAnUnknownTopLevelKey() throws IOException {
        Path file = write("auditlog: x.jsonl\n" + GOOD);
        Cli.Result r = new Cli().run("list", "--config", file.toString(), "-e", "qa", "-d", "orders");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("unknown key 'auditlog' at the top level").contains("auditLog");
    }

    @Test
    public void roleWithoutCredentialNamesEnvironmentDatabaseAndRole() throws IOException {
        Path file = write(GOOD);
        Cli.Result r = new Cli().run("--config", file.toString(), "restore", "-e", "prod", "-d", "orders",
                "--confirm", "prod", "--target-database", "orders_copy");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("'prod/orders'").contains("role 'restore'");
    }

    @Test
    public void unknownEnvironmentIsAUsageErrorListingTheKnownOnes() throws IOException {
        Path file = write(GOOD);
        Cli.Result r = new Cli().env("DBRUNBOOKS_CONFIG", file.toString()).run("list", "-e", "staging", "-d", "x");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).startsWith("dbrunbooks: ").contains("'staging'").contains("qa, prod");
        assertThat(r.out()).isEmpty();
    }

    @Test
    public void missingPasswordVariableNamesTheVariable() throws IOException {
        Path file = write(GOOD);
        Cli.Result r = new Cli().run("--config", file.toString(), "backup", "-e", "qa", "-d", "orders");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("ORDERS_QA_BACKUP_PASSWORD").contains("qa/orders").doesNotContain("Exception");
        assertThat(r.out()).isEmpty();
    }

    @Test
    public void unreadablePasswordFileNamesTheFile() throws IOException {
        Path file = write(GOOD);
        Cli.Result r = new Cli().run("--config", file.toString(), "restore", "-e", "qa", "-d", "orders",
                "--target-database", "orders_copy");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("secrets/restore");
    }

    @Test
    public void aPasswordNeverReachesTheOutput() throws IOException {
        // Port 1 refuses connections, so the backup fails after the password was resolved.
        Path file = write(GOOD.replace("db-qa:5432", "127.0.0.1:1"));
        Cli.Result r = new Cli().env("ORDERS_QA_BACKUP_PASSWORD", "s3cret-Value-42")
                .run("--config", file.toString(), "backup", "-e", "qa", "-d", "orders");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.all()).doesNotContain("s3cret-Value-42");
        Path audit = file.getParent().resolve("dbrunbooks-audit.jsonl");
        assertThat(Files.readString(audit)).doesNotContain("s3cret-Value-42");
    }

    @Test
    public void missingConfigurationFileIsAConfigurationError() {
        Cli.Result r = new Cli().run("--config", tmp.getRoot().toPath().resolve("none.yaml").toString(), "list",
                "-e", "qa", "-d", "orders");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("none.yaml").contains("DBRUNBOOKS_CONFIG");
    }
}
