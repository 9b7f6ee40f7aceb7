package io.jenkins.plugins.dbrunbooks.engine.dialect;

import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseMethod;
import io.jenkins.plugins.dbrunbooks.engine.method.Jdbc;
import io.jenkins.plugins.dbrunbooks.engine.method.MethodRegistry;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every engine this version supports, in one explicit list: the one place where the engines are put together.
 * Everything else finds an engine's dialect here by JDBC URL or by the engine name a manifest records.
 */
public final class Dialects {
    private static final Dialects STANDARD = new Dialects(List.of(new PostgresDialect(), new MariaDbDialect(),
            new H2Dialect()));

    private final List<Dialect> dialects;

    public Dialects(List<Dialect> dialects) {
        this.dialects = List.copyOf(dialects);
    }

    public static Dialects standard() {
        return STANDARD;
    }

    public List<Dialect> all() {
        return dialects;
    }

    public Optional<Dialect> find(String jdbcUrl) {
        return dialects.stream().filter(d -> d.serves(jdbcUrl)).findFirst();
    }

    public Dialect forUrl(String jdbcUrl) {
        return find(jdbcUrl).orElseThrow(() -> new RunbookException(ErrorKind.CONFIGURATION, "No supported database"
                + " serves '" + Jdbc.redact(String.valueOf(jdbcUrl)) + "'", supportedUrls()));
    }

    /** Connects to a URL with its engine's driver properties. */
    public Connection connect(String jdbcUrl, DbCredential credential) {
        return forUrl(jdbcUrl).connect(jdbcUrl, credential);
    }

    public Optional<Dialect> forEngine(String engine) {
        return dialects.stream().filter(d -> d.engine().equals(engine)).findFirst();
    }

    /** Every engine's methods, each engine's native one before its jdbc one. */
    public MethodRegistry methods() {
        List<DatabaseMethod> methods = new ArrayList<>();
        dialects.forEach(d -> methods.addAll(d.methods()));
        return new MethodRegistry(methods, supportedUrls());
    }

    /** For example {@code Supported URLs start with jdbc:postgresql:, jdbc:mariadb:, jdbc:mysql: or jdbc:h2:.} */
    public String supportedUrls() {
        return "Supported URLs start with " + orList(dialects.stream().flatMap(d -> d.scheme().prefixes().stream())
                .toList()) + ".";
    }

    static String orList(List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }
}
