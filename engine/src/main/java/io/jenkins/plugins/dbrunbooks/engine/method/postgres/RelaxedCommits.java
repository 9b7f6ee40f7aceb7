package io.jenkins.plugins.dbrunbooks.engine.method.postgres;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.Jdbc;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Commits that do not wait for the disk, for a restore into a database of its own: that database is of no use until
 * the whole restore is in (a failed one is dropped), so each table's COPY and each statement pg_restore runs need not
 * wait for its own flush; on a database of many small tables those were thousands of waits. It is set on the
 * database, so that every session of the restore takes it, pg_restore's included, without a startup option a
 * connection pooler could refuse, and taken off again at the end by one commit that waits for the disk: its flush
 * takes every change written before it to the disk too.
 */
final class RelaxedCommits {
    private static final String SET = "SELECT format('ALTER DATABASE %I SET synchronous_commit = off',"
            + " current_database())";
    private static final String RESET = "SELECT format('ALTER DATABASE %I RESET synchronous_commit',"
            + " current_database())";

    private final MethodContext context;
    private final boolean relaxed;

    private RelaxedCommits(MethodContext context, boolean relaxed) {
        this.context = context;
        this.relaxed = relaxed;
    }

    /** Relaxes the commits of the database the restore fills; where the login may not, they wait as before. */
    static RelaxedCommits on(MethodContext context) {
        try (Connection c = connect(context); Statement s = c.createStatement()) {
            s.execute(statement(s, SET));
            return new RelaxedCommits(context, true);
        } catch (SQLException e) {
            // Not the database's owner: the restore is only slower.
            return new RelaxedCommits(context, false);
        }
    }

    /** For a restore in place: only the loader's own sessions relax their commits; the end still waits for all. */
    static RelaxedCommits sessionsOnly(MethodContext context) {
        return new RelaxedCommits(context, false);
    }

    /** Takes the setting off the database and makes the whole restore durable. */
    void end() {
        try (Connection c = connect(context); Statement s = c.createStatement()) {
            s.execute("SET synchronous_commit = on");
            if (relaxed) {
                s.execute(statement(s, RESET));
            }
            s.execute("SELECT pg_catalog.txid_current()");
        } catch (SQLException e) {
            throw new RunbookException(ErrorKind.RESTORE_FAILED, "The restore could not be made durable: "
                    + e.getMessage(), null, e);
        }
    }

    private static String statement(Statement s, String query) throws SQLException {
        try (ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Connection connect(MethodContext context) {
        return Jdbc.connect(PostgresUrl.SCHEME, context.jdbcUrl(), context.credential(), context.timeouts());
    }
}
