package io.jenkins.plugins.dbrunbooks.engine.audit.change;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a job's configuration (its config.xml, or a Jenkinsfile) uses the runbook steps, builders or wrappers,
 * and which environments it names. A text match, deliberately generous: a job that merely mentions a step is
 * audited too, which costs a record; missing one would cost the audit its worth.
 *
 * @param uses whether the text calls a step or holds a builder or wrapper of the plugin
 * @param environments the environment names written literally in it, sorted
 */
public record RunbookReferences(boolean uses, List<String> environments) {
    private static final String QUOTE = "('|\"|&apos;|&quot;|&#39;|&#34;)";
    private static final String NAME = "([A-Za-z0-9_.-]+)";
    /** {@code environment: 'prod'} or {@code fromEnvironment: "qa"} in a script, XML-escaped or not. */
    private static final Pattern SCRIPT_ENVIRONMENT = Pattern.compile(
            "\\b(?:environment|fromEnvironment)\\s*:\\s*" + QUOTE + NAME + "\\1");
    /** {@code environments: ['prod', 'qa']} in a script. */
    private static final Pattern SCRIPT_ENVIRONMENTS = Pattern.compile("\\benvironments\\s*:\\s*\\[([^\\]]*)]");
    private static final Pattern QUOTED_NAME = Pattern.compile(QUOTE + NAME + "\\1");
    /** {@code <environment>prod</environment>} in a freestyle job's XML. */
    private static final Pattern XML_ENVIRONMENT = Pattern.compile(
            "<(environment|fromEnvironment)>" + NAME + "</\\1>");
    /** {@code <environments><string>prod</string>...</environments>} in a freestyle job's XML. */
    private static final Pattern XML_ENVIRONMENTS = Pattern.compile("<environments>(.*?)</environments>",
            Pattern.DOTALL);
    private static final Pattern XML_STRING = Pattern.compile("<string>" + NAME + "</string>");

    /**
     * @param text the configuration or script
     * @param stepNames the function names of the plugin's Pipeline steps
     * @param classPrefix the package prefix of the plugin's classes, as config.xml names them
     */
    public static RunbookReferences scan(String text, Collection<String> stepNames, String classPrefix) {
        if (text == null || text.isEmpty()) {
            return new RunbookReferences(false, List.of());
        }
        boolean uses = text.contains(classPrefix) || stepNames.stream().anyMatch(step -> calls(text, step));
        Set<String> environments = new TreeSet<>();
        if (uses) {
            collect(SCRIPT_ENVIRONMENT.matcher(text), 2, environments);
            collect(XML_ENVIRONMENT.matcher(text), 2, environments);
            Matcher lists = SCRIPT_ENVIRONMENTS.matcher(text);
            while (lists.find()) {
                collect(QUOTED_NAME.matcher(lists.group(1)), 2, environments);
            }
            lists = XML_ENVIRONMENTS.matcher(text);
            while (lists.find()) {
                collect(XML_STRING.matcher(lists.group(1)), 1, environments);
            }
        }
        return new RunbookReferences(uses, List.copyOf(environments));
    }

    private static boolean calls(String text, String step) {
        return Pattern.compile("(?<![\\w.$])" + Pattern.quote(step) + "\\s*[({\\s]").matcher(text).find();
    }

    private static void collect(Matcher m, int group, Set<String> into) {
        while (m.find()) {
            into.add(m.group(group));
        }
    }
}
