package io.jenkins.plugins.dbrunbooks.engine.method.mariadb;

/**
 * A MariaDB table may hold rows that break its own CHECK constraints: the check was added, or the rows went in,
 * with {@code check_constraint_checks} off. mariadb-dump writes each check in its CREATE TABLE, before the rows, so
 * the first such row fails to load (error 4025), as adding such a check after the rows would. A restore of a MariaDB
 * backup into MariaDB therefore runs its own sessions with the checks off, as mariadb-dump's script runs with
 * {@code foreign_key_checks} off: the rows are those the source held. The setting is the session's alone, and no
 * view, routine, trigger or event records it.
 *
 * <p>The setting is in a comment that MariaDB from 10.2.1 runs and MySQL (and older MariaDB), which have no such
 * setting, skip; the statement sets a user variable first, so that it is never a comment alone, which MySQL refuses
 * as an empty query (in the client's --init-command that would fail the connection).
 */
public final class ConstraintChecks {
    /** For rows from MariaDB, into tables of the definitions they came from. */
    public static final String OFF = "SET @dbrunbooks_checks = 0 /*M!100201 , SESSION check_constraint_checks = 0 */";
    /** For rows from another engine, whose checks hold what MariaDB's reading of them may not. */
    public static final String ON = "SET @dbrunbooks_checks = 1 /*M!100201 , SESSION check_constraint_checks = 1 */";

    private ConstraintChecks() {
    }
}
