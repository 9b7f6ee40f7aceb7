package io.jenkins.plugins.dbrunbooks.engine.drill;

import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import io.jenkins.plugins.dbrunbooks.engine.scratch.ScratchCopyOperation;
import io.jenkins.plugins.dbrunbooks.engine.store.BackupStore;
import io.jenkins.plugins.dbrunbooks.engine.store.StoredBackup;
import io.jenkins.plugins.dbrunbooks.engine.verify.CheckResult;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Drills of a database that were killed before they could drop their scratch database. A drill still noted as
 * running whose process is gone from this machine, or that started on another machine more than
 * {@link #ABANDONED_AFTER} ago, had its scratch database dropped here and its record marked interrupted; one that
 * may still be running is only named.
 */
final class LeftoverDrills {
    static final Duration ABANDONED_AFTER = Duration.ofDays(1);
    private final RunbookContext context;
    private final BackupStore store;

    LeftoverDrills(RunbookContext context, BackupStore store) {
        this.context = context;
        this.store = store;
    }

    void clean(String environment, String database) {
        for (StoredBackup backup : store.list(environment, database)) {
            DrillNotes.read(store, backup).filter(r -> r.state() == DrillRecord.State.RUNNING)
                    .ifPresent(r -> clean(backup, r));
        }
    }

    private void clean(StoredBackup backup, DrillRecord record) {
        String where = "'" + record.scratchDatabase() + "' on the server of '" + record.target() + "'";
        if (!abandoned(record)) {
            context.listener().message("A drill of backup " + backup.id() + " started at " + record.startedAt()
                    + " on " + record.host() + " (process " + record.pid() + ") has not finished; its scratch database "
                    + where + " is left to it");
            return;
        }
        String[] target = record.target().split("/", 2);
        new ScratchCopyOperation(context).drop(target[0], target[1], record.scratchDatabase());
        String text = "Drill of backup " + backup.id() + " started at " + record.startedAt() + " was killed; its"
                + " scratch database " + where + " was dropped by the next drill";
        DrillNotes.write(store, backup, record.finished(DrillRecord.State.INTERRUPTED, context.clock().instant(),
                record.restoreMillis(), List.of(CheckResult.failed("drill", "killed before it finished")), text));
        context.listener().message(text);
    }

    private boolean abandoned(DrillRecord record) {
        if (host().equals(record.host()) && record.pid() != null) {
            return ProcessHandle.of(record.pid()).map(p -> !p.isAlive()).orElse(true);
        }
        return record.startedAt() == null
                || record.startedAt().isBefore(context.clock().instant().minus(ABANDONED_AFTER));
    }

    /** This machine's name, as drill records note it. */
    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
