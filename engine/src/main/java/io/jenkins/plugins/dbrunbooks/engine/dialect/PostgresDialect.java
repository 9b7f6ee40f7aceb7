package io.jenkins.plugins.dbrunbooks.engine.dialect;

import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.DatabaseLock;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.PostgresDatabaseLock;
import io.jenkins.plugins.dbrunbooks.engine.method.JdbcScheme;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.PostgresSnapshotDialect;
import io.jenkins.plugins.dbrunbooks.engine.method.postgres.PostgresNativeMethod;
import io.jenkins.plugins.dbrunbooks.engine.method.postgres.PostgresUrl;
import java.time.Clock;
import java.util.Optional;

/** PostgreSQL: pg_dump and pg_restore natively, an exported snapshot and COPY over JDBC, database-level locks. */
public final class PostgresDialect extends NativeFirstDialect {
    public PostgresDialect() {
        super(new PostgresNativeMethod(), new PostgresSnapshotDialect());
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
    public boolean hasDatabaseLock() {
        return true;
    }

    @Override
    public Optional<DatabaseLock> lock(String jdbcUrl, DbCredential credential, Clock clock) {
        return Optional.of(new PostgresDatabaseLock(jdbcUrl, credential, clock));
    }
}
