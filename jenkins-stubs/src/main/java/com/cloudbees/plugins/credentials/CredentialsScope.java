package com.cloudbees.plugins.credentials;

import hudson.model.ModelObject;
import java.io.Serializable;

public enum CredentialsScope implements Serializable {
    SYSTEM {
        @Override
        public boolean isVisible(ModelObject context) {
            throw new UnsupportedOperationException();
        }
    },
    GLOBAL {
        @Override
        public boolean isVisible(ModelObject context) {
            throw new UnsupportedOperationException();
        }
    },
    USER {
        @Override
        public boolean isVisible(ModelObject context) {
            throw new UnsupportedOperationException();
        }
    };

    public abstract boolean isVisible(ModelObject context);

    public String getDisplayName() {
        throw new UnsupportedOperationException();
    }
}
