package hudson.model;

import hudson.XmlFile;

public class Items {
    public static XmlFile getConfigFile(Item item) {
        throw new UnsupportedOperationException();
    }
}
