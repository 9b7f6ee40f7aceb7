package io.jenkins.plugins.dbrunbooks.engine.method.h2;

import io.jenkins.plugins.dbrunbooks.engine.method.JdbcScheme;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An H2 URL split into what precedes the database name, the name, and the settings after the first {@code ;}.
 * Embedded file databases have a file to look at; servers and in-memory databases do not.
 */
public record H2Url(String head, String name, String settings) {
    public static final JdbcScheme SCHEME = new JdbcScheme(List.of("jdbc:h2:"), "org.h2.Driver", Map.of());
    static final String PREFIX = SCHEME.prefix();

    static H2Url parse(String url) {
        if (!url.startsWith(PREFIX)) {
            throw new IllegalArgumentException("Not an H2 URL");
        }
        int semicolon = url.indexOf(';');
        String base = semicolon < 0 ? url : url.substring(0, semicolon);
        String settings = semicolon < 0 ? "" : url.substring(semicolon);
        int cut = Math.max(Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\')), base.lastIndexOf(':'));
        return new H2Url(base.substring(0, cut + 1), base.substring(cut + 1), settings);
    }

    String withName(String other) {
        return head + other + settings;
    }

    /** The path of the database file without its {@code .mv.db} ending, for embedded file databases only. */
    Optional<Path> filePath() {
        String location = head.substring(PREFIX.length());
        for (String prefix : new String[] {"file:", "nio:", "async:"}) {
            if (location.startsWith(prefix)) {
                location = location.substring(prefix.length());
            }
        }
        if (location.startsWith("mem:") || location.startsWith("tcp:") || location.startsWith("ssl:")
                || location.startsWith("zip:") || location.contains("://")) {
            return Optional.empty();
        }
        if (location.startsWith("~")) {
            location = System.getProperty("user.home") + location.substring(1);
        }
        return Optional.of(Path.of(location + name).toAbsolutePath());
    }

    static Path withSuffix(Path base, String suffix) {
        return base.resolveSibling(base.getFileName() + suffix);
    }
}
