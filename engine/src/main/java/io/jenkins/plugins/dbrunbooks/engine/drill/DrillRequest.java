package io.jenkins.plugins.dbrunbooks.engine.drill;

import io.jenkins.plugins.dbrunbooks.engine.credentials.SecretValue;
import io.jenkins.plugins.dbrunbooks.engine.inventory.BackupRef;
import java.io.Serializable;

/**
 * A restore drill of one backup of {@code environment/database}.
 *
 * @param backup {@code latest} (the newest backup that is not a safety backup) or an id
 * @param ageIdentity content of the age identity file for an encrypted backup: the drill proves it still decrypts
 * @param confirm must name the drill target's environment when it is protected
 */
public record DrillRequest(String environment, String database, String backup, SecretValue ageIdentity,
        String confirm) implements Serializable {

    public DrillRequest {
        backup = backup == null || backup.isBlank() ? BackupRef.LATEST : backup;
    }

    public static DrillRequest of(String environment, String database) {
        return new DrillRequest(environment, database, BackupRef.LATEST, null, null);
    }

    public DrillRequest withBackup(String ref) {
        return new DrillRequest(environment, database, ref, ageIdentity, confirm);
    }

    public DrillRequest withIdentity(SecretValue identity) {
        return new DrillRequest(environment, database, backup, identity, confirm);
    }

    public DrillRequest confirmedFor(String env) {
        return new DrillRequest(environment, database, backup, ageIdentity, env);
    }
}
