package io.jenkins.plugins.dbrunbooks.engine.process;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A client tool's or server's version, compared by major and minor number. */
public record ToolVersion(int major, int minor, String text) implements Comparable<ToolVersion> {
    private static final Pattern NUMBERS = Pattern.compile("(\\d+)\\.(\\d+)");

    /** Reads the first {@code major.minor} of a banner such as {@code pg_dump (PostgreSQL) 15.20 (Debian)}. */
    public static ToolVersion parse(String banner) {
        Matcher m = NUMBERS.matcher(banner == null ? "" : banner);
        if (!m.find()) {
            return new ToolVersion(0, 0, banner == null ? "" : banner.trim());
        }
        return new ToolVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(0));
    }

    @Override
    public int compareTo(ToolVersion other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    @Override
    public String toString() {
        return text;
    }
}
