package io.jenkins.plugins.dbrunbooks.engine.method;

import java.util.Map;

/** What a method reports of a backup it wrote: versions of the server and the tool, and row counts if known. */
public record BackupReceipt(String serverVersion, String tool, String toolVersion, Map<String, Long> rowCounts) {
    public BackupReceipt {
        rowCounts = rowCounts == null ? Map.of() : Map.copyOf(rowCounts);
    }
}
