package io.jenkins.plugins.dbrunbooks.engine.artifact;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Backup ids: the UTC start time to the millisecond, then four random hex digits so two backups started in the
 * same millisecond differ. They sort by time as plain strings and are safe in any file name.
 */
public final class BackupId {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern VALID = Pattern.compile("\\d{8}T\\d{9}Z-[0-9a-f]{4}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private BackupId() {
    }

    public static String next(Instant startedAt) {
        byte[] suffix = new byte[2];
        RANDOM.nextBytes(suffix);
        return FORMAT.format(startedAt) + "-" + HexFormat.of().formatHex(suffix);
    }

    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }
}
