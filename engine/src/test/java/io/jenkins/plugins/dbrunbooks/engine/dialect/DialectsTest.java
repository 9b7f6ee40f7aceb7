package io.jenkins.plugins.dbrunbooks.engine.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseMethod;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.SnapshotDialect;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog.H2CatalogReader;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog.H2DdlWriter;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog.MariaDbCatalogReader;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog.MariaDbDdlWriter;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog.PostgresCatalogReader;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog.PostgresDdlWriter;
import org.junit.Test;

public class DialectsTest {
    private final Dialects dialects = Dialects.standard();

    private SnapshotDialect snapshot(String engine) {
        return dialects.forEngine(engine).orElseThrow().snapshot();
    }

    @Test
    public void shouldHaveAReaderAndWriterForEveryEngine() {
        assertThat(dialects.all()).extracting(Dialect::engine).containsExactlyInAnyOrder("postgresql", "mariadb",
                "h2");
        assertThat(snapshot("postgresql").catalogReader()).isInstanceOf(PostgresCatalogReader.class);
        assertThat(snapshot("mariadb").catalogReader()).isInstanceOf(MariaDbCatalogReader.class);
        assertThat(snapshot("h2").catalogReader()).isInstanceOf(H2CatalogReader.class);
        assertThat(snapshot("postgresql").ddlWriter()).isInstanceOf(PostgresDdlWriter.class);
        assertThat(snapshot("mariadb").ddlWriter()).isInstanceOf(MariaDbDdlWriter.class);
        assertThat(snapshot("h2").ddlWriter()).isInstanceOf(H2DdlWriter.class);
    }

    @Test
    public void shouldRefuseAnUnknownEngine() {
        assertThat(dialects.forEngine("oracle")).isEmpty();
        assertThatThrownBy(() -> dialects.forUrl("jdbc:oracle:thin:@h:1521/x?password=secret"))
                .isInstanceOfSatisfying(RunbookException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION))
                .hasMessageContaining("jdbc:oracle").hasMessageNotContaining("secret");
    }

    @Test
    public void shouldChooseTheDialectByUrl() {
        assertThat(dialects.forUrl("jdbc:postgresql://db:5432/orders").engine()).isEqualTo("postgresql");
        assertThat(dialects.forUrl("jdbc:mariadb://db:3306/orders").engine()).isEqualTo("mariadb");
        assertThat(dialects.forUrl("jdbc:mysql://db:3306/orders").engine()).isEqualTo("mariadb");
        assertThat(dialects.forUrl("jdbc:h2:mem:orders").engine()).isEqualTo("h2");
    }

    @Test
    public void shouldOfferEachEnginesNativeMethodBeforeItsJdbcOne() {
        for (Dialect dialect : dialects.all()) {
            assertThat(dialect.methods()).extracting(DatabaseMethod::name).as(dialect.engine())
                    .containsExactly("native", "jdbc");
            assertThat(dialect.methods()).extracting(DatabaseMethod::engine).as(dialect.engine())
                    .containsOnly(dialect.engine());
            assertThat(dialect.snapshot().engine()).isEqualTo(dialect.engine());
        }
    }

    @Test
    public void shouldNameEverySupportedUrlPrefix() {
        assertThat(dialects.supportedUrls())
                .isEqualTo("Supported URLs start with jdbc:postgresql:, jdbc:mariadb:, jdbc:mysql: or jdbc:h2:.");
    }
}
