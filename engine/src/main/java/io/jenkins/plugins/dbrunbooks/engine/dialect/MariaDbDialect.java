package io.jenkins.plugins.dbrunbooks.engine.dialect;

import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.DatabaseLock;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.MariaDbDatabaseLock;
import io.jenkins.plugins.dbrunbooks.engine.method.JdbcScheme;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.MariaDbSnapshotDialect;
import io.jenkins.plugins.dbrunbooks.engine.method.mariadb.MariaDbNativeMethod;
import io.jenkins.plugins.dbrunbooks.engine.method.mariadb.MariaDbUrl;
import java.time.Clock;
import java.util.Optional;

/**
 * MariaDB and MySQL: mariadb-dump natively, InnoDB snapshots and LOAD DATA over JDBC, a server-wide read-only
 * lock.
 */
public final class MariaDbDialect extends NativeFirstDialect {
    public MariaDbDialect() {
        super(new MariaDbNativeMethod(), new MariaDbSnapshotDialect());
    }

    @Override
    public String displayName() {
        return "MariaDB";
    }

    @Override
    public JdbcScheme scheme() {
        return MariaDbUrl.SCHEME;
    }

    @Override
    public boolean hasDatabaseLock() {
        return true;
    }

    @Override
    public Optional<DatabaseLock> lock(String jdbcUrl, DbCredential credential, Clock clock) {
        return Optional.of(new MariaDbDatabaseLock(jdbcUrl, credential, clock));
    }
}
