package io.jenkins.plugins.dbrunbooks.engine.drill;

import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent;
import io.jenkins.plugins.dbrunbooks.engine.store.BackupStore;
import io.jenkins.plugins.dbrunbooks.engine.store.StoredBackup;
import io.jenkins.plugins.dbrunbooks.engine.verify.VerificationLevel;
import io.jenkins.plugins.dbrunbooks.engine.verify.VerifyNote;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far a backup has been proven, from the notes beside it: only stored; its checksum, stream or structure
 * verified; restored by a drill; restored and its data checked against its fingerprints. A backup whose last drill
 * failed is said to be so whatever was verified before: a restore that failed outweighs a checksum that matched.
 *
 * @param lastDrill the backup's last drill, or null
 */
public record Proof(Level level, DrillRecord lastDrill) implements Serializable {
    /** How a verification's audit message names the level it reached: {@code verified to level stream}. */
    private static final Pattern VERIFIED = Pattern.compile("verified to level ([a-z]+)");

    public enum Level {
        STORED("stored"), CHECKSUM("checksum verified"), STREAM("stream verified"),
        STRUCTURE("structure verified"), RESTORED("restored"), CHECKED("restored and checked"),
        DRILL_FAILED("drill failed");

        private final String label;

        Level(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The name in JSON and result maps: {@code stored}, {@code checksum}... {@code checked}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public static Proof of(BackupStore store, StoredBackup backup) {
        DrillRecord drill = DrillNotes.read(store, backup).orElse(null);
        Level drilled = null;
        if (drill != null && drill.state() == DrillRecord.State.FAILED) {
            drilled = Level.DRILL_FAILED;
        } else if (drill != null && drill.passed()) {
            drilled = drill.dataChecked() ? Level.CHECKED : Level.RESTORED;
        }
        Level verified = VerifyNote.read(store, backup).filter(VerifyNote::passed).map(n -> of(n.level()))
                .orElse(null);
        return new Proof(reached(drilled, verified), drill);
    }

    /**
     * The level a backup reached by the audit events of its drills and verifications, for a place that keeps the
     * events but cannot read the notes beside the backup (a Jenkins controller whose backups live on agents). The
     * newest finished drill and the newest verification stand for the notes; events of other backups are ignored.
     *
     * @param newestFirst audit events, newest first, as an audit trail reads them
     */
    public static Level fromAudit(String backupId, List<AuditEvent> newestFirst) {
        Level drilled = null;
        Level verified = null;
        boolean verifySeen = false;
        for (AuditEvent e : newestFirst) {
            if (backupId == null || !backupId.equals(e.backupId()) || e.outcome() == AuditEvent.Outcome.REFUSED) {
                continue;
            }
            if (drilled == null && "drill".equals(e.operation())) {
                drilled = e.outcome() != AuditEvent.Outcome.SUCCESS ? Level.DRILL_FAILED
                        : e.message() != null && e.message().contains(DrillOperation.DATA_MATCHED) ? Level.CHECKED
                        : Level.RESTORED;
            }
            if (!verifySeen && "verify".equals(e.operation())) {
                verifySeen = true;
                Matcher m = e.message() == null ? null : VERIFIED.matcher(e.message());
                if (e.outcome() == AuditEvent.Outcome.SUCCESS && m != null && m.find()) {
                    verified = verificationLevel(m.group(1));
                }
            }
        }
        return reached(drilled, verified);
    }

    private static Level verificationLevel(String id) {
        try {
            return of(VerificationLevel.valueOf(id.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A drill's verdict outweighs any verification; without either the backup is only stored. */
    private static Level reached(Level drilled, Level verified) {
        if (drilled != null) {
            return drilled;
        }
        return verified != null ? verified : Level.STORED;
    }

    private static Level of(VerificationLevel level) {
        return switch (level) {
            case CHECKSUM -> Level.CHECKSUM;
            case STREAM -> Level.STREAM;
            case STRUCTURE -> Level.STRUCTURE;
            case RESTORE -> Level.RESTORED;
            default -> Level.STORED;
        };
    }
}
