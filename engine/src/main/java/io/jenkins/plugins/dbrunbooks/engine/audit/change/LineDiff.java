package io.jenkins.plugins.dbrunbooks.engine.audit.change;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts, line by line, as {@code diff -u} prints it. Uses Myers' algorithm on what remains
 * after the common head and tail; when the texts differ in more than {@link #MAX_EDITS} lines it reports the
 * differing middle as removed and added whole, which is still a correct diff, only not the shortest.
 */
public final class LineDiff {
    static final int MAX_EDITS = 1000;
    private static final int CONTEXT = 3;

    private LineDiff() {
    }

    /** The diff, or an empty string when the texts are equal; a null text is an absent file. */
    public static String unified(String beforeLabel, String before, String afterLabel, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        List<Edit> edits = edits(a, b);
        if (edits.stream().allMatch(e -> e.type == ' ')) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(before == null ? "/dev/null" : beforeLabel).append('\n');
        out.append("+++ ").append(after == null ? "/dev/null" : afterLabel).append('\n');
        appendHunks(edits, out);
        return out.toString();
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return lines;
        }
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /** One line of the edit script: ' ' kept, '-' removed, '+' added, with its line numbers (0-based). */
    private record Edit(char type, String line, int beforeLine, int afterLine) {
    }

    static List<Edit> edits(List<String> a, List<String> b) {
        int head = 0;
        while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < a.size() - head && tail < b.size() - head
                && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
            tail++;
        }
        List<Edit> edits = new ArrayList<>();
        for (int i = 0; i < head; i++) {
            edits.add(new Edit(' ', a.get(i), i, i));
        }
        List<String> midA = a.subList(head, a.size() - tail);
        List<String> midB = b.subList(head, b.size() - tail);
        List<Edit> middle = myers(midA, midB, head);
        if (middle == null) {
            middle = new ArrayList<>();
            for (int i = 0; i < midA.size(); i++) {
                middle.add(new Edit('-', midA.get(i), head + i, head));
            }
            for (int j = 0; j < midB.size(); j++) {
                middle.add(new Edit('+', midB.get(j), head + midA.size(), head + j));
            }
        }
        edits.addAll(middle);
        for (int t = tail; t > 0; t--) {
            edits.add(new Edit(' ', a.get(a.size() - t), a.size() - t, b.size() - t));
        }
        return edits;
    }

    /** Myers' greedy shortest edit script, or null when it needs more than {@link #MAX_EDITS} edits. */
    private static List<Edit> myers(List<String> a, List<String> b, int offset) {
        int n = a.size();
        int m = b.size();
        int max = Math.min(n + m, MAX_EDITS);
        int[] v = new int[2 * max + 2];
        List<int[]> trace = new ArrayList<>();
        for (int d = 0; d <= max; d++) {
            trace.add(v.clone());
            for (int k = -d; k <= d; k += 2) {
                int x;
                if (k == -d || (k != d && v[max + k - 1] < v[max + k + 1])) {
                    x = v[max + k + 1];
                } else {
                    x = v[max + k - 1] + 1;
                }
                int y = x - k;
                while (x < n && y < m && a.get(x).equals(b.get(y))) {
                    x++;
                    y++;
                }
                v[max + k] = x;
                if (x >= n && y >= m) {
                    return backtrack(trace, a, b, max, offset, d);
                }
            }
        }
        return null;
    }

    private static List<Edit> backtrack(List<int[]> trace, List<String> a, List<String> b, int max, int offset,
            int depth) {
        List<Edit> reversed = new ArrayList<>();
        int x = a.size();
        int y = b.size();
        for (int d = depth; d > 0; d--) {
            int[] v = trace.get(d);
            int k = x - y;
            int previousK = (k == -d || (k != d && v[max + k - 1] < v[max + k + 1])) ? k + 1 : k - 1;
            int previousX = v[max + previousK];
            int previousY = previousX - previousK;
            while (x > previousX && y > previousY) {
                x--;
                y--;
                reversed.add(new Edit(' ', a.get(x), offset + x, offset + y));
            }
            if (x == previousX) {
                y--;
                reversed.add(new Edit('+', b.get(y), offset + x, offset + y));
            } else {
                x--;
                reversed.add(new Edit('-', a.get(x), offset + x, offset + y));
            }
        }
        while (x > 0 && y > 0) {
            x--;
            y--;
            reversed.add(new Edit(' ', a.get(x), offset + x, offset + y));
        }
        List<Edit> edits = new ArrayList<>(reversed.size());
        for (int i = reversed.size() - 1; i >= 0; i--) {
            edits.add(reversed.get(i));
        }
        return edits;
    }

    private static void appendHunks(List<Edit> edits, StringBuilder out) {
        int i = 0;
        while (i < edits.size()) {
            if (edits.get(i).type == ' ') {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            // Extend the hunk while the next change is within two contexts of the last one.
            int lastChange = i;
            while (end < edits.size()) {
                if (edits.get(end).type != ' ') {
                    lastChange = end;
                } else if (end - lastChange > 2 * CONTEXT) {
                    break;
                }
                end++;
            }
            end = Math.min(edits.size(), lastChange + CONTEXT + 1);
            appendHunk(edits.subList(start, end), out);
            i = end;
        }
    }

    private static void appendHunk(List<Edit> hunk, StringBuilder out) {
        int beforeCount = 0;
        int afterCount = 0;
        for (Edit e : hunk) {
            if (e.type != '+') {
                beforeCount++;
            }
            if (e.type != '-') {
                afterCount++;
            }
        }
        Edit first = hunk.get(0);
        out.append("@@ -").append(range(first.beforeLine, beforeCount)).append(" +")
                .append(range(first.afterLine, afterCount)).append(" @@\n");
        for (Edit e : hunk) {
            out.append(e.type).append(e.line).append('\n');
        }
    }

    /** diff -u's range: 1-based start and count; an empty range starts at the line before it. */
    private static String range(int zeroBasedStart, int count) {
        if (count == 0) {
            return zeroBasedStart + ",0";
        }
        return (zeroBasedStart + 1) + (count == 1 ? "" : "," + count);
    }
}
