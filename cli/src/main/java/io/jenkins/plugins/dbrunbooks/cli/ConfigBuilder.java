package io.jenkins.plugins.dbrunbooks.cli;

import io.jenkins.plugins.dbrunbooks.cli.ConfigModel.CredentialSpec;
import io.jenkins.plugins.dbrunbooks.cli.ConfigModel.DatabaseSpec;
import io.jenkins.plugins.dbrunbooks.cli.ConfigModel.EnvironmentSpec;
import io.jenkins.plugins.dbrunbooks.cli.ConfigModel.ObjectLockSpec;
import io.jenkins.plugins.dbrunbooks.cli.ConfigModel.ObjectStoreKeySpec;
import io.jenkins.plugins.dbrunbooks.cli.ConfigModel.ObjectStoreSpec;
import io.jenkins.plugins.dbrunbooks.engine.config.ConfigPolicy;
import io.jenkins.plugins.dbrunbooks.engine.config.DatabaseTarget;
import io.jenkins.plugins.dbrunbooks.engine.config.Environment;
import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.config.ObjectStoreRoot;
import io.jenkins.plugins.dbrunbooks.engine.config.ObjectStoreSettings;
import io.jenkins.plugins.dbrunbooks.engine.config.RecoveryTargets;
import io.jenkins.plugins.dbrunbooks.engine.config.Retention;
import io.jenkins.plugins.dbrunbooks.engine.config.Role;
import io.jenkins.plugins.dbrunbooks.engine.config.Timeouts;
import io.jenkins.plugins.dbrunbooks.engine.config.RunbookConfig;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Turns the file's model into the engine's: paths resolved against the file's directory (so a configuration
 * works from whatever directory the command is run), and credentials named {@code <env>/<db>/<role>}. The
 * engine's configuration policy is applied as Jenkins applies it: its errors refuse the file, its warnings are
 * kept for stderr.
 */
final class ConfigBuilder {
    private final Path baseDir;
    private final UnaryOperator<String> environmentVariables;
    private final Map<String, CredentialSpec> credentials = new HashMap<>();
    private final Map<String, ObjectStoreKeySpec> objectStoreKeys = new HashMap<>();

    ConfigBuilder(Path baseDir, UnaryOperator<String> environmentVariables) {
        this.baseDir = baseDir;
        this.environmentVariables = environmentVariables;
    }

    CliConfig build(ConfigModel.File file) {
        List<Environment> environments = new ArrayList<>();
        for (EnvironmentSpec spec : orEmpty(file.environments())) {
            environments.add(environment(spec));
        }
        RunbookConfig config = new RunbookConfig(environments);
        Path audit = file.auditLog() == null || file.auditLog().isBlank()
                ? baseDir.resolve("dbrunbooks-audit.jsonl") : resolve(file.auditLog());
        List<Path> tools = orEmpty(file.toolPaths()).stream().map(this::resolve).toList();
        Path workDir = file.workDir() == null || file.workDir().isBlank()
                ? Path.of(System.getProperty("java.io.tmpdir")) : resolve(file.workDir());
        List<String> warnings = new ArrayList<>();
        List<ConfigPolicy.Finding> findings = ConfigPolicy.check(config, this::loginKey);
        ConfigPolicy.enforce(findings);
        findings.forEach(f -> warnings.add(f.message() + System.lineSeparator() + "  " + f.hint()));
        return new CliConfig(config, new ConfiguredCredentials(credentials, baseDir, environmentVariables),
                new ConfiguredObjectStoreLogins(objectStoreKeys, baseDir, environmentVariables), audit, tools,
                workDir, warnings);
    }

    /**
     * The account a role logs in as, so the policy recognises one account under two roles: the user name, or the
     * process's own account for an integrated login. The password source does not matter: one account is one
     * account, whichever variable holds its password.
     */
    private String loginKey(Environment environment, DatabaseTarget database, Role role) {
        CredentialSpec spec = database.credentialId(role).map(credentials::get).orElse(null);
        if (spec == null) {
            return null;
        }
        return spec.isIntegrated() ? "(integrated login)" : spec.user();
    }

    private Environment environment(EnvironmentSpec spec) {
        List<DatabaseTarget> databases = new ArrayList<>();
        for (DatabaseSpec database : orEmpty(spec.databases())) {
            databases.add(database(spec.name(), database));
        }
        Retention retention = spec.retention() == null ? null
                : new Retention(orZero(spec.retention().keepLast()), orZero(spec.retention().maxAgeDays()),
                        spec.retention().keepSafetyBackups() == null ? Retention.DEFAULT_SAFETY_BACKUPS
                                : spec.retention().keepSafetyBackups());
        boolean objectStore = ObjectStoreRoot.isObjectStore(spec.backupRoot());
        String root = spec.backupRoot() == null || spec.backupRoot().isBlank() ? null
                : objectStore ? spec.backupRoot() : resolve(spec.backupRoot()).toString();
        return new Environment(spec.name(), Boolean.TRUE.equals(spec.protectedEnvironment()), root, retention,
                spec.ageRecipients(), databases, objectStore(spec),
                new Environment.Drills(spec.drillTarget(), targets(spec.targets())));
    }

    /** The object store's settings; its key spec is kept apart, as database logins are, and read when used. */
    private ObjectStoreSettings objectStore(EnvironmentSpec spec) {
        ObjectStoreSpec store = spec.objectStore();
        if (store == null) {
            return null;
        }
        if (store.credentials() != null) {
            ConfiguredObjectStoreLogins.check(spec.name(), store.credentials());
            objectStoreKeys.put(spec.name(), store.credentials());
        }
        ObjectLockSpec lock = store.objectLock();
        return new ObjectStoreSettings(store.endpoint(), store.region(), Boolean.TRUE.equals(store.pathStyle()),
                lock == null ? null : new ObjectStoreSettings.ObjectLock(ObjectStoreSettings.Mode.of(lock.mode()),
                        lock.days() == null ? 0 : lock.days()));
    }

    private DatabaseTarget database(String environment, DatabaseSpec spec) {
        Map<Role, String> ids = new EnumMap<>(Role.class);
        if (spec.credentials() != null) {
            add(ids, environment, spec.name(), Role.BACKUP, spec.credentials().backup());
            add(ids, environment, spec.name(), Role.RESTORE, spec.credentials().restore());
            add(ids, environment, spec.name(), Role.DEPLOY, spec.credentials().deploy());
        }
        return new DatabaseTarget(spec.name(), spec.url(), MethodChoice.of(spec.method()), ids,
                Boolean.TRUE.equals(spec.allowPartial()), Timeouts.of(spec.connectTimeout(), spec.readTimeout()),
                targets(spec.targets()), !Boolean.FALSE.equals(spec.fingerprints()));
    }

    private static RecoveryTargets targets(ConfigModel.TargetsSpec spec) {
        if (spec == null) {
            return RecoveryTargets.NONE;
        }
        return new RecoveryTargets(RecoveryTargets.parse("maxBackupAge", spec.maxBackupAge()),
                RecoveryTargets.parse("maxDrillAge", spec.maxDrillAge()),
                RecoveryTargets.parse("maxRestoreTime", spec.maxRestoreTime()));
    }

    private void add(Map<Role, String> ids, String environment, String database, Role role, CredentialSpec spec) {
        if (spec == null) {
            return;
        }
        String id = environment + "/" + database + "/" + role.id();
        boolean hasPassword = spec.passwordEnv() != null || spec.passwordFile() != null;
        if (spec.passwordEnv() != null && spec.passwordFile() != null) {
            throw new RunbookException(ErrorKind.CONFIGURATION, "Credential '" + id
                    + "' has both passwordEnv and passwordFile", "Keep one of them.");
        }
        if (spec.isIntegrated() && (spec.user() != null || hasPassword)) {
            throw new RunbookException(ErrorKind.CONFIGURATION, "Credential '" + id
                    + "' is integrated and also names a user or password",
                    "An integrated login lets the server authenticate this process's user; remove the others.");
        }
        if (!spec.isIntegrated() && (spec.user() == null || spec.user().isBlank())) {
            throw new RunbookException(ErrorKind.CONFIGURATION, "Credential '" + id + "' has no user",
                    "Give 'user', or 'integrated: true' for peer, Kerberos or trust authentication.");
        }
        ids.put(role, id);
        credentials.put(id, spec);
    }

    private Path resolve(String path) {
        return baseDir.resolve(path).normalize();
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
