package io.jenkins.plugins.dbrunbooks.engine.drill;

import io.jenkins.plugins.dbrunbooks.engine.artifact.AgeKeys;
import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent;
import io.jenkins.plugins.dbrunbooks.engine.config.Environment;
import io.jenkins.plugins.dbrunbooks.engine.config.Names;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.dialect.Dialects;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.DataFingerprints;
import io.jenkins.plugins.dbrunbooks.engine.inventory.BackupRef;
import io.jenkins.plugins.dbrunbooks.engine.operation.Audited;
import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import io.jenkins.plugins.dbrunbooks.engine.progress.Counts;
import io.jenkins.plugins.dbrunbooks.engine.restore.ProtectionGuard;
import io.jenkins.plugins.dbrunbooks.engine.scratch.ScratchCopy;
import io.jenkins.plugins.dbrunbooks.engine.scratch.ScratchCopyOperation;
import io.jenkins.plugins.dbrunbooks.engine.scratch.ScratchCopyRequest;
import io.jenkins.plugins.dbrunbooks.engine.store.BackupStore;
import io.jenkins.plugins.dbrunbooks.engine.store.StoredBackup;
import io.jenkins.plugins.dbrunbooks.engine.verify.CheckResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A restore drill: restores a backup into a scratch database on the drill target (the environment's configured
 * drill server, else the database's own server), compares every table's row count and checksum with the
 * fingerprints the backup recorded, and drops the scratch database whatever happened. The result is kept beside
 * the backup and audited; a drill that finds a difference returns a failed record rather than throwing, so the
 * record and the audit event say what was wrong.
 */
public final class DrillOperation {
    /** What a passed drill's message says when it compared every table's data; {@link Proof} reads it back. */
    public static final String DATA_MATCHED = "match the backup's row counts and checksums";
    private final RunbookContext context;

    public DrillOperation(RunbookContext context) {
        this.context = context;
    }

    public DrillRecord run(DrillRequest request) {
        return Audited.run(context, "drill", request.environment(), request.database(), () -> drill(request),
                r -> new Audited.Facts(r.backupId(), null, 0, r.message(),
                        r.passed() ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.FAILURE));
    }

    private DrillRecord drill(DrillRequest request) {
        Environment environment = context.config().environment(request.environment());
        environment.database(request.database());
        BackupStore store = context.store(environment);
        StoredBackup backup = BackupRef.resolve(store, request.environment(), request.database(), request.backup());
        DrillTarget target = DrillTarget.of(context.config(), environment, request.database());
        // Refused here, before anything is noted or created.
        ProtectionGuard.check(context.config().environment(target.environment()), request.confirm());
        new LeftoverDrills(context, store).clean(request.environment(), request.database());

        DrillRecord running = started(request, backup, target);
        DrillNotes.write(store, backup, running);
        context.listener().message("Drill of backup " + backup.id() + " of '" + request.environment() + "/"
                + request.database() + "': restoring into '" + running.scratchDatabase() + "' on the server of '"
                + target + "'");
        DrillRecord finished = restoreAndCheck(request, backup, target, running);
        DrillNotes.write(store, backup, finished);
        context.listener().message(finished.message());
        return finished;
    }

    private DrillRecord started(DrillRequest request, StoredBackup backup, DrillTarget target) {
        List<String> keys = request.ageIdentity() == null || !backup.manifest().encrypted() ? List.of()
                : AgeKeys.identityFingerprints(request.ageIdentity());
        String scratch = Names.scratchDatabase(target.database(), "drill");
        return new DrillRecord(backup.id(), DrillRecord.State.RUNNING, context.clock().instant(), null,
                context.actor().user(), context.actor().build(), target.toString(), scratch, null, null,
                "running", keys, LeftoverDrills.host(), ProcessHandle.current().pid());
    }

    private DrillRecord restoreAndCheck(DrillRequest request, StoredBackup backup, DrillTarget target,
            DrillRecord running) {
        ScratchCopyOperation scratch = new ScratchCopyOperation(context);
        ScratchCopyRequest copyRequest = new ScratchCopyRequest(target.environment(), target.database(), backup.id(),
                request.environment(), request.database(), request.confirm(), request.ageIdentity(),
                running.scratchDatabase());
        List<CheckResult> checks = new ArrayList<>();
        Long restoreMillis = null;
        Instant start = context.clock().instant();
        ScratchCopy copy = null;
        RuntimeException failure = null;
        try {
            copy = scratch.create(copyRequest);
            restoreMillis = Duration.between(start, context.clock().instant()).toMillis();
            checks.add(CheckResult.passed("restore", "restored in " + seconds(restoreMillis)));
            checks.addAll(checkData(backup.manifest(), copy, scratch.login(copy)));
        } catch (RuntimeException e) {
            failure = e;
            checks.add(CheckResult.failed(copy == null ? "restore" : "data", e.getMessage()));
        } finally {
            if (copy != null) {
                try {
                    scratch.undo(copy).revert();
                } catch (RuntimeException e) {
                    checks.add(CheckResult.failed("drop", "the scratch database '" + copy.name()
                            + "' could not be dropped: " + e.getMessage()));
                    if (failure != null) {
                        failure.addSuppressed(e);
                    }
                }
            }
        }
        if (failure instanceof RunbookException r && r.kind() == ErrorKind.INTERRUPTED) {
            DrillNotes.write(context.store(context.config().environment(request.environment())), backup,
                    running.finished(DrillRecord.State.INTERRUPTED, context.clock().instant(), restoreMillis, checks,
                            "interrupted"));
            throw r;
        }
        boolean passed = checks.stream().noneMatch(c -> c.outcome() == CheckResult.Outcome.FAILED);
        return running.finished(passed ? DrillRecord.State.PASSED : DrillRecord.State.FAILED,
                context.clock().instant(), restoreMillis, checks, summary(backup, passed, checks, restoreMillis));
    }

    private List<CheckResult> checkData(Manifest manifest, ScratchCopy copy, DbCredential login) {
        DataFingerprints expected = manifest.fingerprints();
        if (expected == null && manifest.fingerprintsOff()) {
            return countsOnly(manifest, copy, login);
        }
        if (expected == null) {
            return List.of(CheckResult.skipped("data", "backup " + manifest.id() + " recorded no data fingerprints"
                    + " (" + manifest.engine() + " " + manifest.method() + "); only the restore was proven"));
        }
        context.listener().message("Comparing " + Counts.of(expected.tables().size(), "table")
                + " of the restored copy with the backup's fingerprints");
        // Nothing else writes to the copy, so two connections see the same data.
        try (Connection c = Dialects.standard().connect(copy.jdbcUrl(), login);
                Connection other = Dialects.standard().connect(copy.jdbcUrl(), login)) {
            DataFingerprints actual = Dialects.standard().forUrl(copy.jdbcUrl()).snapshot()
                    .fingerprinter(expected.scheme()).take(List.of(c, other), null);
            return FingerprintCheck.compare(expected, actual);
        } catch (SQLException e) {
            throw new RunbookException(ErrorKind.RESTORE_FAILED, "Reading the restored copy '" + copy.name()
                    + "' failed: " + e.getMessage(), null, e);
        }
    }

    /**
     * The check of a backup whose fingerprints the configuration turned off: the row count of every table where
     * the backup recorded them (a jdbc backup counts while it streams), else nothing beyond the restore. Checks of
     * counts are named {@code rows <table>}, not {@code table <table>}, so the backup counts as restored, not
     * checked.
     */
    private List<CheckResult> countsOnly(Manifest manifest, ScratchCopy copy, DbCredential login) {
        List<CheckResult> results = new ArrayList<>();
        results.add(CheckResult.skipped("data", "data check limited: fingerprints were turned off for this"
                + " database when backup " + manifest.id() + " was taken"
                + (manifest.rowCounts().isEmpty() ? "; only the restore was proven" : "; row counts compared")));
        if (manifest.rowCounts().isEmpty()) {
            return results;
        }
        try (Connection c = Dialects.standard().connect(copy.jdbcUrl(), login)) {
            DataFingerprints actual = Dialects.standard().forUrl(copy.jdbcUrl()).snapshot().fingerprinter().take(c);
            for (var entry : new java.util.TreeMap<>(manifest.rowCounts()).entrySet()) {
                var restored = actual.tables().get(entry.getKey());
                String check = "rows " + entry.getKey();
                if (restored == null) {
                    results.add(CheckResult.failed(check, "missing from the restored copy; the backup had "
                            + entry.getValue() + " rows"));
                } else if (restored.rows() != entry.getValue()) {
                    results.add(CheckResult.failed(check, restored.rows() + " rows restored; the backup had "
                            + entry.getValue()));
                } else {
                    results.add(CheckResult.passed(check, entry.getValue() + " rows"));
                }
            }
            return results;
        } catch (SQLException e) {
            throw new RunbookException(ErrorKind.RESTORE_FAILED, "Reading the restored copy '" + copy.name()
                    + "' failed: " + e.getMessage(), null, e);
        }
    }

    private static String summary(StoredBackup backup, boolean passed, List<CheckResult> checks, Long restoreMillis) {
        long tables = checks.stream().filter(c -> c.check().startsWith("table ")).count();
        long bad = checks.stream().filter(c -> c.outcome() == CheckResult.Outcome.FAILED).count();
        boolean checked = checks.stream().anyMatch(c -> c.check().startsWith("table "));
        if (passed) {
            return "Drill of backup " + backup.id() + " passed: restored in " + seconds(restoreMillis)
                    + (checked ? ", " + Counts.of(tables, "table") + " " + DATA_MATCHED
                            : ", data not checked (no fingerprints)"
                                    + (backup.manifest().fingerprintsOff() ? ": turned off for this database" : ""));
        }
        return "Drill of backup " + backup.id() + " FAILED: " + checks.stream()
                .filter(c -> c.outcome() == CheckResult.Outcome.FAILED).limit(5)
                .map(c -> c.check() + ": " + c.detail()).reduce((a, b) -> a + "; " + b).orElse("")
                + (bad > 5 ? "; and " + (bad - 5) + " more" : "");
    }

    static String seconds(Long millis) {
        return millis == null ? "-" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
