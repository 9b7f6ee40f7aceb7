package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import io.jenkins.plugins.dbrunbooks.engine.method.BackupReceipt;
import io.jenkins.plugins.dbrunbooks.engine.method.Capabilities;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseAdmin;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseMethod;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.method.RestoreOptions;
import io.jenkins.plugins.dbrunbooks.engine.method.RestoreSource;
import io.jenkins.plugins.dbrunbooks.engine.method.mariadb.MariaDbNativeMethod;
import java.io.OutputStream;

/**
 * MariaDB and MySQL over JDBC alone: one InnoDB consistent snapshot, rows streamed, no client tools needed.
 */
public final class MariaDbJdbcMethod implements DatabaseMethod {
    // The native method knows the engine's URLs and how to create, drop and swap its databases.
    private final MariaDbNativeMethod nativeMethod = new MariaDbNativeMethod();
    private final SnapshotBackup backup = new SnapshotBackup("mariadb", ConsistentRead::mariaDb);
    private final SnapshotRestore restore = new SnapshotRestore("mariadb", false, "", new MariaDbBulkLoader(),
            false);

    @Override
    public String engine() {
        return "mariadb";
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
