package io.jenkins.plugins.dbrunbooks.engine.audit.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;

public class LineDiffTest {
    private static final Pattern HUNK = Pattern.compile("@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@");

    @Test
    public void shouldPrintWhatDiffUPrintsForOneChange() {
        String before = "a\nb\nc\nd\ne\nf\ng\nh\n";
        String after = "a\nb\nc\nd\nE\nf\ng\nh\n";

        assertThat(LineDiff.unified("a/config.xml", before, "b/config.xml", after)).isEqualTo("""
                --- a/config.xml
                +++ b/config.xml
                @@ -2,7 +2,7 @@
                 b
                 c
                 d
                -e
                +E
                 f
                 g
                 h
                """);
    }

    @Test
    public void shouldBeEmptyForEqualTexts() {
        assertThat(LineDiff.unified("a", "x\ny\n", "b", "x\ny\n")).isEmpty();
    }

    @Test
    public void shouldDiffAgainstAnAbsentFile() {
        assertThat(LineDiff.unified("a", null, "b", "x\ny\n")).isEqualTo("""
                --- /dev/null
                +++ b
                @@ -0,0 +1,2 @@
                +x
                +y
                """);
        assertThat(LineDiff.unified("a", "x\n", "b", null)).isEqualTo("""
                --- a
                +++ /dev/null
                @@ -1 +0,0 @@
                -x
                """);
    }

    @Test
    public void shouldSplitDistantChangesIntoHunks() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            lines.add("line " + i);
        }
        String before = String.join("\n", lines) + "\n";
        lines.set(2, "changed 2");
        lines.set(25, "changed 25");
        String diff = LineDiff.unified("a", before, "b", String.join("\n", lines) + "\n");

        assertThat(diff).contains("@@ -1,6 +1,6 @@").contains("@@ -23,7 +23,7 @@");
        assertThat(applies(before, diff)).isEqualTo(String.join("\n", lines) + "\n");
    }

    @Test
    public void shouldProduceDiffsThatApplyForRandomEdits() {
        Random random = new Random(42);
        for (int round = 0; round < 300; round++) {
            List<String> a = randomLines(random, random.nextInt(40));
            List<String> b = new ArrayList<>(a);
            int edits = random.nextInt(8);
            for (int e = 0; e < edits; e++) {
                int op = random.nextInt(3);
                if (op == 0 || b.isEmpty()) {
                    b.add(random.nextInt(b.size() + 1), "new " + random.nextInt(5));
                } else if (op == 1) {
                    b.remove(random.nextInt(b.size()));
                } else {
                    b.set(random.nextInt(b.size()), "changed " + random.nextInt(5));
                }
            }
            String before = text(a);
            String after = text(b);
            String diff = LineDiff.unified("a", before, "b", after);
            assertThat(applies(before, diff)).as("round %d:%n%s", round, diff).isEqualTo(after);
        }
    }

    @Test
    public void shouldFallBackToAWholeReplacementForHugeChanges() {
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            a.add("old " + i);
            b.add("new " + i);
        }
        String diff = LineDiff.unified("a", text(a), "b", text(b));

        assertThat(applies(text(a), diff)).isEqualTo(text(b));
    }

    private static List<String> randomLines(Random random, int count) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add("l" + random.nextInt(6));
        }
        return lines;
    }

    private static String text(List<String> lines) {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    /** A strict patch applier: context and removed lines must match exactly where the hunk says. */
    static String applies(String before, String diff) {
        if (diff.isEmpty()) {
            return before;
        }
        List<String> source = before == null || before.isEmpty() ? List.of() : List.of(before.split("\n", -1))
                .subList(0, before.split("\n", -1).length - 1);
        List<String> result = new ArrayList<>();
        String[] lines = diff.split("\n");
        int next = 0;
        int i = 2;
        while (i < lines.length) {
            Matcher m = HUNK.matcher(lines[i]);
            assertThat(m.matches()).as("hunk header: " + lines[i]).isTrue();
            int start = Integer.parseInt(m.group(1));
            int count = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
            int from = count == 0 ? start : start - 1;
            while (next < from) {
                result.add(source.get(next++));
            }
            i++;
            while (i < lines.length && !lines[i].startsWith("@@")) {
                char type = lines[i].charAt(0);
                String line = lines[i].substring(1);
                if (type == ' ' || type == '-') {
                    assertThat(source.get(next)).isEqualTo(line);
                    next++;
                }
                if (type == ' ' || type == '+') {
                    result.add(line);
                }
                i++;
            }
        }
        while (next < source.size()) {
            result.add(source.get(next++));
        }
        return text(result);
    }
}
