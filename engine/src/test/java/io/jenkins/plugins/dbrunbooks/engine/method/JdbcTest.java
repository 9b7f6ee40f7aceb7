package io.jenkins.plugins.dbrunbooks.engine.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.util.List;
import org.junit.Test;

public class JdbcTest {
    @Test
    public void shouldFindBundledDriversWithoutTheDriverManager() {
        assertThat(Jdbc.driverFor("jdbc:postgresql://h/db", List.of()).getClass().getName()).isEqualTo("org.postgresql.Driver");
        assertThat(Jdbc.driverFor("jdbc:mariadb://h/db", List.of()).getClass().getName()).isEqualTo("org.mariadb.jdbc.Driver");
        assertThat(Jdbc.driverFor("jdbc:h2:mem:x", List.of()).getClass().getName()).isEqualTo("org.h2.Driver");
    }

    @Test
    public void shouldNameAUrlNoDriverAccepts() {
        assertThatThrownBy(() -> Jdbc.driverFor("jdbc:oracle:thin:@h:1521/x?password=secret", List.of()))
                .isInstanceOfSatisfying(RunbookException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION))
                .hasMessageContaining("jdbc:oracle").hasMessageNotContaining("secret");
    }

    @Test
    public void shouldRedactPasswordsInUrls() {
        assertThat(Jdbc.redact("jdbc:postgresql://h/db?user=a&password=s3&ssl=true"))
                .isEqualTo("jdbc:postgresql://h/db?user=a&password=****&ssl=true");
    }
}
