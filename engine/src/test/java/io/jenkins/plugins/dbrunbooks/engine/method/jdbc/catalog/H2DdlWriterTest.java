package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.model.SchemaSnapshot;
import java.sql.Connection;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class H2DdlWriterTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void shouldRebuildTheSameSchemaInAnEmptyDatabase() throws Exception {
        SchemaSnapshot snapshot;
        try (Connection c = H2CatalogReaderTest.open(folder.getRoot(), "source")) {
            H2CatalogReaderTest.load(c);
            snapshot = new H2CatalogReader().read(c);
        }
        H2DdlWriter writer = new H2DdlWriter();
        assertThat(writer.incompatibility(snapshot)).isEmpty();
        SchemaSnapshot restored;
        try (Connection c = H2CatalogReaderTest.open(folder.getRoot(), "target")) {
            Restores.apply(writer, snapshot, c);
            restored = new H2CatalogReader().read(c);
        }
        assertThat(Restores.normalized(restored)).containsExactlyElementsOf(Restores.normalized(snapshot));
    }
}
