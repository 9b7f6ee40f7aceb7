package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import io.jenkins.plugins.dbrunbooks.engine.method.BackupReceipt;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.method.RestoreOptions;
import io.jenkins.plugins.dbrunbooks.engine.method.RestoreSource;
import io.jenkins.plugins.dbrunbooks.engine.method.h2.H2NativeMethod;
import java.io.OutputStream;

/**
 * H2 over JDBC in the portable snapshot format, so its data can move to and from the other engines.
 */
public final class H2JdbcMethod extends SnapshotMethod {
    private final SnapshotBackup backup = new SnapshotBackup("h2", ConsistentRead::h2);
    private final SnapshotRestore restore = new SnapshotRestore("h2", false, "");

    public H2JdbcMethod() {
        super("h2", new H2NativeMethod());
    }

    @Override
    public BackupReceipt backup(MethodContext context, OutputStream out) {
        return backup.run(context, out);
    }

    @Override
    public void restore(MethodContext context, RestoreSource source, RestoreOptions options) {
        // H2 is an embedded file database: DDL on several connections at once gains nothing.
        restore.run(context, source, 1);
    }
}
