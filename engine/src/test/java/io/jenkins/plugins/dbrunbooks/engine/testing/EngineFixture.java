package io.jenkins.plugins.dbrunbooks.engine.testing;

import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent;
import io.jenkins.plugins.dbrunbooks.engine.config.DatabaseTarget;
import io.jenkins.plugins.dbrunbooks.engine.config.Environment;
import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.config.ObjectStoreSettings;
import io.jenkins.plugins.dbrunbooks.engine.config.Retention;
import io.jenkins.plugins.dbrunbooks.engine.config.Role;
import io.jenkins.plugins.dbrunbooks.engine.config.RunbookConfig;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.credentials.ObjectStoreCredential;
import io.jenkins.plugins.dbrunbooks.engine.credentials.ObjectStoreLogins;
import io.jenkins.plugins.dbrunbooks.engine.operation.Actor;
import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Builds engine contexts over real databases for tests: one or more environments, a login for every role. */
public final class EngineFixture {
    public final RecordingListener listener = new RecordingListener();
    public final List<AuditEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final List<Environment> environments = new ArrayList<>();
    private final Path root;
    private DbCredential login;
    private String objectStoreRoot;
    private ObjectStoreSettings objectStore;
    private ObjectStoreLogins objectStoreLogins = ObjectStoreLogins.DEFAULT_CHAIN;

    public EngineFixture(Path root, DbCredential login) {
        this.root = root;
        this.login = login;
    }

    public EngineFixture environment(String name, boolean protectedEnv, List<String> recipients,
            Retention retention, DatabaseTarget... databases) {
        environments.add(new Environment(name, protectedEnv, objectStoreRoot != null ? objectStoreRoot
                : root.resolve("backups").toString(), retention, recipients, List.of(databases), objectStore));
        return this;
    }

    /** An environment built by the test, with a root of its own choosing. */
    public EngineFixture environment(Environment environment) {
        environments.add(environment);
        return this;
    }

    public EngineFixture environment(String name, DatabaseTarget... databases) {
        return environment(name, false, List.of(), Retention.KEEP_ALL, databases);
    }

    public static DatabaseTarget database(String name, String url) {
        return database(name, url, MethodChoice.NATIVE);
    }

    public static DatabaseTarget database(String name, String url, MethodChoice method) {
        return new DatabaseTarget(name, url, method,
                Map.of(Role.BACKUP, "backup", Role.RESTORE, "restore", Role.DEPLOY, "deploy"));
    }

    public EngineFixture login(DbCredential credential) {
        this.login = credential;
        return this;
    }

    /** Environments added from now on keep their backups in this object store. */
    public EngineFixture objectStore(String backupRoot, ObjectStoreSettings settings,
            ObjectStoreCredential credential) {
        this.objectStoreRoot = backupRoot;
        this.objectStore = settings;
        this.objectStoreLogins = env -> credential;
        return this;
    }

    public Path backupRoot() {
        return root.resolve("backups");
    }

    public RunbookContext context() {
        RunbookContext base = RunbookContext.of(new RunbookConfig(environments), (env, db, role) -> login,
                objectStoreLogins, listener, events::add, new Actor("tester", "job #1"));
        return new RunbookContext(base.config(), base.credentials(), base.stores(), base.methods(), base.tools(),
                root.resolve("work"), base.listener(), base.audit(), base.actor(), base.payload(), base.clock());
    }
}
