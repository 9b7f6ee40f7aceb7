package io.jenkins.plugins.dbrunbooks.engine.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.dbrunbooks.engine.backup.BackupOperation;
import io.jenkins.plugins.dbrunbooks.engine.backup.BackupRequest;
import io.jenkins.plugins.dbrunbooks.engine.config.DatabaseTarget;
import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.config.Role;
import io.jenkins.plugins.dbrunbooks.engine.config.Timeouts;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.mariadb.MariaDbNativeMethod;
import io.jenkins.plugins.dbrunbooks.engine.method.mariadb.MariaDbUrl;
import io.jenkins.plugins.dbrunbooks.engine.method.postgres.PostgresNativeMethod;
import io.jenkins.plugins.dbrunbooks.engine.method.postgres.PostgresUrl;
import io.jenkins.plugins.dbrunbooks.engine.process.ToolLocator;
import io.jenkins.plugins.dbrunbooks.engine.testing.EngineFixture;
import io.jenkins.plugins.dbrunbooks.engine.testing.ExternalTools;
import io.jenkins.plugins.dbrunbooks.engine.testing.RecordingListener;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.Timeout;

/**
 * A server that accepts connections and never says a word: every way in, JDBC or a native tool, gives up after
 * the connect timeout and says which server and which setting.
 */
public class SilentServerTest {
    private static final Timeouts SHORT = new Timeouts(2, 60);
    private static final DbCredential LOGIN = DbCredential.of("nobody", "secret");

    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private ServerSocket server;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    @Before
    public void listen() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    accepted.add(server.accept());
                }
            } catch (IOException e) {
                // Closed at the end of the test.
            }
        }, "silent server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @After
    public void close() throws IOException {
        server.close();
        for (Socket s : accepted) {
            s.close();
        }
    }

    private String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    private MethodContext context(String url) {
        return new MethodContext(url, LOGIN, ToolLocator.fromEnvironment(List.of()), tmp.getRoot().toPath(),
                new RecordingListener(), SHORT);
    }

    @Test
    public void postgresJdbcConnectionGivesUp() {
        RunbookException e = catchThrowableOfType(() -> Jdbc.connect(PostgresUrl.SCHEME,
                "jdbc:postgresql://" + address() + "/app", LOGIN, SHORT), RunbookException.class);
        assertThat(e.kind()).isEqualTo(ErrorKind.CONNECTION);
        assertThat(e.getMessage()).contains("No answer from '" + address() + "' within 2 s (connectTimeout)");
        assertThat(accepted).isNotEmpty();
    }

    @Test
    public void mariaDbJdbcConnectionGivesUp() {
        RunbookException e = catchThrowableOfType(() -> Jdbc.connect(MariaDbUrl.SCHEME,
                "jdbc:mariadb://" + address() + "/app", LOGIN, SHORT), RunbookException.class);
        assertThat(e.kind()).isEqualTo(ErrorKind.CONNECTION);
        assertThat(e.getMessage()).contains("No answer from '" + address() + "' within 2 s (connectTimeout)");
        assertThat(accepted).isNotEmpty();
    }

    @Test
    public void postgresNativeBackupGivesUp() {
        ExternalTools.require("pg_dump");
        RunbookException e = catchThrowableOfType(() -> new PostgresNativeMethod().backup(
                context("jdbc:postgresql://" + address() + "/app"), new ByteArrayOutputStream()),
                RunbookException.class);
        assertThat(e.getMessage()).contains("No answer from '" + address() + "' within 2 s");
    }

    @Test
    public void mariaDbNativeRestoreGivesUp() {
        ExternalTools.require("mariadb");
        RestoreSource source = new RestoreSource() {
            private final InputStream in = new ByteArrayInputStream("SELECT 1;\n".getBytes());

            @Override
            public InputStream stream() {
                return in;
            }

            @Override
            public void requireIntact() {
            }
        };
        RunbookException e = catchThrowableOfType(() -> new MariaDbNativeMethod().restore(
                context("jdbc:mariadb://" + address() + "/app"), source, RestoreOptions.defaults()),
                RunbookException.class);
        assertThat(e.getMessage()).contains("No answer from '" + address() + "' within 2 s (connect-timeout)");
    }

    /**
     * A whole backup, whatever the method, makes one attempt and waits one connect timeout: the silent server is
     * asked once, not once to choose the method and again to back up.
     */
    @Test
    public void mariaDbBackupWaitsOneConnectTimeout() {
        for (MethodChoice method : MethodChoice.values()) {
            accepted.clear();
            EngineFixture fixture = new EngineFixture(tmp.getRoot().toPath(), LOGIN).environment("qa",
                    new DatabaseTarget("orders", "jdbc:mariadb://" + address() + "/app", method,
                            Map.of(Role.BACKUP, "backup"), false, SHORT));
            long start = System.nanoTime();
            RunbookException e = catchThrowableOfType(() -> new BackupOperation(fixture.context())
                    .run(new BackupRequest("qa", "orders", null)), RunbookException.class);
            System.out.println("Silent MariaDB server, method " + method.id() + ": gave up after "
                    + (System.nanoTime() - start) / 1_000_000 + " ms");
            assertThat(e.getMessage()).as(method.id()).contains("No answer from '" + address() + "' within 2 s");
            assertThat(accepted).as(method.id() + ": connections the server was asked for").hasSize(1);
        }
    }
}
