package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import io.jenkins.plugins.dbrunbooks.engine.method.MethodContext;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SchemaSnapshot;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The schema a backup's coverage check read, kept for the backup that follows with the moment it was read at, so
 * the backup need not read the whole catalog again when its own snapshot sees the same moment. On a database of
 * many tables the catalog is the larger part of a backup's fixed cost. Held only as long as the run's context is.
 */
final class EarlierCatalog {
    /** A schema and the moment it was read at, as the catalog reader names it. */
    record Read(String moment, SchemaSnapshot schema) {
    }

    private final Map<MethodContext, Read> reads = Collections.synchronizedMap(new WeakHashMap<>());

    void keep(MethodContext context, Read read) {
        if (read.moment() != null) {
            reads.put(context, read);
        }
    }

    /** The read kept for this run, once: a later backup reads its catalog itself. */
    Read take(MethodContext context) {
        return reads.remove(context);
    }
}
