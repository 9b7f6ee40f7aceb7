package io.jenkins.plugins.dbrunbooks.plugin.steps;

import io.jenkins.plugins.dbrunbooks.engine.credentials.DbCredential;
import io.jenkins.plugins.dbrunbooks.engine.credentials.SecretValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A database as a build sees it: its URL and a login, turned into environment variables. */
public record DatabaseLogin(String url, DbCredential credential) {

    /** The variables to bind; the user and password only where the login has them. */
    public Map<String, String> variables(VariableNames names) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put(names.getUrl(), url);
        credential.userName().ifPresent(user -> variables.put(names.getUser(), user));
        credential.password().map(SecretValue::reveal).ifPresent(password -> variables.put(names.getPassword(),
                password));
        return variables;
    }

    /**
     * What the log must never show: the password, and the user too. A user name of one or two characters is left
     * alone: masking it would mask every word that contains it, which hides nothing and ruins the log.
     */
    public List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        credential.password().map(SecretValue::reveal).ifPresent(secrets::add);
        credential.userName().filter(user -> user.length() > 2).ifPresent(secrets::add);
        return secrets;
    }
}
