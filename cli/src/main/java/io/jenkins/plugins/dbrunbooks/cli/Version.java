package io.jenkins.plugins.dbrunbooks.cli;

import picocli.CommandLine.IVersionProvider;

/** The version the jar's manifest records; a build from the IDE has none. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"dbrunbooks " + (version == null ? "dev" : version)};
    }
}
