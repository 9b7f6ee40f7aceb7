package io.jenkins.plugins.dbrunbooks.engine.dialect;

import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseAdmin;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseMethod;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.JdbcMethod;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.SnapshotDialect;
import java.util.List;

/**
 * A dialect whose native method also names the engine and administers its databases, with the {@code jdbc} method
 * second: what every engine here shares, so each dialect only says what differs.
 */
abstract class NativeFirstDialect implements Dialect {
    private final DatabaseMethod nativeMethod;
    private final SnapshotDialect snapshot;
    private final List<DatabaseMethod> methods;

    NativeFirstDialect(DatabaseMethod nativeMethod, SnapshotDialect snapshot) {
        this.nativeMethod = nativeMethod;
        this.snapshot = snapshot;
        this.methods = List.of(nativeMethod, new JdbcMethod(snapshot, nativeMethod));
    }

    @Override
    public final String engine() {
        return nativeMethod.engine();
    }

    @Override
    public final List<DatabaseMethod> methods() {
        return methods;
    }

    @Override
    public final SnapshotDialect snapshot() {
        return snapshot;
    }

    @Override
    public final DatabaseAdmin admin(MethodContext context) {
        return nativeMethod.admin(context);
    }
}
