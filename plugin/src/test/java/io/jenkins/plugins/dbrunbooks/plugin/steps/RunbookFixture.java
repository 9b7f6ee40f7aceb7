package io.jenkins.plugins.dbrunbooks.plugin.steps;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.Run;
import io.jenkins.plugins.dbrunbooks.plugin.audit.AuditTrail;
import io.jenkins.plugins.dbrunbooks.plugin.config.DatabaseConfig;
import io.jenkins.plugins.dbrunbooks.plugin.config.EnvironmentConfig;
import io.jenkins.plugins.dbrunbooks.plugin.config.RunbooksConfiguration;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.rules.TemporaryFolder;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * Two environments with one embedded H2 database each, {@code dev/shop} and the protected {@code prod/shop},
 * their backup directories in a temporary folder, and one credential per role that all log in as the same H2
 * user (an embedded H2 database has a single administrator).
 */
public final class RunbookFixture {
    public static final String USER = "shop_admin_7";
    public static final String PASSWORD = "Pw-4f9c2e-never-in-logs";
    public static final int ROWS = 25;

    private final TemporaryFolder folder;

    public RunbookFixture(TemporaryFolder folder) {
        this.folder = folder;
    }

    /** Configures dev and the protected prod, adds their credentials and fills both databases. */
    public RunbookFixture setUp() throws Exception {
        List<Credentials> credentials = new ArrayList<>();
        for (String environment : List.of("dev", "prod")) {
            for (String role : List.of("backup", "restore", "deploy")) {
                credentials.add(new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL,
                        environment + "-shop-" + role, null, USER, PASSWORD));
            }
        }
        SystemCredentialsProvider provider = SystemCredentialsProvider.getInstance();
        provider.setDomainCredentialsMap(Map.of(Domain.global(), credentials));
        provider.save();
        RunbooksConfiguration.get().setEnvironments(List.of(environment("dev", false),
                environment("prod", true)));
        fill("dev");
        fill("prod");
        return this;
    }

    private EnvironmentConfig environment(String name, boolean protectedEnvironment) throws IOException {
        EnvironmentConfig environment = new EnvironmentConfig(name);
        environment.setProtectedEnvironment(protectedEnvironment);
        environment.setBackupRoot(backupRoot(name).toString());
        DatabaseConfig shop = new DatabaseConfig("shop", url(name, "shop"));
        shop.setBackupCredentialsId(name + "-shop-backup");
        shop.setRestoreCredentialsId(name + "-shop-restore");
        shop.setDeployCredentialsId(name + "-shop-deploy");
        environment.setDatabases(List.of(shop));
        return environment;
    }

    public Path backupRoot(String environment) {
        return folder.getRoot().toPath().resolve("backups").resolve(environment).toAbsolutePath();
    }

    public Path databaseDirectory(String environment) {
        return folder.getRoot().toPath().resolve("databases").resolve(environment).toAbsolutePath();
    }

    public String url(String environment, String database) {
        return "jdbc:h2:" + databaseDirectory(environment).resolve(database);
    }

    public boolean databaseExists(String environment, String database) {
        return Files.exists(databaseDirectory(environment).resolve(database + ".mv.db"));
    }

    /** Every database file in the environment's directory, by name without the {@code .mv.db} ending. */
    public List<String> databases(String environment) throws IOException {
        try (Stream<Path> files = Files.list(databaseDirectory(environment))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".mv.db"))
                    .map(n -> n.substring(0, n.length() - ".mv.db".length())).sorted().toList();
        }
    }

    public void fill(String environment) throws SQLException {
        try (Connection c = connect(url(environment, "shop")); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS items (id INT PRIMARY KEY, name VARCHAR(40))");
            s.execute("DELETE FROM items");
            for (int i = 1; i <= ROWS; i++) {
                s.execute("INSERT INTO items VALUES (" + i + ", 'item " + environment + " " + i + "')");
            }
        }
    }

    public void execute(String environment, String sql) throws SQLException {
        try (Connection c = connect(url(environment, "shop")); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    public int rows(String environment, String database) throws SQLException {
        try (Connection c = connect(url(environment, database)); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM items")) {
            r.next();
            return r.getInt(1);
        }
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, USER, PASSWORD);
    }

    /** The console log, the build record and the audit trail: everywhere a secret must never be. */
    public static String everythingRecorded(Run<?, ?> run) throws IOException {
        StringBuilder all = new StringBuilder(JenkinsRule.getLog(run));
        all.append(Files.readString(new File(run.getRootDir(), "build.xml").toPath(), StandardCharsets.UTF_8));
        File audit = AuditTrail.get().file();
        if (audit.exists()) {
            all.append(Files.readString(audit.toPath(), StandardCharsets.UTF_8));
        }
        return all.toString();
    }
}
