package io.jenkins.plugins.dbrunbooks.engine.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.Test;

public class LockRecordTest {
    @Test
    public void shouldKeepNoPasswordInTheRecord() {
        assertThat(LockRecord.withoutSecrets("jdbc:postgresql://db/orders?password=x1&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/orders?ssl=true");
        assertThat(LockRecord.withoutSecrets("jdbc:postgresql://db/orders?ssl=true&PASSWORD=x1"))
                .isEqualTo("jdbc:postgresql://db/orders?ssl=true");
        assertThat(LockRecord.withoutSecrets("jdbc:mariadb://db/orders?user=a&pwd=x1&useSsl=true"))
                .isEqualTo("jdbc:mariadb://db/orders?user=a&useSsl=true");
        assertThat(LockRecord.withoutSecrets("jdbc:mariadb://db/orders?password=x1"))
                .isEqualTo("jdbc:mariadb://db/orders");
        LockRecord record = new LockRecord("postgresql", "jdbc:postgresql://db/orders?password=x1", "orders",
                LockKind.READ_ONLY, null, Instant.EPOCH);
        assertThat(record.jdbcUrl()).doesNotContain("x1");
        assertThat(record.toString()).doesNotContain("x1");
    }
}
