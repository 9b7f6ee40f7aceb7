package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import io.jenkins.plugins.dbrunbooks.engine.method.BackupReceipt;
import io.jenkins.plugins.dbrunbooks.engine.method.Capabilities;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseAdmin;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseMethod;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.method.RestoreOptions;
import io.jenkins.plugins.dbrunbooks.engine.method.RestoreSource;
import io.jenkins.plugins.dbrunbooks.engine.method.h2.H2NativeMethod;
import java.io.OutputStream;

/**
 * H2 over JDBC in the portable snapshot format, so its data can move to and from the other engines.
 */
public final class H2JdbcMethod implements DatabaseMethod {
    // The native method knows the engine's URLs and how to create, drop and swap its databases.
    private final H2NativeMethod nativeMethod = new H2NativeMethod();
    private final SnapshotBackup backup = new SnapshotBackup("h2", ConsistentRead::h2);
    private final SnapshotRestore restore = new SnapshotRestore("h2", false, "");

    @Override
    public String engine() {
        return "h2";
    }

    @Override
    public String name() {
        return "jdbc";
    }

    @Override
    public boolean serves(String jdbcUrl) {
        return nativeMethod.serves(jdbcUrl);
    }

    @Override
    public String payloadExtension() {
        return ".dbrj";
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(nativeMethod.capabilities().swapRestore(), false, false);
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

    @Override
    public DatabaseAdmin admin(MethodContext context) {
        return nativeMethod.admin(context);
    }
}
