package io.jenkins.plugins.dbrunbooks.engine.method;

import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/** Connects to a database as a given login and says what answered; for configuration forms. */
public final class ServerProbe {
    private ServerProbe() {
    }

    /** For example {@code PostgreSQL 15.20 as backup_qa}. */
    public static String describe(JdbcScheme scheme, String jdbcUrl, DbCredential credential) {
        try (Connection c = Jdbc.connect(scheme, jdbcUrl, credential)) {
            DatabaseMetaData meta = c.getMetaData();
            return meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion() + " as "
                    + (meta.getUserName() == null ? credential.userName().orElse("(integrated)") : meta.getUserName());
        } catch (SQLException e) {
            throw new RunbookException(ErrorKind.CONNECTION, "Connected, but the server did not describe itself: "
                    + e.getMessage(), null, e);
        }
    }
}
