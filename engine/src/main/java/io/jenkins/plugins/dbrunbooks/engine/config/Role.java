package io.jenkins.plugins.dbrunbooks.engine.config;

import java.util.Locale;

/** What a database credential is for. Backups never use the deployment account. */
public enum Role {
    BACKUP, RESTORE, DEPLOY;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role of(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT));
    }
}
