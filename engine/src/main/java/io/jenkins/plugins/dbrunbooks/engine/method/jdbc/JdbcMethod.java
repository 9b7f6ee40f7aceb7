package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import io.jenkins.plugins.dbrunbooks.engine.method.BackupReceipt;
import io.jenkins.plugins.dbrunbooks.engine.method.Capabilities;
import io.jenkins.plugins.dbrunbooks.engine.method.Coverage;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseAdmin;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseMethod;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.method.RestoreOptions;
import io.jenkins.plugins.dbrunbooks.engine.method.RestoreSource;
import java.io.OutputStream;

/**
 * The {@code jdbc} method of every engine: the portable snapshot format, read on connections that see one moment
 * and loaded back without client tools, so a backup can move between engines. The engine's snapshot dialect says
 * how to read and load its data; its native method does what is not about the data (which URLs it serves, how to
 * create, drop and swap databases).
 */
public final class JdbcMethod implements DatabaseMethod {
    private final SnapshotDialect dialect;
    private final DatabaseMethod nativeMethod;
    private final int backupJobs;
    private final SnapshotRestore restore;
    private final EarlierCatalog earlier = new EarlierCatalog();

    /**
     * @param backupJobs connections that read tables at once on backup, where the engine can share one moment
     *     between them (MariaDB needs the RELOAD privilege for it, else it reads on one)
     */
    public JdbcMethod(SnapshotDialect dialect, DatabaseMethod nativeMethod, int backupJobs) {
        this.dialect = dialect;
        this.nativeMethod = nativeMethod;
        this.backupJobs = Math.max(1, backupJobs);
        this.restore = new SnapshotRestore(dialect);
    }

    public JdbcMethod(SnapshotDialect dialect, DatabaseMethod nativeMethod) {
        this(dialect, nativeMethod, defaultJobs());
    }

    /** Connections that work at once unless told otherwise: as many as there are processors, from 1 to 4. */
    static int defaultJobs() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    @Override
    public String engine() {
        return dialect.engine();
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
    public Coverage coverage(MethodContext context) {
        return SnapshotCoverage.of(dialect, context, earlier);
    }

    @Override
    public BackupReceipt backup(MethodContext context, OutputStream out) {
        return new ParallelCopyBackup(dialect, backupJobs).run(context, out, earlier.take(context));
    }

    @Override
    public void restore(MethodContext context, RestoreSource source, RestoreOptions options) {
        restore.run(context, source, options.jobs(), options.leftOut());
    }

    SnapshotDialect dialect() {
        return dialect;
    }

    int backupJobs() {
        return backupJobs;
    }

    @Override
    public DatabaseAdmin admin(MethodContext context) {
        return nativeMethod.admin(context);
    }
}
