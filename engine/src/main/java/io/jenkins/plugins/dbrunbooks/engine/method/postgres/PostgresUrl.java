package io.jenkins.plugins.dbrunbooks.engine.method.postgres;

import io.jenkins.plugins.dbrunbooks.engine.config.Timeouts;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.Jdbc;
import io.jenkins.plugins.dbrunbooks.engine.method.JdbcScheme;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of a {@code jdbc:postgresql:} URL that libpq tools need. Only the first host is used by the tools;
 * the JDBC driver handles the rest.
 */
public record PostgresUrl(String host, int port, String database, Map<String, String> parameters) {
    public static final JdbcScheme SCHEME = new JdbcScheme(List.of("jdbc:postgresql:"), "org.postgresql.Driver",
            Map.of("ApplicationName", Jdbc.APPLICATION_NAME, "tcpKeepAlive", "true"), new JdbcScheme.TimeoutProperties() {
                // loginTimeout bounds the whole login; connectTimeout alone would only bound the TCP handshake.
                @Override
                public Map<String, String> of(Timeouts t) {
                    return Map.of("connectTimeout", Integer.toString(t.connectSeconds()),
                            "loginTimeout", Integer.toString(t.connectSeconds()),
                            "socketTimeout", Integer.toString(t.readSeconds()));
                }

                @Override
                public String connectName() {
                    return "connectTimeout";
                }
            },
            // As pg_dump does: a timeout set for the database or the login (a production database's 30 s statement
            // timeout, or 60 s idle in a transaction) would end a long read, an index build, the transaction that
            // holds a backup's snapshot while the other connections read, or a connection that waits for them. Set,
            // not sent as startup options, which connection poolers refuse; only those the server knows
            // (idle_session_timeout from 14, transaction_timeout from 17), asked by name: the pg_settings view
            // builds every setting, 5 ms a connection. The statement timeout first and alone, as any query may take
            // longer than the timeout itself.
            List.of("SET statement_timeout = 0", "SELECT pg_catalog.set_config(v.name, '0', false) FROM (VALUES"
                    + " ('lock_timeout'), ('idle_in_transaction_session_timeout'), ('idle_session_timeout'),"
                    + " ('transaction_timeout')) v (name) WHERE pg_catalog.current_setting(v.name, true) IS NOT NULL"));
    public static final String PREFIX = SCHEME.prefix();

    public static PostgresUrl parse(String url) {
        if (!url.startsWith(PREFIX)) {
            throw new IllegalArgumentException("Not a PostgreSQL URL");
        }
        String rest = url.substring(PREFIX.length());
        Map<String, String> params = new LinkedHashMap<>();
        int q = rest.indexOf('?');
        if (q >= 0) {
            for (String pair : rest.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            rest = rest.substring(0, q);
        }
        String host = "localhost";
        int port = 5432;
        String database;
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            String hostPart = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
            database = slash < 0 ? "" : rest.substring(slash + 1);
            String first = hostPart.split(",")[0];
            if (first.startsWith("[")) {
                int close = first.indexOf(']');
                host = first.substring(1, close);
                first = first.substring(close + 1);
                if (first.startsWith(":")) {
                    port = parsePort(first.substring(1), url);
                }
            } else if (!first.isEmpty()) {
                int colon = first.lastIndexOf(':');
                host = colon < 0 ? first : first.substring(0, colon);
                if (colon >= 0) {
                    port = parsePort(first.substring(colon + 1), url);
                }
            }
        } else {
            database = rest.startsWith("/") ? rest.substring(1) : rest;
        }
        database = URLDecoder.decode(database, StandardCharsets.UTF_8);
        if (database.isEmpty()) {
            throw new RunbookException(ErrorKind.CONFIGURATION, "PostgreSQL URL names no database",
                    "Use jdbc:postgresql://host:5432/database.");
        }
        return new PostgresUrl(host, port, database, Map.copyOf(params));
    }

    private static int parsePort(String text, String url) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new RunbookException(ErrorKind.CONFIGURATION, "PostgreSQL URL has an invalid port '" + text + "'");
        }
    }

    /** The same server and options, another database. */
    public String withDatabase(String url, String name) {
        String rest = url.substring(PREFIX.length());
        int q = rest.indexOf('?');
        String query = q < 0 ? "" : rest.substring(q);
        String base = q < 0 ? rest : rest.substring(0, q);
        if (base.startsWith("//")) {
            int slash = base.indexOf('/', 2);
            String hostPart = slash < 0 ? base.substring(2) : base.substring(2, slash);
            return PREFIX + "//" + hostPart + "/" + name + query;
        }
        return PREFIX + name + query;
    }
}
