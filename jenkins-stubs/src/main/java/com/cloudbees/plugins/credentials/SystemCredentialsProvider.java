package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.Describable;
import hudson.model.Saveable;
import java.io.IOException;
import java.util.List;
import java.util.Map;

public class SystemCredentialsProvider implements Describable<SystemCredentialsProvider>, Saveable {
    public SystemCredentialsProvider() {
        throw new UnsupportedOperationException();
    }

    public static SystemCredentialsProvider getInstance() {
        throw new UnsupportedOperationException();
    }

    public List<Credentials> getCredentials() {
        throw new UnsupportedOperationException();
    }

    public void setDomainCredentialsMap(Map<Domain, List<Credentials>> domainCredentialsMap) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void save() throws IOException {
        throw new UnsupportedOperationException();
    }
}
