package io.jenkins.plugins.dbrunbooks.plugin.steps;

import hudson.AbortException;
import hudson.Util;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import java.io.Serializable;
import java.util.regex.Pattern;

/** The names of the environment variables a database is bound to: {@code DB_URL}, {@code DB_USER}, {@code DB_PASSWORD}. */
public final class VariableNames implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public static final String DEFAULT_URL = "DB_URL";
    public static final String DEFAULT_USER = "DB_USER";
    public static final String DEFAULT_PASSWORD = "DB_PASSWORD";

    private String url = DEFAULT_URL;
    private String user = DEFAULT_USER;
    private String password = DEFAULT_PASSWORD;

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = orDefault(url, DEFAULT_URL);
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = orDefault(user, DEFAULT_USER);
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = orDefault(password, DEFAULT_PASSWORD);
    }

    /** Refuses names a shell could not use, before anything is restored or bound. */
    public void check() throws AbortException {
        try {
            validate();
        } catch (RunbookException e) {
            throw new AbortException(e.getMessage() + System.lineSeparator() + "  " + e.hint());
        }
    }

    private void validate() {
        for (String name : new String[] {url, user, password}) {
            if (!NAME.matcher(name).matches()) {
                throw new RunbookException(ErrorKind.USAGE, "Variable name '" + name + "' is not valid",
                        "Use letters, digits and '_', starting with a letter or '_'.");
            }
        }
        if (url.equals(user) || url.equals(password) || user.equals(password)) {
            throw new RunbookException(ErrorKind.USAGE, "The URL, user and password variables need three"
                    + " different names", "Choose distinct names, or leave the defaults.");
        }
    }

    private static String orDefault(String value, String fallback) {
        String name = Util.fixEmptyAndTrim(value);
        return name == null ? fallback : name;
    }
}
