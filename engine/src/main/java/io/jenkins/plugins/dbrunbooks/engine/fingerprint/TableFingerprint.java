package io.jenkins.plugins.dbrunbooks.engine.fingerprint;

import java.io.Serializable;

/**
 * One table's rows as a backup saw them: how many, and a checksum of their content that does not depend on the
 * order the server returns them in.
 *
 * @param checksum 16 hex digits; see {@link RowSum}
 */
public record TableFingerprint(long rows, String checksum) implements Serializable {
}
