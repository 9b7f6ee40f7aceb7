package io.jenkins.plugins.dbrunbooks.plugin.steps;

import io.jenkins.plugins.dbrunbooks.engine.config.Names;
import io.jenkins.plugins.dbrunbooks.engine.config.Role;
import io.jenkins.plugins.dbrunbooks.engine.operation.Audited;
import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import io.jenkins.plugins.dbrunbooks.engine.operation.Target;
import io.jenkins.plugins.dbrunbooks.plugin.runner.AgentWork;

/**
 * Drops a scratch database on the server of {@code environment/database}, as the restore login that created it.
 * Dropping one that is already gone does nothing, so a second attempt is harmless.
 */
record DropWork(String environment, String database, String scratchDatabase) implements AgentWork<String> {
    @Override
    public String run(RunbookContext context) {
        return Audited.run(context, "drop", environment, database, () -> {
            Names.requireDatabaseName(scratchDatabase);
            Target target = Target.resolve(context, environment, database, Role.RESTORE);
            target.method().admin(target.methodContext()).drop(scratchDatabase);
            context.listener().message("Dropped scratch database '" + scratchDatabase + "'");
            return scratchDatabase;
        }, name -> new Audited.Facts(null, null, 0, "dropped scratch database " + name));
    }
}
