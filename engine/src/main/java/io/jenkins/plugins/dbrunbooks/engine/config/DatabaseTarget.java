package io.jenkins.plugins.dbrunbooks.engine.config;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * One database of an environment: where it is, how it is backed up and which credential serves each role. The
 * credential ids mean whatever the caller's {@code CredentialResolver} makes of them. {@code allowPartial}
 * accepts backups that leave out objects their method cannot carry (each named in the manifest); without it such
 * a backup is refused before anything is written. {@code targets} override its environment's recovery targets.
 * {@code fingerprints} false takes its backups without data fingerprints, where taking them costs a second full
 * read of the database (or, for MariaDB's native method, a global read lock while the dump starts); a drill can
 * then only prove the restore, and compare row counts where the backup recorded them.
 */
public record DatabaseTarget(String name, String jdbcUrl, MethodChoice method, Map<Role, String> credentialIds,
        boolean allowPartial, Timeouts timeouts, RecoveryTargets targets, boolean fingerprints)
        implements Serializable {

    public DatabaseTarget(String name, String jdbcUrl, MethodChoice method, Map<Role, String> credentialIds,
            boolean allowPartial, Timeouts timeouts, RecoveryTargets targets) {
        this(name, jdbcUrl, method, credentialIds, allowPartial, timeouts, targets, true);
    }

    public DatabaseTarget(String name, String jdbcUrl, MethodChoice method, Map<Role, String> credentialIds,
            boolean allowPartial, Timeouts timeouts) {
        this(name, jdbcUrl, method, credentialIds, allowPartial, timeouts, RecoveryTargets.NONE);
    }

    public DatabaseTarget(String name, String jdbcUrl, MethodChoice method, Map<Role, String> credentialIds,
            boolean allowPartial) {
        this(name, jdbcUrl, method, credentialIds, allowPartial, Timeouts.DEFAULT);
    }

    public DatabaseTarget {
        Names.requireName("Database", name);
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
            throw new RunbookException(ErrorKind.CONFIGURATION,
                    "Database '" + name + "' has no JDBC URL",
                    "Give a URL such as jdbc:postgresql://host:5432/name.");
        }
        method = method == null ? MethodChoice.AUTO : method;
        timeouts = timeouts == null ? Timeouts.DEFAULT : timeouts;
        targets = targets == null ? RecoveryTargets.NONE : targets;
        credentialIds = credentialIds == null || credentialIds.isEmpty()
                ? Map.of() : Map.copyOf(new EnumMap<>(credentialIds));
    }

    public DatabaseTarget(String name, String jdbcUrl, MethodChoice method, Map<Role, String> credentialIds) {
        this(name, jdbcUrl, method, credentialIds, false, Timeouts.DEFAULT);
    }

    public Optional<String> credentialId(Role role) {
        return Optional.ofNullable(credentialIds.get(role)).filter(id -> !id.isBlank());
    }
}
