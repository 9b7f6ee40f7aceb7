package io.jenkins.plugins.dbrunbooks.engine.operation;

import io.jenkins.plugins.dbrunbooks.engine.config.DatabaseTarget;
import io.jenkins.plugins.dbrunbooks.engine.config.Environment;
import io.jenkins.plugins.dbrunbooks.engine.config.Role;
import io.jenkins.plugins.dbrunbooks.engine.credentials.CredentialResolver;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;

/**
 * Which logins of the target database each operation uses, so a caller resolves those and no other: Jenkins
 * looks them up for the run before the work goes to an agent, the CLI reads their passwords before anything is
 * touched. Reading backups (verify, list, prune, inspect) needs no login.
 */
public final class Logins {
    private Logins() {
    }

    public static Set<Role> backup() {
        return EnumSet.of(Role.BACKUP);
    }

    /**
     * The restore login; and the backup login too where the target is replaced in place and a safety backup is
     * asked for, as long as the database has a backup credential.
     */
    public static Set<Role> restore(DatabaseTarget target, boolean intoNewDatabase, boolean safetyBackup) {
        Set<Role> roles = EnumSet.of(Role.RESTORE);
        if (!intoNewDatabase && safetyBackup && target.credentialId(Role.BACKUP).isPresent()) {
            roles.add(Role.BACKUP);
        }
        return roles;
    }

    /** A scratch copy is made, handed to the caller and dropped as this one login. */
    public static Role scratchCopy() {
        return Role.RESTORE;
    }

    /**
     * A live copy reads its source as the source's backup login and makes the copy as the target's restore login;
     * a database that is both gets both.
     */
    public static Set<Role> liveCopy(boolean isSource, boolean isTarget) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (isSource) {
            roles.add(Role.BACKUP);
        }
        if (isTarget) {
            roles.add(scratchCopy());
        }
        return roles;
    }

    /** A drill makes, reads and drops its scratch copy as the drill target's restore login, and needs no other. */
    public static Set<Role> drill() {
        return EnumSet.of(scratchCopy());
    }

    /** Database locks are applied and reverted with the most privileged login the configuration holds. */
    public static Role databaseLock() {
        return Role.RESTORE;
    }

    /** What was written since a backup is read from the database with the backup login, which only reads. */
    public static Role changesSince() {
        return Role.BACKUP;
    }

    public static Set<Role> readBackups() {
        return EnumSet.noneOf(Role.class);
    }

    /** Which logins an operation may use, asked of each database it reaches for one. */
    @FunctionalInterface
    public interface Rule {
        Set<Role> allows(Environment environment, DatabaseTarget database);
    }

    /**
     * A rule that gives {@code roles} to the one database {@code environment/database} and nothing to any other,
     * such as a database of the same name in the environment a backup is read from.
     */
    public static Rule only(String environment, String database, Function<DatabaseTarget, Set<Role>> roles) {
        return (env, db) -> env.name().equals(environment) && db.name().equals(database) ? roles.apply(db)
                : readBackups();
    }

    /**
     * The rule of a live copy: the source's backup login to read it, the target's restore login to make the copy;
     * a database that is both gets both. Each is matched by environment and name.
     */
    public static Rule liveCopy(String sourceEnvironment, String sourceDatabase, String targetEnvironment,
            String targetDatabase) {
        return (env, db) -> liveCopy(env.name().equals(sourceEnvironment) && db.name().equals(sourceDatabase),
                env.name().equals(targetEnvironment) && db.name().equals(targetDatabase));
    }

    /**
     * A resolver that hands out only the logins the rule allows for the database asked about, so an operation
     * cannot use a credential it was not meant to, and a password is read only when the operation gets to it.
     */
    public static CredentialResolver limitedTo(CredentialResolver resolver, Rule rule) {
        return (environment, database, role) -> {
            // A role without a credential is left to the resolver, which says what to configure.
            if (database.credentialId(role).isPresent() && !rule.allows(environment, database).contains(role)) {
                throw new RunbookException(ErrorKind.CREDENTIALS, "This operation does not use the " + role.id()
                        + " login of '" + environment.name() + "/" + database.name() + "'",
                        "This is a bug; please report it.");
            }
            return resolver.resolve(environment, database, role);
        };
    }
}
