package com.cloudbees.plugins.credentials;

public class CredentialsMatchers {
    private CredentialsMatchers() {
        throw new UnsupportedOperationException();
    }

    public static CredentialsMatcher withId(String id) {
        throw new UnsupportedOperationException();
    }

    public static <C extends Credentials> C firstOrNull(Iterable<C> credentials, CredentialsMatcher matcher) {
        throw new UnsupportedOperationException();
    }
}
