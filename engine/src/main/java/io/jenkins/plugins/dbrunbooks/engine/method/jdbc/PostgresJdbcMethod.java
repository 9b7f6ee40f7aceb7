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
    private final int backupJobs;
    // Rows go in with COPY; the lambdas keep the driver's classes from loading before a restore needs them.
    private final SnapshotRestore restore = new SnapshotRestore("postgresql", true, "OVERRIDING SYSTEM VALUE",
            (c, table, names, columns, targets, reader) -> new PostgresCopyLoader().load(c, table, names, columns,
                    targets, reader), true,
            (c, table, names, data) -> PostgresCopyLoader.loadBinary(c, table, names, data));

    public PostgresJdbcMethod() {
        this(defaultJobs());
    }

    /** @param backupJobs connections that read tables at once on backup */
    public PostgresJdbcMethod(int backupJobs) {
        this.backupJobs = Math.max(1, backupJobs);
    }

    /** As many as there are processors, from 1 to 4, like the restore's default. */
    static int defaultJobs() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

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
        return new ParallelCopyBackup(backupJobs).run(context, out);
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
