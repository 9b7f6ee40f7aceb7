package io.jenkins.plugins.dbrunbooks.plugin.steps;

import io.jenkins.plugins.dbrunbooks.engine.config.Names;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Names of scratch databases: {@code <database>_copy_<build number>_<4 hex>}, so a DBA sees whose copy it is,
 * and two builds never collide. Configured names may contain '-', which databases do not accept unquoted.
 */
public final class ScratchNames {
    private static final int MAX = 63;

    private ScratchNames() {
    }

    public static String next(String database, int buildNumber) {
        String suffix = String.format(Locale.ROOT, "_copy_%d_%04x", buildNumber,
                ThreadLocalRandom.current().nextInt(0x10000));
        String base = database.replace('-', '_');
        if (!Character.isLetter(base.charAt(0)) && base.charAt(0) != '_') {
            base = "db_" + base;
        }
        if (base.length() > MAX - suffix.length()) {
            base = base.substring(0, MAX - suffix.length());
        }
        return Names.requireDatabaseName(base + suffix);
    }
}
