package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.Test;

public class DialectsDdlTest {

    @Test
    public void shouldHaveAReaderAndWriterForEveryEngine() {
        assertThat(Dialects.engines()).containsExactlyInAnyOrder("postgresql", "mariadb", "h2");
        assertThat(Dialects.reader("postgresql")).isInstanceOf(PostgresCatalogReader.class);
        assertThat(Dialects.reader("mariadb")).isInstanceOf(MariaDbCatalogReader.class);
        assertThat(Dialects.reader("h2")).isInstanceOf(H2CatalogReader.class);
        assertThat(Dialects.writer("postgresql")).isInstanceOf(PostgresDdlWriter.class);
        assertThat(Dialects.writer("mariadb")).isInstanceOf(MariaDbDdlWriter.class);
        assertThat(Dialects.writer("h2")).isInstanceOf(H2DdlWriter.class);
    }

    @Test
    public void shouldRefuseAnUnknownEngine() {
        assertThatThrownBy(() -> Dialects.reader("oracle")).hasMessageContaining("oracle");
        assertThatThrownBy(() -> Dialects.writer("oracle")).hasMessageContaining("oracle");
    }

    @Test
    public void shouldCarryLiteralDefaultsOnly() {
        assertThat(Expressions.portableDefault("'it''s'::character varying", false, true)).isEqualTo("'it''s'");
        assertThat(Expressions.portableDefault("'back\\\\slash'", true, false)).isEqualTo("'back\\slash'");
        assertThat(Expressions.portableDefault("'back\\slash'", false, true)).isEqualTo("'back\\\\slash'");
        assertThat(Expressions.portableDefault("(-5)", false, false)).isEqualTo("-5");
        assertThat(Expressions.portableDefault("0.00", false, false)).isEqualTo("0.00");
        assertThat(Expressions.portableDefault("true", false, false)).isEqualTo("TRUE");
        assertThat(Expressions.portableDefault("now()", false, false)).isEqualTo("CURRENT_TIMESTAMP");
        assertThat(Expressions.portableDefault("current_timestamp(6)", true, false)).isEqualTo("CURRENT_TIMESTAMP");
        assertThat(Expressions.portableDefault("gen_random_uuid()", false, false)).isNull();
        assertThat(Expressions.portableDefault("nextval('s'::regclass)", false, false)).isNull();
        assertThat(Expressions.portableDefault("1 + 1", false, false)).isNull();
    }

    @Test
    public void shouldCarrySimpleChecksWithTheTargetsQuoting() {
        assertThat(Expressions.portableCheck("((price >= (0)::numeric))", false, false, Sql::backtick))
                .isEqualTo("((`price` >= (0)))");
        assertThat(Expressions.portableCheck("`qty` > 0 and `qty` < 1000", true, false, Sql::doubleQuote))
                .isEqualTo("\"qty\" > 0 AND \"qty\" < 1000");
        assertThat(Expressions.portableCheck("(\"Mixed \"\"Case\" IS NOT NULL)", false, true, Sql::backtick))
                .isEqualTo("(`Mixed \"Case` IS NOT NULL)");
        assertThat(Expressions.portableCheck("(length(name) > 0)", false, false, Sql::doubleQuote)).isNull();
        assertThat(Expressions.portableCheck("(status = ANY (ARRAY['a'::text]))", false, false, Sql::doubleQuote))
                .isNull();
        assertThat(Expressions.portableCheck("(name ~ '^a')", false, false, Sql::doubleQuote)).isNull();
    }
}
