package io.jenkins.plugins.dbrunbooks.engine.method;

import io.jenkins.plugins.dbrunbooks.engine.config.DatabaseTarget;
import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.util.List;
import java.util.Optional;

/** Every method the engine has, in the order the dialects give them, and the rules for choosing among them. */
public final class MethodRegistry {
    private final List<DatabaseMethod> methods;
    private final String supportedUrls;

    /**
     * Within an engine, native methods come first, so {@code auto} takes one where its tools are here and jdbc
     * otherwise.
     *
     * @param supportedUrls the hint for a URL no method serves
     */
    public MethodRegistry(List<DatabaseMethod> methods, String supportedUrls) {
        this.methods = List.copyOf(methods);
        this.supportedUrls = supportedUrls;
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
                    supportedUrls);
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
