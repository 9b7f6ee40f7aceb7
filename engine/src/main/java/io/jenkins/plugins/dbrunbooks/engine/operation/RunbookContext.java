package io.jenkins.plugins.dbrunbooks.engine.operation;

import io.jenkins.plugins.dbrunbooks.engine.audit.AuditSink;
import io.jenkins.plugins.dbrunbooks.engine.config.Environment;
import io.jenkins.plugins.dbrunbooks.engine.config.RunbookConfig;
import io.jenkins.plugins.dbrunbooks.engine.credentials.CredentialResolver;
import io.jenkins.plugins.dbrunbooks.engine.credentials.ObjectStoreLogins;
import io.jenkins.plugins.dbrunbooks.engine.dialect.Dialects;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodRegistry;
import io.jenkins.plugins.dbrunbooks.engine.process.ToolLocator;
import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressListener;
import io.jenkins.plugins.dbrunbooks.engine.store.BackupStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/**
 * Everything an operation depends on, supplied by its caller (the CLI or the plugin): configuration,
 * credentials, stores, tools, where to report progress and audit events, and who is asking.
 */
public record RunbookContext(
        RunbookConfig config,
        CredentialResolver credentials,
        Function<Environment, BackupStore> stores,
        MethodRegistry methods,
        ToolLocator tools,
        Path workDir,
        ProgressListener listener,
        AuditSink audit,
        Actor actor,
        PayloadSettings payload,
        Clock clock) {

    /** Defaults for everything but configuration, credentials, listener, audit and actor. */
    public static RunbookContext of(RunbookConfig config, CredentialResolver credentials, ProgressListener listener,
            AuditSink audit, Actor actor) {
        return of(config, credentials, ObjectStoreLogins.DEFAULT_CHAIN, listener, audit, actor);
    }

    /** The same, with the keys of the environments whose backups live in an object store. */
    public static RunbookContext of(RunbookConfig config, CredentialResolver credentials,
            ObjectStoreLogins storeLogins, ProgressListener listener, AuditSink audit, Actor actor) {
        return new RunbookContext(config, credentials, BackupStores.of(storeLogins),
                Dialects.standard().methods(), ToolLocator.fromEnvironment(List.of()),
                Path.of(System.getProperty("java.io.tmpdir")), listener, audit, actor, PayloadSettings.defaults(),
                Clock.systemUTC());
    }

    public BackupStore store(Environment environment) {
        return stores.apply(environment);
    }

    public RunbookContext withTools(ToolLocator locator) {
        return new RunbookContext(config, credentials, stores, methods, locator, workDir, listener, audit, actor,
                payload, clock);
    }

    public RunbookContext withWorkDir(Path directory) {
        return new RunbookContext(config, credentials, stores, methods, tools, directory, listener, audit, actor,
                payload, clock);
    }

    public RunbookContext withListener(ProgressListener other) {
        return new RunbookContext(config, credentials, stores, methods, tools, workDir, other, audit, actor, payload,
                clock);
    }
}
