package io.jenkins.plugins.dbrunbooks.engine.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds database client tools: first in the directories the configuration names, then on the PATH, then in the
 * places distributions install versioned clients (such as {@code /usr/lib/postgresql/16/bin}), newest first.
 */
public final class ToolLocator {
    private final List<Path> directories;

    public ToolLocator(List<Path> directories) {
        this.directories = List.copyOf(directories);
    }

    /** Where distributions put clients of several versions side by side, such as Debian's PostgreSQL. */
    private static final List<Path> VERSIONED_PARENTS = List.of(Path.of("/usr/lib/postgresql"));

    /** The configured directories, then the PATH of this process, then the distributions' versioned places. */
    public static ToolLocator fromEnvironment(List<Path> configured) {
        List<Path> dirs = new ArrayList<>(configured);
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    dirs.add(Path.of(entry));
                }
            }
        }
        ToolLocator locator = new ToolLocator(dirs);
        for (Path parent : VERSIONED_PARENTS) {
            locator = locator.withVersionedDirectories(parent, "bin");
        }
        return locator;
    }

    /** The same search, then the version directories under {@code parent} (e.g. /usr/lib/postgresql), newest first. */
    public ToolLocator withVersionedDirectories(Path parent, String binName) {
        List<Path> dirs = new ArrayList<>(directories);
        if (Files.isDirectory(parent)) {
            try (Stream<Path> children = Files.list(parent)) {
                children.filter(p -> p.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                        .sorted(Comparator.comparingDouble(
                                (Path p) -> Double.parseDouble(p.getFileName().toString())).reversed())
                        .map(p -> p.resolve(binName))
                        .forEach(dirs::add);
            } catch (IOException | RuntimeException e) {
                // An unreadable directory only means fewer places to look.
            }
        }
        return new ToolLocator(dirs);
    }

    public List<Path> directories() {
        return directories;
    }

    /** The first executable among {@code names}, looked up directory by directory. */
    public Optional<Path> find(String... names) {
        return findAll(names).stream().findFirst();
    }

    /** Every executable among {@code names}, in search order, so a caller can pick one of a fitting version. */
    public List<Path> findAll(String... names) {
        List<Path> found = new ArrayList<>();
        for (Path dir : directories) {
            for (String name : names) {
                Path candidate = dir.resolve(name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate) && !found.contains(candidate)) {
                    found.add(candidate);
                }
            }
        }
        return found;
    }
}
