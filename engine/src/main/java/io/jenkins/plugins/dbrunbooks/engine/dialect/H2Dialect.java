package io.jenkins.plugins.dbrunbooks.engine.dialect;

import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.DatabaseLock;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseAdmin;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseMethod;
import io.jenkins.plugins.dbrunbooks.engine.method.JdbcScheme;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.method.h2.H2NativeMethod;
import io.jenkins.plugins.dbrunbooks.engine.method.h2.H2Url;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.H2SnapshotDialect;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.JdbcMethod;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.SnapshotDialect;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** H2: its SCRIPT natively, one transaction over JDBC; no database lock. */
public final class H2Dialect implements Dialect {
    private final H2NativeMethod nativeMethod = new H2NativeMethod();
    private final SnapshotDialect snapshot = new H2SnapshotDialect();
    private final List<DatabaseMethod> methods = List.of(nativeMethod, new JdbcMethod(snapshot, nativeMethod));

    @Override
    public String engine() {
        return nativeMethod.engine();
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
        return false;
    }

    @Override
    public Optional<DatabaseLock> lock(String jdbcUrl, DbCredential credential, Clock clock) {
        return Optional.empty();
    }
}
