package io.jenkins.plugins.dbrunbooks.engine.fingerprint;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * How one table's fingerprint is summed from the rows a backup's own {@code SELECT} reads, so the server reads the
 * table once: the expressions to add after the backup's columns, and per row the hash the engine's fingerprinter
 * would give it. The rows' hashes are summed modulo 2^64, as the fingerprinter sums them.
 */
public interface SelectRowHash {

    /** Expressions the backup's {@code SELECT} reads after its own columns, in this order (often none). */
    List<String> extraColumns();

    /** A hasher for one read of the table; each read (thread) takes its own. */
    Hasher hasher();

    /** A value read that keeps the text it was read from, which a hash of that text takes instead of reading it. */
    interface TextValue {
        byte[] text();
    }

    /** Hashes the rows of one result, one at a time. */
    interface Hasher {
        /**
         * The hash of the row the result stands on.
         *
         * @param values the values the backup read from this row for its own columns, in order, which the hasher
         *     takes instead of reading again where they hold the text it hashes
         */
        long row(ResultSet rs, Object[] values) throws SQLException;
    }
}
