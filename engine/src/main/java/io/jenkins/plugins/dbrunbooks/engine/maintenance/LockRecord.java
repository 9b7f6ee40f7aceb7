package io.jenkins.plugins.dbrunbooks.engine.maintenance;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * The undo of a database lock: everything needed to revert it later, even from another process after a restart,
 * given a login. It holds no secret: the JDBC URL is kept without password parameters.
 *
 * @param engine        {@code postgresql} or {@code mariadb}
 * @param jdbcUrl       where the lock was applied
 * @param database      the database locked; on MariaDB the lock covers the whole server
 * @param kind          what was applied
 * @param previousValue the setting the lock replaced, restored on revert; null where there was none
 * @param appliedAt     when the lock was applied
 */
public record LockRecord(
        String engine,
        String jdbcUrl,
        String database,
        LockKind kind,
        String previousValue,
        Instant appliedAt) implements Serializable {

    public LockRecord {
        Objects.requireNonNull(engine, "engine");
        jdbcUrl = withoutSecrets(Objects.requireNonNull(jdbcUrl, "jdbcUrl"));
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(appliedAt, "appliedAt");
    }

    /** The URL without password parameters, so a record that is persisted carries no secret. */
    static String withoutSecrets(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)([?&;])(password|pwd)=[^&;]*", "$1")
                .replaceAll("([?&;])[&;]+", "$1")
                .replaceAll("[?&;]+$", "");
    }
}
