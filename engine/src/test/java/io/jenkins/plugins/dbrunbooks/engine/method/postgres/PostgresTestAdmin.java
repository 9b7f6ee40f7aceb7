package io.jenkins.plugins.dbrunbooks.engine.method.postgres;

import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Looks at the server's databases from outside the code under test. */
final class PostgresTestAdmin {
    private PostgresTestAdmin() {
    }

    static boolean exists(String name) {
        return !namesLike(name).isEmpty();
    }

    static List<String> namesLike(String pattern) {
        try (Connection c = DriverManager.getConnection(TestServers.postgresUrl("postgres"), TestServers.PG_USER, "");
                PreparedStatement ps = c.prepareStatement("SELECT datname FROM pg_database WHERE datname LIKE ?")) {
            ps.setString(1, pattern);
            List<String> names = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
