package io.jenkins.plugins.dbrunbooks.engine.method;

import io.jenkins.plugins.dbrunbooks.engine.config.DatabaseTarget;
import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.h2.H2NativeMethod;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.H2JdbcMethod;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.MariaDbJdbcMethod;
import io.jenkins.plugins.dbrunbooks.engine.method.jdbc.PostgresJdbcMethod;
import io.jenkins.plugins.dbrunbooks.engine.method.mariadb.MariaDbNativeMethod;
import io.jenkins.plugins.dbrunbooks.engine.method.postgres.PostgresNativeMethod;
import java.util.List;
import java.util.Optional;

/** Every method the engine has, in one explicit list, and the rules for choosing among them. */
public final class MethodRegistry {
    private final List<DatabaseMethod> methods;

    public MethodRegistry(List<DatabaseMethod> methods) {
        this.methods = List.copyOf(methods);
    }

    /** Native methods come first, so {@code auto} takes one where its tools are here and jdbc otherwise. */
    public static MethodRegistry standard() {
        return new MethodRegistry(List.of(new PostgresNativeMethod(), new MariaDbNativeMethod(),
                new H2NativeMethod(), new PostgresJdbcMethod(), new MariaDbJdbcMethod(), new H2JdbcMethod()));
    }

    public List<DatabaseMethod> methods() {
        return methods;
    }

    /** The method for a database's configuration; {@code auto} takes the first method that can run here. */
    public DatabaseMethod choose(DatabaseTarget database, MethodContext context) {
        List<DatabaseMethod> serving = methods.stream().filter(m -> m.serves(database.jdbcUrl())).toList();
        if (serving.isEmpty()) {
            throw new RunbookException(ErrorKind.CONFIGURATION, "Database '" + database.name()
                    + "' has a JDBC URL no method serves",
                    "Supported URLs start with jdbc:postgresql:, jdbc:mariadb:, jdbc:mysql: or jdbc:h2:.");
        }
        MethodChoice choice = database.method();
        if (choice == MethodChoice.AUTO) {
            return serving.stream().filter(m -> m.unavailableReason(context).isEmpty()).findFirst()
                    .orElse(serving.get(0));
        }
        return serving.stream().filter(m -> m.name().equals(choice.id())).findFirst()
                .orElseThrow(() -> new RunbookException(ErrorKind.CONFIGURATION, "Database '" + database.name()
                        + "' asks for method '" + choice.id() + "', which this version does not have for its URL",
                        "Use method 'native', 'jdbc' or 'auto'."));
    }

    /** The method that wrote a backup, to restore or list it. */
    public DatabaseMethod forManifest(String engine, String method) {
        return find(engine, method).orElseThrow(() -> new RunbookException(ErrorKind.CONFIGURATION,
                "No method '" + method + "' for engine '" + engine + "' in this version",
                "Use the version of dbrunbooks that wrote the backup, or a newer one."));
    }

    public Optional<DatabaseMethod> find(String engine, String method) {
        return methods.stream().filter(m -> m.engine().equals(engine) && m.name().equals(method)).findFirst();
    }
}
