package io.jenkins.plugins.dbrunbooks.engine.method.mariadb;

import io.jenkins.plugins.dbrunbooks.engine.config.Timeouts;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.Jdbc;
import io.jenkins.plugins.dbrunbooks.engine.method.JdbcScheme;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a {@code jdbc:mariadb:} or {@code jdbc:mysql:} URL the client tools need. Only the first host is
 * used by the tools; failover and load balancing stay with the JDBC driver.
 */
public record MariaDbUrl(String scheme, String hosts, String host, int port, String database, String query) {
    private static final Pattern URL = Pattern.compile(
            "(jdbc:(?:mariadb|mysql):(?:[a-z:]*?:)?//)([^/?]*)(?:/([^?]*))?(\\?.*)?", Pattern.DOTALL);

    /** How long the server keeps a connection of this product that waits between statements: a day. */
    static final int IDLE_SECONDS = 86_400;

    // The MariaDB driver serves jdbc:mysql: URLs only when asked to.
    public static final JdbcScheme SCHEME = new JdbcScheme(List.of("jdbc:mariadb:", "jdbc:mysql:"),
            "org.mariadb.jdbc.Driver", Map.of("connectionAttributes", "program_name:" + Jdbc.APPLICATION_NAME,
                    "permitMysqlScheme", "true", "tcpKeepAlive", "true"), new JdbcScheme.TimeoutProperties() {
                // Connector/J counts milliseconds; its connectTimeout also bounds the server's greeting.
                @Override
                public Map<String, String> of(Timeouts t) {
                    return Map.of("connectTimeout", Long.toString(t.connectSeconds() * 1000L),
                            "socketTimeout", Long.toString(t.readSeconds() * 1000L));
                }

                @Override
                public String connectName() {
                    return "connectTimeout";
                }
            },
            // As mariadb-dump does: a statement time limit set for the server or the login would end a long read
            // or load. Only MariaDB knows the setting; MySQL reads the part in /*M! ... */ as a comment. And a day
            // before the server closes a connection that waits between statements (wait_timeout, which servers set
            // to minutes to be rid of idle applications): a backup's connection waits while the others read.
            List.of("SET SESSION wait_timeout = " + IDLE_SECONDS
                    + " /*M!100108 , SESSION max_statement_time = 0 */"));

    public static boolean isMariaDbUrl(String url) {
        return SCHEME.serves(url);
    }

    public static MariaDbUrl parse(String url) {
        Matcher m = URL.matcher(url);
        if (!isMariaDbUrl(url) || !m.matches()) {
            throw new RunbookException(ErrorKind.CONFIGURATION, "Not a MariaDB or MySQL JDBC URL",
                    "Use jdbc:mariadb://host:3306/database.");
        }
        String hosts = m.group(2);
        String first = hosts.split(",")[0];
        String host = "localhost";
        int port = 3306;
        if (first.startsWith("[")) {
            int close = first.indexOf(']');
            host = first.substring(1, close);
            first = first.substring(close + 1);
            port = first.startsWith(":") ? parsePort(first.substring(1)) : port;
        } else if (!first.isEmpty()) {
            int colon = first.lastIndexOf(':');
            host = colon < 0 ? first : first.substring(0, colon);
            port = colon < 0 ? port : parsePort(first.substring(colon + 1));
        }
        String database = m.group(3) == null ? "" : URLDecoder.decode(m.group(3), StandardCharsets.UTF_8);
        return new MariaDbUrl(m.group(1), hosts, host, port, database, m.group(4) == null ? "" : m.group(4));
    }

    private static int parsePort(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new RunbookException(ErrorKind.CONFIGURATION, "MariaDB URL has an invalid port '" + text + "'");
        }
    }

    /** The database the URL names; the tools cannot work without one. */
    public String requireDatabase() {
        if (database.isEmpty()) {
            throw new RunbookException(ErrorKind.CONFIGURATION, "MariaDB URL names no database",
                    "Use jdbc:mariadb://host:3306/database.");
        }
        return database;
    }

    /** The same server and options, another database; an empty name connects to the server alone. */
    public String withDatabase(String name) {
        return scheme + hosts + "/" + name + query;
    }
}
