package io.jenkins.plugins.dbrunbooks.engine.dialect;

import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.DatabaseLock;
import io.jenkins.plugins.dbrunbooks.engine.method.JdbcScheme;
import io.jenkins.plugins.dbrunbooks.engine.method.h2.H2NativeMethod;
import io.jenkins.plugins.dbrunbooks.engine.method.h2.H2Url;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.H2SnapshotDialect;
import java.time.Clock;
import java.util.Optional;

/** H2: its SCRIPT natively, one transaction over JDBC; no database lock. */
public final class H2Dialect extends NativeFirstDialect {
    public H2Dialect() {
        super(new H2NativeMethod(), new H2SnapshotDialect());
    }

    @Override
    public String displayName() {
        return "H2";
    }

    @Override
    public JdbcScheme scheme() {
        return H2Url.SCHEME;
    }

    @Override
    public boolean hasDatabaseLock() {
        return false;
    }

    @Override
    public Optional<DatabaseLock> lock(String jdbcUrl, DbCredential credential, Clock clock) {
        return Optional.empty();
    }
}
