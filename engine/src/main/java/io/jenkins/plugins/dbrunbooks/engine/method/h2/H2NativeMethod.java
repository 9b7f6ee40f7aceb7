package io.jenkins.plugins.dbrunbooks.engine.method.h2;

import io.jenkins.plugins.dbrunbooks.engine.artifact.ServerPosition;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.DataFingerprints;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.H2Fingerprinter;
import io.jenkins.plugins.dbrunbooks.engine.method.BackupReceipt;
import io.jenkins.plugins.dbrunbooks.engine.method.Capabilities;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseAdmin;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseMethod;
import io.jenkins.plugins.dbrunbooks.engine.method.Jdbc;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.method.RestoreOptions;
import io.jenkins.plugins.dbrunbooks.engine.method.RestoreSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** H2 through its own SQL: {@code SCRIPT} for the backup, the statements run back one by one for the restore. */
public final class H2NativeMethod implements DatabaseMethod {

    @Override
    public String engine() {
        return "h2";
    }

    @Override
    public String name() {
        return "native";
    }

    @Override
    public boolean serves(String jdbcUrl) {
        return jdbcUrl.startsWith(H2Url.PREFIX);
    }

    @Override
    public String payloadExtension() {
        return ".sql";
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(false, false, false);
    }

    @Override
    public BackupReceipt backup(MethodContext context, OutputStream out) {
        try (Connection c = Jdbc.connect(H2Url.SCHEME, context.jdbcUrl(), context.credential(), context.timeouts())) {
            String version = H2Script.version(c);
            // One transaction at REPEATABLE READ: the position, the fingerprints and the script see the same rows.
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            ServerPosition position = new H2Positions().read(c, ServerPosition.MOMENT_SNAPSHOT);
            DataFingerprints fingerprints = new H2Fingerprinter().take(c);
            H2Script.write(c, out);
            c.rollback();
            return new BackupReceipt(version, "h2 SCRIPT", version, Map.of(), List.of(), position, fingerprints);
        } catch (SQLException e) {
            throw new RunbookException(ErrorKind.BACKUP_FAILED, "Backup of H2 database '"
                    + H2Url.parse(context.jdbcUrl()).name() + "' failed: " + e.getMessage(), null, e);
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.BACKUP_FAILED, "Backup stream broke: " + e.getMessage(), null, e);
        }
    }

    @Override
    public void restore(MethodContext context, RestoreSource source, RestoreOptions options) {
        try (Connection c = Jdbc.connect(H2Url.SCHEME, context.jdbcUrl(), context.credential(), context.timeouts())) {
            H2Restore.run(c, source.stream(), H2Url.parse(context.jdbcUrl()).name());
        } catch (SQLException e) {
            throw new RunbookException(ErrorKind.RESTORE_FAILED, "Restore into H2 database '"
                    + H2Url.parse(context.jdbcUrl()).name() + "' failed: " + e.getMessage(), null, e);
        }
    }

    @Override
    public DatabaseAdmin admin(MethodContext context) {
        return new H2Admin(context);
    }

    @Override
    public Optional<String> manualLoad() {
        return Optional.of("java -cp h2.jar org.h2.tools.RunScript -url jdbc:h2:TARGET_FILE -user sa -script /dev/stdin");
    }
}
