package io.jenkins.plugins.dbrunbooks.engine.drill;

import io.jenkins.plugins.dbrunbooks.engine.store.BackupStore;
import io.jenkins.plugins.dbrunbooks.engine.store.StoredBackup;
import io.jenkins.plugins.dbrunbooks.engine.verify.VerificationLevel;
import io.jenkins.plugins.dbrunbooks.engine.verify.VerifyNote;
import java.io.Serializable;
import java.util.Locale;

/**
 * How far a backup has been proven, from the notes beside it: only stored; its checksum, stream or structure
 * verified; restored by a drill; restored and its data checked against its fingerprints. A backup whose last drill
 * failed is said to be so whatever was verified before: a restore that failed outweighs a checksum that matched.
 *
 * @param lastDrill the backup's last drill, or null
 */
public record Proof(Level level, DrillRecord lastDrill) implements Serializable {

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
        if (drill != null && drill.state() == DrillRecord.State.FAILED) {
            return new Proof(Level.DRILL_FAILED, drill);
        }
        if (drill != null && drill.passed()) {
            return new Proof(drill.dataChecked() ? Level.CHECKED : Level.RESTORED, drill);
        }
        Level verified = VerifyNote.read(store, backup).filter(VerifyNote::passed).map(n -> of(n.level()))
                .orElse(Level.STORED);
        return new Proof(verified, drill);
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
