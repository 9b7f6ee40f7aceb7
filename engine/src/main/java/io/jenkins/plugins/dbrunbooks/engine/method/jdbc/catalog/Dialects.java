package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog;

/** The catalog reader and DDL writer of each engine, by the engine's name in manifests. */
public final class Dialects {
    private Dialects() {
    }

    public static CatalogReader reader(String engine) {
        throw new UnsupportedOperationException("No catalog reader for " + engine);
    }

    public static DdlWriter writer(String engine) {
        throw new UnsupportedOperationException("No DDL writer for " + engine);
    }
}
