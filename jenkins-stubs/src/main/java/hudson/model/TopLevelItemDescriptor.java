package hudson.model;

public abstract class TopLevelItemDescriptor extends Descriptor<TopLevelItem> {

    protected TopLevelItemDescriptor() {
        throw new UnsupportedOperationException();
    }

    public abstract TopLevelItem newInstance(ItemGroup parent, String name);
}
