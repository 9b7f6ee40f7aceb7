package io.jenkins.plugins.dbrunbooks.engine.dialect;

import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.DatabaseLock;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseAdmin;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseMethod;
import io.jenkins.plugins.dbrunbooks.engine.method.Jdbc;
import io.jenkins.plugins.dbrunbooks.engine.method.JdbcScheme;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.method.ServerPositions;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.SnapshotDialect;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Everything that makes one engine different, in one place: which JDBC URLs it serves and what its driver is told,
 * its methods, how it reads and loads a snapshot, how it creates, drops and renames databases, and how it locks one.
 * Callers ask a dialect what it can do; none asks which engine it is.
 */
public interface Dialect {

    /** The engine's name, as recorded in manifests: {@code postgresql}, {@code mariadb}, {@code h2}. */
    String engine();

    /** The engine's name for people, e.g. {@code PostgreSQL}. */
    String displayName();

    /** The URL prefixes and driver properties; every connection to the engine is opened with them. */
    JdbcScheme scheme();

    default boolean serves(String jdbcUrl) {
        return scheme().serves(jdbcUrl);
    }

    /** The engine's methods, native first, so {@code auto} prefers it where its tools are here. */
    List<DatabaseMethod> methods();

    /** How the snapshot pipeline reads and loads the engine's data. */
    SnapshotDialect snapshot();

    /** How the engine tells where its server stands, to measure what was written since a backup. */
    default ServerPositions positions() {
        return snapshot().positions();
    }

    /** Creates, drops and renames databases on the server of the context's database. */
    DatabaseAdmin admin(MethodContext context);

    boolean hasDatabaseLock();

    /** The engine's database lock for the database of {@code jdbcUrl}; empty where the engine has none. */
    Optional<DatabaseLock> lock(String jdbcUrl, DbCredential credential, Clock clock);

    default Connection connect(String jdbcUrl, DbCredential credential) {
        return Jdbc.connect(scheme(), jdbcUrl, credential);
    }
}
