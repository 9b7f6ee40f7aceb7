package io.jenkins.plugins.dbrunbooks.engine.testing;

import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.JdbcMethod;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.MariaDbSnapshotDialect;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.PostgresSnapshotDialect;
import io.jenkins.plugins.dbrunbooks.engine.method.mariadb.MariaDbNativeMethod;
import io.jenkins.plugins.dbrunbooks.engine.method.postgres.PostgresNativeMethod;

/** The jdbc method of one engine, with a chosen number of reading connections where a test needs one. */
public final class JdbcMethods {
    private JdbcMethods() {
    }

    public static JdbcMethod postgres() {
        return new JdbcMethod(new PostgresSnapshotDialect(), new PostgresNativeMethod());
    }

    public static JdbcMethod mariaDb() {
        return new JdbcMethod(new MariaDbSnapshotDialect(), new MariaDbNativeMethod());
    }

    public static JdbcMethod mariaDb(int backupJobs) {
        return new JdbcMethod(new MariaDbSnapshotDialect(), new MariaDbNativeMethod(), backupJobs);
    }
}
