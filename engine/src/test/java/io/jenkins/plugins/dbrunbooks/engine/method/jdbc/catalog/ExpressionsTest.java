package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.Test;

public class ExpressionsTest {

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
