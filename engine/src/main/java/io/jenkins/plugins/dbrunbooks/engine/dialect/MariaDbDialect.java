package io.jenkins.plugins.dbrunbooks.engine.dialect;

import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.DatabaseLock;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.MariaDbDatabaseLock;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseAdmin;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseMethod;
import io.jenkins.plugins.dbrunbooks.engine.method.JdbcScheme;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.JdbcMethod;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.MariaDbSnapshotDialect;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.SnapshotDialect;
import io.jenkins.plugins.dbrunbooks.engine.method.mariadb.MariaDbNativeMethod;
import io.jenkins.plugins.dbrunbooks.engine.method.mariadb.MariaDbUrl;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * MariaDB and MySQL: mariadb-dump natively, InnoDB snapshots and LOAD DATA over JDBC, a server-wide read-only
 * lock.
 */
public final class MariaDbDialect implements Dialect {
    private final MariaDbNativeMethod nativeMethod = new MariaDbNativeMethod();
    private final SnapshotDialect snapshot = new MariaDbSnapshotDialect();
    private final List<DatabaseMethod> methods = List.of(nativeMethod, new JdbcMethod(snapshot, nativeMethod));

    @Override
    public String engine() {
        return nativeMethod.engine();
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
    public List<DatabaseMethod> methods() {
        return methods;
    }

    @Override
    public SnapshotDialect snapshot() {
        return snapshot;
    }

    @Override
    public DatabaseAdmin admin(MethodContext context) {
        return nativeMethod.admin(context);
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
