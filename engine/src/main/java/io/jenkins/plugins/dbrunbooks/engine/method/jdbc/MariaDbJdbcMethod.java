package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import io.jenkins.plugins.dbrunbooks.engine.method.BackupReceipt;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.method.RestoreOptions;
import io.jenkins.plugins.dbrunbooks.engine.method.RestoreSource;
import io.jenkins.plugins.dbrunbooks.engine.method.mariadb.MariaDbNativeMethod;
import java.io.OutputStream;

/**
 * MariaDB and MySQL over JDBC alone: tables read on several connections whose InnoDB consistent snapshots start at
 * one moment, rows streamed, no client tools needed.
 */
public final class MariaDbJdbcMethod extends SnapshotMethod {
    private final int backupJobs;
    private final SnapshotRestore restore = new SnapshotRestore("mariadb", false, "", new MariaDbBulkLoader(),
            false);

    public MariaDbJdbcMethod() {
        this(defaultJobs());
    }

    /**
     * @param backupJobs connections that read tables at once on backup; more than one needs the RELOAD privilege
     *     for the moment's global read lock, else the backup reads on one
     */
    public MariaDbJdbcMethod(int backupJobs) {
        super("mariadb", new MariaDbNativeMethod());
        this.backupJobs = Math.max(1, backupJobs);
    }

    @Override
    public BackupReceipt backup(MethodContext context, OutputStream out) {
        return ParallelCopyBackup.mariaDb(backupJobs).run(context, out);
    }

    @Override
    public void restore(MethodContext context, RestoreSource source, RestoreOptions options) {
        restore.run(context, source, options.jobs());
    }
}
