package io.jenkins.plugins.dbrunbooks.engine.operation;

import io.jenkins.plugins.dbrunbooks.engine.config.DatabaseTarget;
import io.jenkins.plugins.dbrunbooks.engine.config.Environment;
import io.jenkins.plugins.dbrunbooks.engine.config.Role;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseMethod;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.store.BackupStore;

/** A configured database resolved for one operation: its environment, method, store and login for a role. */
public record ResolvedDatabase(Environment environment, DatabaseTarget database, DatabaseMethod method,
        BackupStore store, MethodContext methodContext) {

    public static ResolvedDatabase resolve(RunbookContext context, String environmentName, String databaseName,
            Role role) {
        Environment environment = context.config().environment(environmentName);
        DatabaseTarget database = environment.database(databaseName);
        DbCredential credential = role == null ? DbCredential.integrated()
                : context.credentials().resolve(environment, database, role);
        MethodContext methodContext = new MethodContext(database.jdbcUrl(), credential, context.tools(),
                context.workDir(), context.listener(), database.timeouts(), database.fingerprints());
        DatabaseMethod method = context.methods().choose(database, methodContext);
        return new ResolvedDatabase(environment, database, method, context.store(environment), methodContext);
    }
}
