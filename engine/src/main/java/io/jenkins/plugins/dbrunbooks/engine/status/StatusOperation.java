package io.jenkins.plugins.dbrunbooks.engine.status;

import io.jenkins.plugins.dbrunbooks.engine.config.DatabaseTarget;
import io.jenkins.plugins.dbrunbooks.engine.config.Environment;
import io.jenkins.plugins.dbrunbooks.engine.drill.DrillNotes;
import io.jenkins.plugins.dbrunbooks.engine.drill.DrillRecord;
import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import io.jenkins.plugins.dbrunbooks.engine.store.BackupStore;
import io.jenkins.plugins.dbrunbooks.engine.store.StoredBackup;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The status of every configured database (or of one environment's), read from the backup stores: the newest
 * backup and drill of each, judged against its recovery targets. It reads manifests and drill records only, so
 * it needs no database login.
 */
public final class StatusOperation {
    private final RunbookContext context;

    public StatusOperation(RunbookContext context) {
        this.context = context;
    }

    /** @param environment only this environment's databases; null for all */
    public StatusReport run(String environment) {
        List<DatabaseStatus> rows = new ArrayList<>();
        List<Environment> environments = environment == null ? context.config().environments()
                : List.of(context.config().environment(environment));
        for (Environment env : environments) {
            BackupStore store = context.store(env);
            for (DatabaseTarget db : env.databases()) {
                rows.add(StatusEvaluator.evaluate(env.name(), db.name(), observe(store, env.name(), db.name()),
                        env.targets(db), context.clock().instant()));
            }
        }
        return new StatusReport(context.clock().instant(), rows);
    }

    static Observed observe(BackupStore store, String environment, String database) {
        List<StoredBackup> backups = store.list(environment, database);
        Optional<StoredBackup> newest = backups.stream().filter(b -> !b.manifest().safetyBackup()).findFirst();
        DrillRecord drill = null;
        for (StoredBackup backup : backups) {
            Optional<DrillRecord> record = DrillNotes.read(store, backup)
                    .filter(r -> r.state() == DrillRecord.State.PASSED || r.state() == DrillRecord.State.FAILED);
            if (record.isPresent() && (drill == null || record.get().finishedAt().isAfter(drill.finishedAt()))) {
                drill = record.get();
            }
        }
        return new Observed(newest.map(StoredBackup::id).orElse(null),
                newest.map(b -> b.manifest().finishedAt()).orElse(null),
                drill == null ? null : drill.finishedAt(), drill == null ? null : drill.backupId(),
                drill != null && drill.passed(), drill != null && drill.passed() && drill.dataChecked(),
                drill == null || !drill.passed() ? null : drill.restoreTime());
    }
}
