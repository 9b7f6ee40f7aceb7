package io.jenkins.plugins.dbrunbooks.engine.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.h2.H2Url;
import io.jenkins.plugins.dbrunbooks.engine.method.postgres.PostgresUrl;
import io.jenkins.plugins.dbrunbooks.engine.testing.TestServers;
import org.junit.Test;

public class ServerProbeTest {
    @Test
    public void shouldDescribeWhatAnswered() {
        TestServers.requireServer("PostgreSQL", TestServers.postgresUrl("postgres"), TestServers.PG_USER);
        assertThat(ServerProbe.describe(PostgresUrl.SCHEME, TestServers.postgresUrl("postgres"), TestServers.postgresLogin()))
                .startsWith("PostgreSQL 15").endsWith("as " + TestServers.PG_USER);
        assertThat(ServerProbe.describe(H2Url.SCHEME, "jdbc:h2:mem:probe", DbCredential.of("sa", ""))).startsWith("H2 ");
    }

    @Test
    public void shouldSayWhyItCannotConnect() {
        assertThatThrownBy(() -> ServerProbe.describe(PostgresUrl.SCHEME, "jdbc:postgresql://127.0.0.1:1/x", DbCredential.integrated()))
                .isInstanceOfSatisfying(RunbookException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONNECTION));
    }
}
