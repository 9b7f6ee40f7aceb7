package io.jenkins.plugins.dbrunbooks.plugin.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.dbrunbooks.engine.maintenance.LockKind;
import io.jenkins.plugins.dbrunbooks.engine.maintenance.LockRecord;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.Arrays;
import org.junit.Test;

public class StoredLockTest {
    private static final LockRecord LOCK = new LockRecord("postgresql", "jdbc:postgresql://db:5432/orders", "orders",
            LockKind.READ_ONLY, "off", Instant.parse("2026-11-24T23:56:40.339Z"));

    @Test
    public void shouldGiveBackTheLockItStored() throws IOException {
        StoredLock stored = StoredLock.of("w1", "prod", "orders", LOCK);

        assertThat(stored.toRecord()).isEqualTo(LOCK);
        assertThat(stored.failed("server down").toRecord()).isEqualTo(LOCK);
        assertThat(stored.failed("server down").getError()).isEqualTo("server down");
    }

    /** XStream writes these fields as plain elements; nothing in the file is read back as Java serialization. */
    @Test
    public void shouldKeepOnlyTextAndNumbers() {
        assertThat(Arrays.stream(StoredLock.class.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers())).map(Field::getType))
                .allMatch(type -> type == String.class || type == long.class);
    }

    @Test
    public void shouldRefuseToGuessALockItCannotRead() {
        // What XStream leaves of an entry whose fields it does not know.
        StoredLock unreadable = new StoredLock();

        assertThatThrownBy(unreadable::toRecord).isInstanceOf(IOException.class).hasMessageContaining("by hand");
    }
}
