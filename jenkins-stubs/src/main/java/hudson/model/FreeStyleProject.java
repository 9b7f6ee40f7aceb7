package hudson.model;

public class FreeStyleProject extends Project<FreeStyleProject, FreeStyleBuild> implements TopLevelItem {
    public FreeStyleProject(ItemGroup parent, String name) {
        super(parent, name);
        throw new UnsupportedOperationException();
    }

    @Override
    protected Class<FreeStyleBuild> getBuildClass() {
        throw new UnsupportedOperationException();
    }

    @Override
    public DescriptorImpl getDescriptor() {
        throw new UnsupportedOperationException();
    }

    public static class DescriptorImpl extends TopLevelItemDescriptor {
        public DescriptorImpl() {
            throw new UnsupportedOperationException();
        }

        @Override
        public FreeStyleProject newInstance(ItemGroup parent, String name) {
            throw new UnsupportedOperationException();
        }
    }
}
