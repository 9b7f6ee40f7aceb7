package hudson.model.listeners;

import hudson.ExtensionPoint;
import hudson.model.Item;

public class ItemListener implements ExtensionPoint {
    public void onCreated(Item item) {
        throw new UnsupportedOperationException();
    }

    public void onCopied(Item src, Item item) {
        throw new UnsupportedOperationException();
    }

    public void onDeleted(Item item) {
        throw new UnsupportedOperationException();
    }

    public void onRenamed(Item item, String oldName, String newName) {
        throw new UnsupportedOperationException();
    }

    public void onLocationChanged(Item item, String oldFullName, String newFullName) {
        throw new UnsupportedOperationException();
    }

    public void onUpdated(Item item) {
        throw new UnsupportedOperationException();
    }
}
