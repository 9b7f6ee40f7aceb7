package io.jenkins.plugins.dbrunbooks.engine.testing;

import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The real database servers the tests run against. A missing server skips the test on a developer's machine
 * and fails it in CI (environment variable {@code CI=true}), where every test must run.
 */
public final class TestServers {
    public static final String PG_HOST = env("DBRUNBOOKS_TEST_PG_HOST", "127.0.0.1");
    public static final String PG_PORT = env("DBRUNBOOKS_TEST_PG_PORT", "5432");
    public static final String PG_USER = env("DBRUNBOOKS_TEST_PG_USER", "postgres");
    public static final String MARIADB_HOST = env("DBRUNBOOKS_TEST_MARIADB_HOST", "127.0.0.1");
    public static final String MARIADB_PORT = env("DBRUNBOOKS_TEST_MARIADB_PORT", "3306");
    public static final String MARIADB_USER = env("DBRUNBOOKS_TEST_MARIADB_USER", "root");

    private TestServers() {
    }

    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    public static String postgresUrl(String database) {
        return "jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/" + database;
    }

    public static String mariaDbUrl(String database) {
        return "jdbc:mariadb://" + MARIADB_HOST + ":" + MARIADB_PORT + "/" + database;
    }

    public static DbCredential postgresLogin() {
        return DbCredential.of(PG_USER, null);
    }

    public static DbCredential mariaDbLogin() {
        return DbCredential.of(MARIADB_USER, null);
    }

    /** A new, empty PostgreSQL database, dropped when closed. */
    public static TestDatabase newPostgresDatabase() {
        requireServer("PostgreSQL", postgresUrl("postgres"), PG_USER);
        String name = uniqueName();
        execute(postgresUrl("postgres"), PG_USER, "CREATE DATABASE " + name);
        return new TestDatabase(name, postgresUrl(name), postgresLogin(),
                () -> dropPostgres(name));
    }

    public static void dropPostgres(String name) {
        execute(postgresUrl("postgres"), PG_USER, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** A new, empty MariaDB database, dropped when closed. */
    public static TestDatabase newMariaDbDatabase() {
        requireServer("MariaDB", mariaDbUrl(""), MARIADB_USER);
        String name = uniqueName();
        execute(mariaDbUrl(""), MARIADB_USER, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
        return new TestDatabase(name, mariaDbUrl(name), mariaDbLogin(), () -> dropMariaDb(name));
    }

    public static void dropMariaDb(String name) {
        execute(mariaDbUrl(""), MARIADB_USER, "DROP DATABASE IF EXISTS " + name);
    }

    public static String uniqueName() {
        return "dbrt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    }

    /** Skips locally, fails in CI, when a server does not answer. */
    public static void requireServer(String what, String url, String user) {
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            return;
        } catch (SQLException e) {
            String message = what + " is not reachable at " + url + ": " + e.getMessage();
            if (inCi()) {
                fail(message + " (CI requires every server test to run)");
            }
            assumeTrue(message, false);
        }
    }

    public static void execute(String url, String user, String... statements) {
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Test setup failed on " + url + ": " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Whether the PostgreSQL server has a database of this name. */
    public static boolean postgresHas(String name) {
        return has(postgresUrl("postgres"), PG_USER, "SELECT 1 FROM pg_database WHERE datname = ?", name);
    }

    /** Whether the MariaDB server has a database of this name. */
    public static boolean mariaDbHas(String name) {
        return has(mariaDbUrl(""), MARIADB_USER, "SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?",
                name);
    }

    private static boolean has(String url, String user, String sql, String name) {
        try (Connection c = DriverManager.getConnection(url, user, ""); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
