package hudson.model;

import java.io.IOException;
import java.util.Collection;

public abstract class AbstractItem extends Actionable implements Item {
    protected AbstractItem(ItemGroup parent, String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getName() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException();
    }

    @Override
    public ItemGroup getParent() {
        throw new UnsupportedOperationException();
    }

    @Override
    public abstract Collection<? extends Job> getAllJobs();

    @Override
    public final String getFullName() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void onLoad(ItemGroup<? extends Item> parent, String name) throws IOException {
        throw new UnsupportedOperationException();
    }

    @Override
    public void onCopiedFrom(Item src) {
        throw new UnsupportedOperationException();
    }

    @Override
    public final String getUrl() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getShortUrl() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void save() throws IOException {
        throw new UnsupportedOperationException();
    }

    @Override
    public void delete() throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    @Override
    public hudson.security.ACL getACL() {
        throw new UnsupportedOperationException();
    }
}
