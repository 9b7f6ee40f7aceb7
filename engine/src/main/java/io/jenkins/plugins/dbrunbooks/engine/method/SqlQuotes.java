package io.jenkins.plugins.dbrunbooks.engine.method;

/** Reading quoted text in SQL the server wrote (a trigger's body, a function's), for the checks that scan it. */
public final class SqlQuotes {
    private SqlQuotes() {
    }

    /**
     * The index after the quoted text starting at {@code start}, whose quote is doubled inside it; its text, if
     * {@code into} is given, is appended there.
     *
     * @param backslashEscapes whether a backslash escapes the character after it (MariaDB's strings, PostgreSQL's
     *     {@code E'...'})
     */
    public static int skip(String text, int start, boolean backslashEscapes, StringBuilder into) {
        char quote = text.charAt(start);
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && backslashEscapes) {
                i += 2;
            } else if (c == quote && i + 1 < text.length() && text.charAt(i + 1) == quote) {
                if (into != null) {
                    into.append(quote);
                }
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                if (into != null) {
                    into.append(c);
                }
                i++;
            }
        }
        return i;
    }
}
