package io.jenkins.plugins.dbrunbooks.engine.drill;

import io.jenkins.plugins.dbrunbooks.engine.fingerprint.DataFingerprints;
import io.jenkins.plugins.dbrunbooks.engine.fingerprint.TableFingerprint;

import io.jenkins.plugins.dbrunbooks.engine.verify.CheckResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares the fingerprints a backup recorded with those of a database it was restored into: one result per
 * table, so a report names each table that is missing, holds other rows, or should not be there.
 */
final class FingerprintCheck {
    private FingerprintCheck() {
    }

    static List<CheckResult> compare(DataFingerprints expected, DataFingerprints actual) {
        List<CheckResult> results = new ArrayList<>();
        if (!expected.scheme().equals(actual.scheme())) {
            results.add(CheckResult.skipped("data", "the backup's fingerprints are " + expected.scheme()
                    + "; the restored copy's can only be " + actual.scheme()));
            return results;
        }
        TreeSet<String> names = new TreeSet<>(expected.tables().keySet());
        names.addAll(actual.tables().keySet());
        Map<String, TableFingerprint> was = expected.tables();
        Map<String, TableFingerprint> is = actual.tables();
        for (String name : names) {
            String check = "table " + name;
            TableFingerprint before = was.get(name);
            TableFingerprint after = is.get(name);
            if (after == null) {
                results.add(CheckResult.failed(check, "missing from the restored copy; the backup had "
                        + before.rows() + " rows"));
            } else if (before == null) {
                results.add(CheckResult.failed(check, "in the restored copy (" + after.rows()
                        + " rows) but not in the backup's fingerprints"));
            } else if (before.rows() != after.rows()) {
                results.add(CheckResult.failed(check, after.rows() + " rows restored; the backup had "
                        + before.rows()));
            } else if (!before.checksum().equals(after.checksum())) {
                results.add(CheckResult.failed(check, before.rows() + " rows, but their content differs (checksum "
                        + after.checksum() + ", the backup's " + before.checksum() + ")"));
            } else {
                results.add(CheckResult.passed(check, before.rows() + " rows, checksum " + before.checksum()));
            }
        }
        return results;
    }
}
