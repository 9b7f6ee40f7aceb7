package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import io.jenkins.plugins.dbrunbooks.engine.method.BackupReceipt;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.method.RestoreOptions;
import io.jenkins.plugins.dbrunbooks.engine.method.RestoreSource;
import io.jenkins.plugins.dbrunbooks.engine.method.postgres.PostgresNativeMethod;
import java.io.OutputStream;

/**
 * PostgreSQL over JDBC alone: one exported snapshot shared by the reading connections, so no client tools
 * are needed and the backup can be restored into another engine.
 */
public final class PostgresJdbcMethod extends SnapshotMethod {
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
        super("postgresql", new PostgresNativeMethod());
        this.backupJobs = Math.max(1, backupJobs);
    }

    @Override
    public BackupReceipt backup(MethodContext context, OutputStream out) {
        return new ParallelCopyBackup(backupJobs).run(context, out);
    }

    @Override
    public void restore(MethodContext context, RestoreSource source, RestoreOptions options) {
        restore.run(context, source, options.jobs());
    }
}
