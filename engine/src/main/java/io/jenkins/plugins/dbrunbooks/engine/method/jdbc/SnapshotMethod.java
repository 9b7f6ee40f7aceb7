package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import io.jenkins.plugins.dbrunbooks.engine.method.Capabilities;
import io.jenkins.plugins.dbrunbooks.engine.method.Coverage;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseAdmin;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseMethod;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;

/**
 * What the {@code jdbc} method is on every engine: the portable snapshot format, under the name {@code jdbc}, with
 * the engine's native method for what is not about the data (which URLs it serves, how to create, drop and swap
 * databases). Each engine adds how it reads and loads the rows.
 */
abstract class SnapshotMethod implements DatabaseMethod {
    private final String engine;
    private final DatabaseMethod nativeMethod;

    SnapshotMethod(String engine, DatabaseMethod nativeMethod) {
        this.engine = engine;
        this.nativeMethod = nativeMethod;
    }

    /** Connections that work at once unless told otherwise: as many as there are processors, from 1 to 4. */
    static int defaultJobs() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    @Override
    public final String engine() {
        return engine;
    }

    @Override
    public final String name() {
        return "jdbc";
    }

    @Override
    public final boolean serves(String jdbcUrl) {
        return nativeMethod.serves(jdbcUrl);
    }

    @Override
    public final String payloadExtension() {
        return ".dbrj";
    }

    @Override
    public final Capabilities capabilities() {
        return new Capabilities(nativeMethod.capabilities().swapRestore(), false, false);
    }

    @Override
    public final Coverage coverage(MethodContext context) {
        return SnapshotCoverage.of(engine, context);
    }

    @Override
    public final DatabaseAdmin admin(MethodContext context) {
        return nativeMethod.admin(context);
    }
}
