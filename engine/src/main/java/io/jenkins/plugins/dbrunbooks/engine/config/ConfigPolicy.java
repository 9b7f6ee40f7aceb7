package io.jenkins.plugins.dbrunbooks.engine.config;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules a configuration must follow beyond its shape, the same for Jenkins' form checks and the CLI's
 * loader: a database's backup login is never its deployment login, and one backup login should not serve several
 * environments (a leaked one would then read them all).
 */
public final class ConfigPolicy {

    public enum Rule {
        /** An error: the backup credential of a database is its deployment credential. */
        BACKUP_IS_DEPLOY,
        /** A warning: one backup credential serves several environments. */
        SHARED_BACKUP_CREDENTIAL,
        /** An error: an environment or database name that could escape a path or SQL. */
        NAME
    }

    public enum Severity {
        ERROR, WARNING
    }

    /** One broken rule: which, how serious, and about what (a database {@code env/db}, or a credential). */
    public record Finding(Rule rule, Severity severity, String subject, String message, String hint) {
        public boolean isError() {
            return severity == Severity.ERROR;
        }
    }

    /**
     * What identifies a login, so two roles that use the same account are recognised as such: a Jenkins
     * credentials id, or the user name the CLI configuration gives. Null where the role has no credential.
     */
    @FunctionalInterface
    public interface LoginKey {
        String of(Environment environment, DatabaseTarget database, Role role);
    }

    private ConfigPolicy() {
    }

    /** Every finding in a whole configuration, errors first, then warnings. */
    public static List<Finding> check(RunbookConfig config, LoginKey logins) {
        List<Finding> errors = new ArrayList<>();
        Map<String, Set<String>> environmentsByBackupLogin = new LinkedHashMap<>();
        for (Environment environment : config.environments()) {
            for (DatabaseTarget database : environment.databases()) {
                String backup = logins.of(environment, database, Role.BACKUP);
                backupIsNotDeploy(environment.name() + "/" + database.name(), backup,
                        logins.of(environment, database, Role.DEPLOY)).ifPresent(errors::add);
                if (backup != null) {
                    environmentsByBackupLogin.computeIfAbsent(backup, k -> new LinkedHashSet<>())
                            .add(environment.name());
                }
            }
        }
        List<Finding> findings = new ArrayList<>(errors);
        environmentsByBackupLogin.forEach((login, environments) ->
                backupServesOneEnvironment(login, environments).ifPresent(findings::add));
        return findings;
    }

    /** Throws the first error among the findings, as a configuration error naming its subject. */
    public static void enforce(List<Finding> findings) {
        for (Finding finding : findings) {
            if (finding.isError()) {
                throw new RunbookException(ErrorKind.CONFIGURATION, finding.message(), finding.hint());
            }
        }
    }

    /**
     * A backup credential must differ from the deployment credential of the same database.
     *
     * @param database {@code env/db}, or null where the caller (a form) does not know it yet
     */
    public static Optional<Finding> backupIsNotDeploy(String database, String backupLogin, String deployLogin) {
        if (backupLogin == null || !backupLogin.equals(deployLogin)) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Rule.BACKUP_IS_DEPLOY, Severity.ERROR, database,
                (database == null ? "The database" : "Database '" + database + "'")
                        + " uses its deployment login as its backup login",
                "Give it a dedicated backup account: backups must not run as the account that changes the schema."));
    }

    /** One backup credential should serve one environment only. */
    public static Optional<Finding> backupServesOneEnvironment(String backupLogin, Collection<String> environments) {
        Set<String> distinct = new LinkedHashSet<>(environments);
        if (backupLogin == null || distinct.size() <= 1) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Rule.SHARED_BACKUP_CREDENTIAL, Severity.WARNING, backupLogin,
                "Backup login '" + backupLogin + "' serves " + distinct.size() + " environments ("
                        + String.join(", ", distinct) + ")",
                "Use a separate backup account per environment, so a leaked one reads only that environment."));
    }

    /** Environment and database names, as {@link Names} allows them; empty when the name is valid. */
    public static Optional<Finding> name(String what, String value) {
        try {
            Names.requireName(what, value);
            return Optional.empty();
        } catch (RunbookException e) {
            return Optional.of(new Finding(Rule.NAME, Severity.ERROR, Names.printable(value), e.getMessage(),
                    e.hint()));
        }
    }
}
