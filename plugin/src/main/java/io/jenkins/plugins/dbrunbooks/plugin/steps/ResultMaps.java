package io.jenkins.plugins.dbrunbooks.plugin.steps;

import io.jenkins.plugins.dbrunbooks.engine.artifact.EngineOnlyValues;
import io.jenkins.plugins.dbrunbooks.engine.artifact.Manifest;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupResult;
import io.jenkins.plugins.dbrunbooks.engine.changes.ChangesSince;
import io.jenkins.plugins.dbrunbooks.engine.restore.RestoreResult;
import io.jenkins.plugins.dbrunbooks.engine.retention.PruneResult;
import io.jenkins.plugins.dbrunbooks.engine.store.BackupListing;
import io.jenkins.plugins.dbrunbooks.engine.store.StoredBackup;
import io.jenkins.plugins.dbrunbooks.engine.store.UnreadableBackup;
import io.jenkins.plugins.dbrunbooks.engine.drill.DrillRecord;
import io.jenkins.plugins.dbrunbooks.engine.drill.Proof;
import io.jenkins.plugins.dbrunbooks.engine.status.DatabaseStatus;
import io.jenkins.plugins.dbrunbooks.engine.status.StatusReport;
import io.jenkins.plugins.dbrunbooks.engine.verify.CheckResult;
import io.jenkins.plugins.dbrunbooks.engine.verify.VerificationReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Engine results as Pipeline scripts get them: plain maps and lists of strings, numbers and booleans, which the
 * sandbox lets a script read and the CPS engine can save with the program.
 */
final class ResultMaps {
    private ResultMaps() {
    }

    static LinkedHashMap<String, Object> backup(BackupResult result) {
        LinkedHashMap<String, Object> map = manifest(result.manifest());
        map.put("file", result.payloadLocation());
        map.put("manifest", result.manifestLocation());
        return map;
    }

    static LinkedHashMap<String, Object> manifest(Manifest manifest) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        map.put("id", manifest.id());
        map.put("environment", manifest.environment());
        map.put("database", manifest.database());
        map.put("label", manifest.label());
        map.put("safetyBackup", manifest.safetyBackup());
        map.put("engine", manifest.engine());
        map.put("method", manifest.method());
        map.put("sha256", manifest.payload().sha256());
        map.put("size", manifest.payload().size());
        map.put("rawSize", manifest.rawSize());
        map.put("encrypted", manifest.encrypted());
        map.put("startedAt", manifest.startedAt().toString());
        map.put("durationMillis", manifest.duration().toMillis());
        map.put("createdBy", manifest.createdBy());
        map.put("build", manifest.build());
        // A partial backup names what it leaves out, so a script can stop a release that needs the rest.
        map.put("partial", manifest.partial());
        map.put("notCarried", new ArrayList<Object>(manifest.notCarried()));
        map.put("warnings", new ArrayList<Object>(manifest.warnings()));
        // Whether a drill can compare the restored data with the backup's, table by table.
        map.put("fingerprints", manifest.fingerprints() != null);
        // The columns whose values another engine cannot hold, so that a restore into it is refused.
        map.put("engineOnlyValues", columns(manifest.engineOnlyValues()));
        LinkedHashMap<String, Object> notHeldBy = new LinkedHashMap<>();
        manifest.valuesNotHeldBy().forEach((engine, columns) -> notHeldBy.put(engine, columns(columns)));
        map.put("valuesNotHeldBy", notHeldBy);
        return map;
    }

    /** Each column as a map of {@code table}, {@code column} and {@code kind}. */
    private static ArrayList<Object> columns(List<EngineOnlyValues> columns) {
        ArrayList<Object> list = new ArrayList<>();
        for (EngineOnlyValues v : columns) {
            LinkedHashMap<String, Object> column = new LinkedHashMap<>();
            column.put("table", v.table());
            column.put("column", v.column());
            column.put("kind", v.kind());
            list.add(column);
        }
        return list;
    }

    /**
     * The readable backups newest first, each with {@code readable: true}, how far it was proven ({@code proven}
     * as the level's id, {@code provenLabel} in words) and its last drill; then the unreadable ones.
     */
    static ArrayList<Object> listing(BackupListing listing, List<Proof> proofs) {
        ArrayList<Object> list = new ArrayList<>();
        for (int i = 0; i < listing.backups().size(); i++) {
            StoredBackup backup = listing.backups().get(i);
            Proof proof = proofs.get(i);
            LinkedHashMap<String, Object> map = manifest(backup.manifest());
            map.put("readable", true);
            map.put("proven", proof.level().id());
            map.put("provenLabel", proof.level().label());
            map.put("lastDrill", proof.lastDrill() == null ? null : drill(proof.lastDrill()));
            list.add(map);
        }
        for (UnreadableBackup unreadable : listing.unreadable()) {
            list.add(unreadable(unreadable));
        }
        return list;
    }

    static LinkedHashMap<String, Object> unreadable(UnreadableBackup unreadable) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        map.put("id", unreadable.id());
        map.put("readable", false);
        map.put("reason", unreadable.reason());
        map.put("manifest", unreadable.location());
        return map;
    }

    static LinkedHashMap<String, Object> restore(RestoreResult result) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        map.put("backupId", result.backupId());
        map.put("sha256", result.sha256());
        map.put("sourceEnvironment", result.sourceEnvironment());
        map.put("sourceDatabase", result.sourceDatabase());
        map.put("environment", result.targetEnvironment());
        map.put("targetDatabase", result.targetDatabase());
        map.put("jdbcUrl", result.jdbcUrl());
        map.put("bytes", result.bytes());
        map.put("safetyBackupId", result.safetyBackupId());
        map.put("leftOut", new ArrayList<Object>(result.leftOut()));
        map.put("rollback", result.rollback() == null ? null : changesSince(result.rollback()));
        return map;
    }

    static LinkedHashMap<String, Object> changesSince(ChangesSince changes) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        map.put("backupId", changes.backupId());
        map.put("environment", changes.environment());
        map.put("database", changes.database());
        map.put("backupAt", changes.backupAt().toString());
        map.put("readAt", changes.readAt().toString());
        map.put("secondsSince", changes.since().getSeconds());
        map.put("certainty", changes.certainty());
        map.put("measured", changes.measured());
        map.put("nothingWritten", changes.nothingWritten());
        map.put("commits", changes.commits());
        map.put("inserted", changes.inserted());
        map.put("updated", changes.updated());
        map.put("deleted", changes.deleted());
        map.put("rowsWritten", changes.rowsWritten());
        map.put("log", changes.log());
        map.put("logBytes", changes.logBytes());
        ArrayList<Object> tables = new ArrayList<>();
        for (ChangesSince.TableChanges table : changes.tables()) {
            LinkedHashMap<String, Object> item = new LinkedHashMap<>();
            item.put("table", table.table());
            item.put("inserted", table.inserted());
            item.put("updated", table.updated());
            item.put("deleted", table.deleted());
            item.put("rowsWritten", table.rowsWritten());
            item.put("note", table.note());
            tables.add(item);
        }
        map.put("tables", tables);
        map.put("notes", new ArrayList<Object>(changes.notes()));
        map.put("summary", changes.summary());
        return map;
    }

    static LinkedHashMap<String, Object> verification(VerificationReport report) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        map.put("backupId", report.manifest().id());
        map.put("passed", report.passed());
        map.put("level", report.level().id());
        map.put("verdict", report.verdict());
        ArrayList<Object> checks = new ArrayList<>();
        for (CheckResult check : report.checks()) {
            LinkedHashMap<String, Object> item = new LinkedHashMap<>();
            item.put("check", check.check());
            item.put("outcome", check.outcome().name());
            item.put("detail", check.detail());
            checks.add(item);
        }
        map.put("checks", checks);
        return map;
    }

    static LinkedHashMap<String, Object> drill(DrillRecord record) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        map.put("backupId", record.backupId());
        map.put("passed", record.passed());
        map.put("state", record.state().name());
        map.put("dataChecked", record.dataChecked());
        map.put("target", record.target());
        map.put("scratchDatabase", record.scratchDatabase());
        map.put("restoreMillis", record.restoreMillis());
        map.put("message", record.message());
        map.put("keyFingerprints", new ArrayList<Object>(record.keyFingerprints()));
        map.put("checks", checks(record.checks()));
        return map;
    }

    /** Each database's row of the status table, as a list of maps; durations in seconds, times as ISO-8601. */
    static ArrayList<Object> status(StatusReport report) {
        ArrayList<Object> rows = new ArrayList<>();
        for (DatabaseStatus s : report.databases()) {
            LinkedHashMap<String, Object> row = new LinkedHashMap<>();
            row.put("environment", s.environment());
            row.put("database", s.database());
            row.put("state", s.state().id());
            row.put("missed", new ArrayList<Object>(s.missed()));
            row.put("newestBackupId", s.observed().newestBackupId());
            row.put("newestBackupAt", text(s.observed().newestBackupAt()));
            row.put("backupAgeSeconds", seconds(s.backupAge()));
            row.put("newestDrillAt", text(s.observed().newestDrillAt()));
            row.put("drillBackupId", s.observed().drillBackupId());
            row.put("drillPassed", s.observed().newestDrillAt() == null ? null : s.observed().drillPassed());
            row.put("drillCheckedData", s.observed().newestDrillAt() == null ? null
                    : s.observed().drillCheckedData());
            row.put("drillAgeSeconds", seconds(s.drillAge()));
            row.put("restoreSeconds", seconds(s.observed().restoreTime()));
            rows.add(row);
        }
        return rows;
    }

    private static Long seconds(java.time.Duration d) {
        return d == null ? null : d.getSeconds();
    }

    private static String text(java.time.Instant t) {
        return t == null ? null : t.toString();
    }

    private static ArrayList<Object> checks(java.util.List<CheckResult> results) {
        ArrayList<Object> checks = new ArrayList<>();
        for (CheckResult check : results) {
            LinkedHashMap<String, Object> item = new LinkedHashMap<>();
            item.put("check", check.check());
            item.put("outcome", check.outcome().name());
            item.put("detail", check.detail());
            checks.add(item);
        }
        return checks;
    }

    static LinkedHashMap<String, Object> prune(PruneResult result) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        map.put("deleted", new ArrayList<Object>(result.deleted()));
        map.put("kept", new ArrayList<Object>(result.kept()));
        map.put("protectedId", result.protectedId());
        map.put("dryRun", result.dryRun());
        map.put("bytesFreed", result.bytesFreed());
        ArrayList<Object> unreadable = new ArrayList<>();
        result.unreadable().forEach(u -> unreadable.add(unreadable(u)));
        map.put("unreadable", unreadable);
        return map;
    }
}
