package io.jenkins.plugins.dbrunbooks.engine.progress;

/** A count with its noun, in the singular for one: "1 row", "2 rows". */
public final class Counts {
    private Counts() {
    }

    /** {@code count} and {@code noun}, with an "s" added unless the count is one. */
    public static String of(long count, String noun) {
        return count + " " + (count == 1 ? noun : noun + "s");
    }

    /** {@code count} and one of two nouns, for plurals that are not the noun and an "s". */
    public static String of(long count, String singular, String plural) {
        return count + " " + (count == 1 ? singular : plural);
    }
}
