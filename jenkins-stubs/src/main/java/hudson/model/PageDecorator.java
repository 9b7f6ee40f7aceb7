package hudson.model;

import hudson.ExtensionPoint;

public abstract class PageDecorator extends Descriptor<PageDecorator> implements ExtensionPoint,
        Describable<PageDecorator> {
    protected PageDecorator() {
        throw new UnsupportedOperationException();
    }

    @Override
    public final Descriptor<PageDecorator> getDescriptor() {
        throw new UnsupportedOperationException();
    }
}
