package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import io.jenkins.plugins.dbrunbooks.engine.method.BackupReceipt;
import io.jenkins.plugins.dbrunbooks.engine.method.Capabilities;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseAdmin;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseMethod;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.method.RestoreOptions;
import io.jenkins.plugins.dbrunbooks.engine.method.RestoreSource;
import io.jenkins.plugins.dbrunbooks.engine.method.postgres.PostgresNativeMethod;
import java.io.OutputStream;

/**
 * PostgreSQL over JDBC alone: one exported snapshot shared by the reading connections, so no client tools
 * are needed and the backup can be restored into another engine.
 */
public final class PostgresJdbcMethod implements DatabaseMethod {
    // The native method knows the engine's URLs and how to create, drop and swap its databases.
    private final PostgresNativeMethod nativeMethod = new PostgresNativeMethod();
    private final SnapshotBackup backup = new SnapshotBackup("postgresql", ConsistentRead::postgres);
    // Rows go in with COPY; the lambda keeps the driver's classes from loading before a restore needs them.
    private final SnapshotRestore restore = new SnapshotRestore("postgresql", true, "OVERRIDING SYSTEM VALUE",
            (c, table, names, columns, targets, reader) -> new PostgresCopyLoader().load(c, table, names, columns,
                    targets, reader), true);

    @Override
    public String engine() {
        return "postgresql";
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
        restore.run(context, source, options.jobs());
    }

    @Override
    public DatabaseAdmin admin(MethodContext context) {
        return nativeMethod.admin(context);
    }
}
