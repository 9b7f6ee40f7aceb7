package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog;

import java.util.Map;
import java.util.function.Supplier;

/** The catalog reader and DDL writer of each engine, by the engine's name in manifests. */
public final class Dialects {
    private static final Map<String, Supplier<CatalogReader>> READERS = Map.of(
            PostgresCatalogReader.ENGINE, PostgresCatalogReader::new,
            MariaDbCatalogReader.ENGINE, MariaDbCatalogReader::new,
            H2CatalogReader.ENGINE, H2CatalogReader::new);
    private static final Map<String, Supplier<DdlWriter>> WRITERS = Map.of(
            PostgresCatalogReader.ENGINE, PostgresDdlWriter::new,
            MariaDbCatalogReader.ENGINE, MariaDbDdlWriter::new,
            H2CatalogReader.ENGINE, H2DdlWriter::new);

    private Dialects() {
    }

    public static CatalogReader reader(String engine) {
        Supplier<CatalogReader> reader = READERS.get(engine);
        if (reader == null) {
            throw new UnsupportedOperationException("No catalog reader for " + engine);
        }
        return reader.get();
    }

    public static DdlWriter writer(String engine) {
        Supplier<DdlWriter> writer = WRITERS.get(engine);
        if (writer == null) {
            throw new UnsupportedOperationException("No DDL writer for " + engine);
        }
        return writer.get();
    }

    /** Engines with both a reader and a writer. */
    public static java.util.Set<String> engines() {
        return READERS.keySet();
    }
}
