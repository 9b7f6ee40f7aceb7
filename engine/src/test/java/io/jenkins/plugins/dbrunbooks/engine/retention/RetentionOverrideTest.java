package io.jenkins.plugins.dbrunbooks.engine.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.dbrunbooks.engine.config.Retention;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import org.junit.Test;

public class RetentionOverrideTest {
    private static final Retention CONFIGURED = new Retention(7, 30);

    @Test
    public void shouldKeepTheConfiguredRetentionWithoutOverride() {
        assertThat(RetentionOverride.NONE.applyTo(CONFIGURED)).isEqualTo(CONFIGURED);
        assertThat(new PruneRequest("qa", "orders", null, true).override()).isEqualTo(RetentionOverride.NONE);
    }

    @Test
    public void shouldReplaceOnlyTheHalfThatIsGiven() {
        assertThat(new RetentionOverride(2, null).applyTo(CONFIGURED)).isEqualTo(new Retention(2, 30));
        assertThat(new RetentionOverride(null, 3).applyTo(CONFIGURED)).isEqualTo(new Retention(7, 3));
        assertThat(new RetentionOverride(0, 0).applyTo(CONFIGURED)).isEqualTo(Retention.KEEP_ALL);
    }

    @Test
    public void shouldOverrideAnEnvironmentWithoutRetention() {
        assertThat(new RetentionOverride(1, null).applyTo(null)).isEqualTo(new Retention(1, 0));
    }

    @Test
    public void shouldRefuseANegativeValue() {
        assertThatThrownBy(() -> new RetentionOverride(-1, null)).isInstanceOf(RunbookException.class)
                .hasMessageContaining("is negative")
                .extracting(e -> ((RunbookException) e).kind()).isEqualTo(ErrorKind.USAGE);
        assertThatThrownBy(() -> new RetentionOverride(null, -5)).hasMessageContaining("maxAgeDays=-5");
    }
}
