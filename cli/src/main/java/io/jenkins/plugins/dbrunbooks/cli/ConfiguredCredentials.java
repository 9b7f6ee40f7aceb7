package io.jenkins.plugins.dbrunbooks.cli;

import io.jenkins.plugins.dbrunbooks.cli.ConfigModel.CredentialSpec;
import io.jenkins.plugins.dbrunbooks.engine.config.DatabaseTarget;
import io.jenkins.plugins.dbrunbooks.engine.config.Environment;
import io.jenkins.plugins.dbrunbooks.engine.config.Role;
import io.jenkins.plugins.dbrunbooks.engine.credentials.CredentialResolver;
import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Reads passwords from environment variables or files only when an operation needs the role, so a missing
 * deploy password does not stop a backup. Messages name the variable or file, never what it holds.
 */
final class ConfiguredCredentials implements CredentialResolver {
    private final Map<String, CredentialSpec> byId;
    private final Path baseDir;
    private final UnaryOperator<String> environmentVariables;

    ConfiguredCredentials(Map<String, CredentialSpec> byId, Path baseDir, UnaryOperator<String> environmentVariables) {
        this.byId = Map.copyOf(byId);
        this.baseDir = baseDir;
        this.environmentVariables = environmentVariables;
    }

    @Override
    public DbCredential resolve(Environment environment, DatabaseTarget database, Role role) {
        String where = "'" + environment.name() + "/" + database.name() + "'";
        CredentialSpec spec = database.credentialId(role).map(byId::get).orElseThrow(() -> new RunbookException(
                ErrorKind.CREDENTIALS, "Database " + where + " has no credential for role '" + role.id() + "'",
                "Add credentials: " + role.id() + ": under database '" + database.name() + "' of environment '"
                        + environment.name() + "' in the configuration."));
        if (spec.isIntegrated()) {
            return DbCredential.integrated();
        }
        if (spec.passwordEnv() != null) {
            String value = environmentVariables.apply(spec.passwordEnv());
            if (value == null) {
                throw new RunbookException(ErrorKind.CREDENTIALS, "Environment variable '" + spec.passwordEnv()
                        + "' for the " + role.id() + " password of " + where + " is not set",
                        "Export " + spec.passwordEnv() + " before running dbrunbooks.");
            }
            return DbCredential.of(spec.user(), value);
        }
        if (spec.passwordFile() != null) {
            return DbCredential.of(spec.user(), readSecretFile(baseDir.resolve(spec.passwordFile()), "Password file",
                    "the " + role.id() + " password of " + where));
        }
        return DbCredential.of(spec.user(), null);
    }

    /** A secret held in a file, one trailing newline removed; the message names the file, never its content. */
    static String readSecretFile(Path file, String kind, String forWhat) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RunbookException(ErrorKind.CREDENTIALS, kind + " '" + file + "' for " + forWhat
                    + " cannot be read: " + e.getClass().getSimpleName(),
                    "Check that the file exists and this user may read it.", e);
        }
        // Editors and `echo` add one newline; anything else is part of the password.
        if (content.endsWith("\r\n")) {
            return content.substring(0, content.length() - 2);
        }
        return content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
    }
}
