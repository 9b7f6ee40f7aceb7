package io.jenkins.plugins.dbrunbooks.cli;

import io.jenkins.plugins.dbrunbooks.cli.ConfigModel.ObjectStoreKeySpec;
import io.jenkins.plugins.dbrunbooks.engine.config.Environment;
import io.jenkins.plugins.dbrunbooks.engine.credentials.ObjectStoreCredential;
import io.jenkins.plugins.dbrunbooks.engine.credentials.ObjectStoreLogins;
import io.jenkins.plugins.dbrunbooks.engine.credentials.SecretValue;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The object-store key of each environment, read from environment variables or a file only when a command opens
 * the store; an environment that names none uses the AWS SDK's default chain. Messages name the variable or file.
 */
final class ConfiguredObjectStoreLogins implements ObjectStoreLogins {
    private final Map<String, ObjectStoreKeySpec> byEnvironment;
    private final Path baseDir;
    private final UnaryOperator<String> environmentVariables;

    ConfiguredObjectStoreLogins(Map<String, ObjectStoreKeySpec> byEnvironment, Path baseDir,
            UnaryOperator<String> environmentVariables) {
        this.byEnvironment = Map.copyOf(byEnvironment);
        this.baseDir = baseDir;
        this.environmentVariables = environmentVariables;
    }

    /** Refuses a key spec that could not work, when the file is read. */
    static void check(String environment, ObjectStoreKeySpec spec) {
        String where = "The object store credentials of environment '" + environment + "'";
        if ((spec.accessKeyId() == null) == (spec.accessKeyIdEnv() == null)) {
            throw new RunbookException(ErrorKind.CONFIGURATION, where + " need one of accessKeyId and accessKeyIdEnv",
                    "Give the key id itself or the variable that holds it; leave 'credentials' out to use the AWS"
                            + " SDK's default chain.");
        }
        if ((spec.secretAccessKeyEnv() == null) == (spec.secretAccessKeyFile() == null)) {
            throw new RunbookException(ErrorKind.CONFIGURATION, where + " need one of secretAccessKeyEnv and"
                    + " secretAccessKeyFile", "The secret is never written in the configuration file itself.");
        }
    }

    @Override
    public ObjectStoreCredential resolve(Environment environment) {
        ObjectStoreKeySpec spec = byEnvironment.get(environment.name());
        if (spec == null) {
            return ObjectStoreCredential.defaultChain();
        }
        String forWhat = "the object store of environment '" + environment.name() + "'";
        String keyId = spec.accessKeyId() != null ? spec.accessKeyId() : variable(spec.accessKeyIdEnv(), forWhat);
        String secret = spec.secretAccessKeyEnv() != null ? variable(spec.secretAccessKeyEnv(), forWhat)
                : ConfiguredCredentials.readSecretFile(baseDir.resolve(spec.secretAccessKeyFile()),
                        "Secret access key file", forWhat);
        SecretValue token = spec.sessionTokenEnv() == null ? null
                : SecretValue.of(variable(spec.sessionTokenEnv(), forWhat));
        return new ObjectStoreCredential(keyId, SecretValue.of(secret), token);
    }

    private String variable(String name, String forWhat) {
        String value = environmentVariables.apply(name);
        if (value == null || value.isEmpty()) {
            throw new RunbookException(ErrorKind.CREDENTIALS, "Environment variable '" + name + "' for " + forWhat
                    + " is not set", "Export " + name + " before running dbrunbooks.");
        }
        return value;
    }
}
