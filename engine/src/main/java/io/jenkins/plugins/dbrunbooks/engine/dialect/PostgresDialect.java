package io.jenkins.plugins.dbrunbooks.engine.dialect;

import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.DatabaseLock;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.PostgresDatabaseLock;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseAdmin;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseMethod;
import io.jenkins.plugins.dbrunbooks.engine.method.JdbcScheme;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.JdbcMethod;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.PostgresSnapshotDialect;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.SnapshotDialect;
import io.jenkins.plugins.dbrunbooks.engine.method.postgres.PostgresNativeMethod;
import io.jenkins.plugins.dbrunbooks.engine.method.postgres.PostgresUrl;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** PostgreSQL: pg_dump and pg_restore natively, an exported snapshot and COPY over JDBC, database-level locks. */
public final class PostgresDialect implements Dialect {
    private final PostgresNativeMethod nativeMethod = new PostgresNativeMethod();
    private final SnapshotDialect snapshot = new PostgresSnapshotDialect();
    private final List<DatabaseMethod> methods = List.of(nativeMethod, new JdbcMethod(snapshot, nativeMethod));

    @Override
    public String engine() {
        return nativeMethod.engine();
    }

    @Override
    public String displayName() {
        return "PostgreSQL";
    }

    @Override
    public JdbcScheme scheme() {
        return PostgresUrl.SCHEME;
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
        return Optional.of(new PostgresDatabaseLock(jdbcUrl, credential, clock));
    }
}
