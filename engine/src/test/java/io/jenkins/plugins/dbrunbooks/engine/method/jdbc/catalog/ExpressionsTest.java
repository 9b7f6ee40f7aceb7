package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog.Expressions.Source;
import java.util.HexFormat;
import java.util.function.Function;
import org.junit.Test;

public class ExpressionsTest {

    @Test
    public void shouldCarryLiteralDefaultsOnly() {
        assertThat(Expressions.portableDefault("'it''s'::character varying", Source.POSTGRES, true, null)).isEqualTo("'it''s'");
        assertThat(Expressions.portableDefault("'back\\\\slash'", Source.MARIADB, false, null)).isEqualTo("'back\\slash'");
        assertThat(Expressions.portableDefault("'back\\slash'", Source.POSTGRES, true, null)).isEqualTo("'back\\\\slash'");
        assertThat(Expressions.portableDefault("(-5)", Source.POSTGRES, false, null)).isEqualTo("-5");
        assertThat(Expressions.portableDefault("0.00", Source.POSTGRES, false, null)).isEqualTo("0.00");
        assertThat(Expressions.portableDefault("true", Source.POSTGRES, false, null)).isEqualTo("TRUE");
        assertThat(Expressions.portableDefault("now()", Source.POSTGRES, false, null)).isEqualTo("CURRENT_TIMESTAMP");
        assertThat(Expressions.portableDefault("current_timestamp(6)", Source.MARIADB, false, null)).isEqualTo("CURRENT_TIMESTAMP");
        assertThat(Expressions.portableDefault("gen_random_uuid()", Source.POSTGRES, false, null)).isNull();
        assertThat(Expressions.portableDefault("nextval('s'::regclass)", Source.POSTGRES, false, null)).isNull();
        assertThat(Expressions.portableDefault("1 + 1", Source.POSTGRES, false, null)).isNull();
    }

    @Test
    public void shouldReadMariaDbEscapesAsMariaDbDoes() {
        // As the server shows them: '\0' and '\n' are escaped, a tab is not, '\%' stays two characters.
        assertThat(Expressions.portableDefault("'a\\0b\\nc\td\\\\e\\%'", Source.MARIADB, false, null))
                .isEqualTo("'a\0b\nc\td\\e\\%'");
        assertThat(Expressions.portableDefault("'it''s \\'q\\''", Source.MARIADB, true, null))
                .isEqualTo("'it''s ''q'''");
        assertThat(Expressions.portableDefault("'a\\0b'", Source.POSTGRES, true, null)).isEqualTo("'a\\\\0b'");
    }

    @Test
    public void shouldWriteBinaryDefaultsAsTheirBytes() {
        Function<byte[], String> hex = b -> "<" + HexFormat.of().formatHex(b) + ">";
        assertThat(Expressions.portableDefault("'\\0\\0a'", Source.MARIADB, false, hex)).isEqualTo("<000061>");
        assertThat(Expressions.portableDefault("X'00ff'", Source.H2, false, hex)).isEqualTo("<00ff>");
        assertThat(Expressions.portableDefault("'\\x00ff'::bytea", Source.POSTGRES, true, hex)).isEqualTo("<00ff>");
        assertThat(Expressions.portableDefault("'a\\000\\377\\\\'::bytea", Source.POSTGRES, true, hex))
                .isEqualTo("<6100ff5c>");
        assertThat(Expressions.portableDefault("NULL", Source.MARIADB, false, hex)).isEqualTo("NULL");
        assertThat(Expressions.portableDefault("X'00ff'", Source.POSTGRES, false, hex)).isNull();
        assertThat(Expressions.portableDefault("b'101'", Source.MARIADB, false, hex)).isNull();
        assertThat(Expressions.portableDefault("'\\q'::bytea", Source.POSTGRES, false, hex)).isNull();
    }

    @Test
    public void shouldCarrySimpleChecksWithTheTargetsQuoting() {
        assertThat(Expressions.portableCheck("((price >= (0)::numeric))", Source.POSTGRES, false, Sql::backtick))
                .isEqualTo("((`price` >= (0)))");
        assertThat(Expressions.portableCheck("`qty` > 0 and `qty` < 1000", Source.MARIADB, false, Sql::doubleQuote))
                .isEqualTo("\"qty\" > 0 AND \"qty\" < 1000");
        assertThat(Expressions.portableCheck("(\"Mixed \"\"Case\" IS NOT NULL)", Source.POSTGRES, true, Sql::backtick))
                .isEqualTo("(`Mixed \"Case` IS NOT NULL)");
        assertThat(Expressions.portableCheck("(length(name) > 0)", Source.POSTGRES, false, Sql::doubleQuote)).isNull();
        assertThat(Expressions.portableCheck("(status = ANY (ARRAY['a'::text]))", Source.POSTGRES, false, Sql::doubleQuote))
                .isNull();
        assertThat(Expressions.portableCheck("(name ~ '^a')", Source.POSTGRES, false, Sql::doubleQuote)).isNull();
    }
}
