package io.jenkins.plugins.dbrunbooks.engine.audit.change;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what looks like a secret in configuration text before it reaches an audit record: values of fields and
 * XML elements named like passwords, tokens and keys; Jenkins' encrypted secrets; passwords in URLs; private key
 * blocks; and tokens of well-known shapes. Ids of credentials ({@code ...CredentialsId}) are references, not
 * secrets, and stay readable. Masking errs on the side of hiding: an audit record loses a value, never leaks one.
 */
public final class SecretMasker {
    public static final String MASK = "****";

    /** Names that hold a secret, unless they end in "Id" or "Ids" (a reference to a stored credential). */
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(password|passwd|passphrase|secret|token|api[_-]?key|private[_-]?key|access[_-]?key"
                    + "|client[_-]?key).*");
    private static final Pattern REFERENCE_NAME = Pattern.compile("(?i).*ids?$");

    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY( BLOCK)?-----.*?-----END \\1PRIVATE KEY( BLOCK)?-----",
            Pattern.DOTALL);
    /** Jenkins' serialized {@code hudson.util.Secret}: base64 in braces. */
    private static final Pattern JENKINS_SECRET = Pattern.compile("\\{[A-Za-z0-9+/]{24,}={0,2}}");
    private static final Pattern URL_PASSWORD = Pattern.compile(
            "([A-Za-z][A-Za-z0-9+.-]*://[^/\\s:@'\"<>]+:)([^@\\s'\"<>/]+)(@)");
    private static final Pattern KNOWN_TOKEN = Pattern.compile(
            "\\b(gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|glpat-[A-Za-z0-9_-]{20,}"
                    + "|AKIA[0-9A-Z]{16}|xox[abposr]-[A-Za-z0-9-]{10,}|AGE-SECRET-KEY-1[0-9A-Z]{50,}"
                    + "|eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,})\\b");
    /** {@code <name attrs>value</name>} for any element name; the name is checked in code. */
    private static final Pattern XML_ELEMENT = Pattern.compile(
            "<([A-Za-z_][\\w.:-]*)(\\s[^<>]*)?>([^<]*)</\\1>");
    private static final String QUOTE = "('|\"|&apos;|&quot;|&#39;|&#34;)";
    /** {@code name: 'value'}, {@code name = "value"}: script maps, properties, YAML. */
    private static final Pattern QUOTED_ASSIGNMENT = Pattern.compile(
            "([A-Za-z_][\\w.-]*)(['\"]?\\s*[:=]\\s*)" + QUOTE + "(.*?)\\3");
    /** {@code name=value} up to a separator: URL query strings, JDBC options, environment lines. */
    private static final Pattern BARE_ASSIGNMENT = Pattern.compile(
            "([A-Za-z_][\\w.-]*)(=)([^\\s&;'\"<>,)}\\]]+)");

    private SecretMasker() {
    }

    /** Whether a field or element of this name holds a secret. */
    public static boolean isSecretName(String name) {
        if (name == null) {
            return false;
        }
        String last = name.substring(Math.max(name.lastIndexOf('.'), name.lastIndexOf(']')) + 1);
        return SECRET_NAME.matcher(last).matches() && !REFERENCE_NAME.matcher(last).matches()
                && !last.toLowerCase(Locale.ROOT).endsWith("type");
    }

    /** A field's value as an audit record may show it. */
    public static String maskField(String field, String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        return isSecretName(field) ? MASK : maskText(value);
    }

    /** Text (a job's config.xml, a Jenkinsfile, a URL) with every secret-looking value replaced by {@link #MASK}. */
    public static String maskText(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = PRIVATE_KEY.matcher(text).replaceAll(MASK);
        masked = JENKINS_SECRET.matcher(masked).replaceAll("{" + MASK + "}");
        masked = KNOWN_TOKEN.matcher(masked).replaceAll(MASK);
        masked = URL_PASSWORD.matcher(masked).replaceAll("$1" + MASK + "$3");
        masked = replaceNamed(XML_ELEMENT, masked, 1, 3);
        masked = replaceNamed(QUOTED_ASSIGNMENT, masked, 1, 4);
        masked = replaceNamed(BARE_ASSIGNMENT, masked, 1, 3);
        return masked;
    }

    /** Replaces group {@code valueGroup} of each match whose group {@code nameGroup} is a secret's name. */
    private static String replaceNamed(Pattern pattern, String text, int nameGroup, int valueGroup) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        while (m.find()) {
            String value = m.group(valueGroup);
            if (isSecretName(m.group(nameGroup)) && !value.isEmpty() && !value.equals(MASK)
                    && !value.startsWith("${") && !value.startsWith("{" + MASK)) {
                out.append(text, last, m.start(valueGroup)).append(MASK);
                last = m.end(valueGroup);
            }
        }
        return last == 0 ? text : out.append(text, last, text.length()).toString();
    }
}
