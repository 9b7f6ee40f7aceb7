package org.jvnet.hudson.test;

import hudson.model.AbstractItem;
import hudson.model.ItemGroup;
import hudson.model.Job;
import hudson.model.TopLevelItem;
import hudson.model.TopLevelItemDescriptor;
import java.io.File;
import java.io.IOException;
import java.util.Collection;

public class MockFolder extends AbstractItem implements ItemGroup<TopLevelItem>, TopLevelItem {
    protected MockFolder(ItemGroup parent, String name) {
        super(parent, name);
        throw new UnsupportedOperationException();
    }

    @Override
    public Collection<TopLevelItem> getItems() {
        throw new UnsupportedOperationException();
    }

    @Override
    public TopLevelItem getItem(String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Collection<? extends Job> getAllJobs() {
        throw new UnsupportedOperationException();
    }

    public <T extends TopLevelItem> T createProject(Class<T> type, String name) throws IOException {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getUrlChildPrefix() {
        throw new UnsupportedOperationException();
    }

    @Override
    public File getRootDirFor(TopLevelItem child) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void onDeleted(TopLevelItem item) throws IOException {
        throw new UnsupportedOperationException();
    }

    @Override
    public TopLevelItemDescriptor getDescriptor() {
        throw new UnsupportedOperationException();
    }
}
