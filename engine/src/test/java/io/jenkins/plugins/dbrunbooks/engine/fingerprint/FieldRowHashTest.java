package io.jenkins.plugins.dbrunbooks.engine.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.Test;

public class FieldRowHashTest {

    /** Text hashes as its UTF-8 bytes, ASCII or not, NULL as NULL, each value with its length. */
    @Test
    public void shouldHashTextAsItsUtf8Bytes() {
        FieldRowHash text = new FieldRowHash();
        FieldRowHash bytes = new FieldRowHash();
        String[] values = {"12.50", "", null, "zwölf 🦆", "-0.001", "x".repeat(1000) + "é", "000042"};
        for (String value : values) {
            text.add(value);
            bytes.add(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(text.finishRow()).isEqualTo(bytes.finishRow());

        text.add("ab");
        bytes.add("a".getBytes(StandardCharsets.UTF_8));
        bytes.add("b".getBytes(StandardCharsets.UTF_8));
        assertThat(text.finishRow()).as("values do not run together").isNotEqualTo(bytes.finishRow());
    }
}
