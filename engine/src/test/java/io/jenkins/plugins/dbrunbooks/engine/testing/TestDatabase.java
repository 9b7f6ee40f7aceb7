package io.jenkins.plugins.dbrunbooks.engine.testing;

import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.dialect.Dialects;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** A database a test created; closing it drops it. */
public record TestDatabase(String name, String url, DbCredential login, Runnable dropper) implements AutoCloseable {

    public Connection connect() {
        return Dialects.standard().connect(url, login);
    }

    public void execute(String... statements) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Test SQL failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        dropper.run();
    }
}
