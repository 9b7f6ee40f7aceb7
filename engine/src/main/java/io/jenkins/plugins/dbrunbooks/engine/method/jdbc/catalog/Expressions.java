package io.jenkins.plugins.dbrunbooks.engine.method.jdbc.catalog;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Carries defaults and checks from one engine's SQL to another's. Only simple text moves: literals, column
 * names, comparisons and logic. Anything with a function call, a subquery or an engine's own operator is
 * reported as not portable, and the writer leaves it out with a note rather than guess what it means elsewhere.
 * A binary column's default is bytes, read as its source writes them and written as the target's binary literal.
 */
final class Expressions {
    private static final Set<String> KEYWORDS = Set.of("AND", "OR", "NOT", "IS", "NULL", "IN", "BETWEEN", "LIKE",
            "TRUE", "FALSE");
    private static final Set<String> OPERATORS = Set.of("=", "<>", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/",
            "(", ")", ",", "%");
    /** Words that continue a type name after PostgreSQL's {@code ::} cast. */
    private static final Set<String> TYPE_WORDS = Set.of("varying", "precision", "without", "with", "time", "zone");
    private static final Set<String> NOW = Set.of("CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP()", "NOW()",
            "LOCALTIMESTAMP", "CURRENT_TIMESTAMP(6)", "LOCALTIMESTAMP()");

    private Expressions() {
    }

    /**
     * How the source engine writes literals. MariaDB reads backslash escapes in strings ({@code '\0'} is a zero
     * byte) and, as H2, writes bytes as {@code X'00ff'}; PostgreSQL writes them as a {@code bytea} string
     * ({@code '\x00ff'::bytea}), and its {@code X'..'} is a bit string.
     */
    enum Source {
        MARIADB, POSTGRES, H2;

        static Source of(String engine) {
            return switch (engine) {
                case MariaDbCatalogReader.ENGINE -> MARIADB;
                case PostgresCatalogReader.ENGINE -> POSTGRES;
                default -> H2;
            };
        }
    }

    private enum TokenType { STRING, BINARY, IDENTIFIER, NUMBER, WORD, OPERATOR }

    private record Token(TokenType type, String text) {
    }

    /**
     * A default as the target writes it when the source's is a literal (number, string, boolean, NULL) or the
     * current timestamp; null otherwise.
     *
     * @param binaryLiteral for a binary column, how the target writes bytes; null for any other column
     */
    static String portableDefault(String expression, Source source, boolean targetBackslashes,
            Function<byte[], String> binaryLiteral) {
        List<Token> tokens = tokens(expression, source);
        if (tokens == null) {
            return null;
        }
        tokens = unwrap(tokens);
        String joined = join(tokens).toUpperCase(Locale.ROOT).replace(" ", "");
        if (NOW.contains(joined)) {
            return "CURRENT_TIMESTAMP";
        }
        if (binaryLiteral != null) {
            return tokens.size() == 1 ? binaryDefault(tokens.get(0), source, binaryLiteral) : null;
        }
        if (tokens.size() == 1) {
            Token token = tokens.get(0);
            return switch (token.type()) {
                case STRING -> Sql.literal(token.text(), targetBackslashes);
                case NUMBER -> token.text();
                case WORD -> Set.of("TRUE", "FALSE", "NULL").contains(token.text().toUpperCase(Locale.ROOT))
                        ? token.text().toUpperCase(Locale.ROOT) : null;
                default -> null;
            };
        }
        if (tokens.size() == 2 && "-".equals(tokens.get(0).text()) && tokens.get(1).type() == TokenType.NUMBER) {
            return "-" + tokens.get(1).text();
        }
        return null;
    }

    /** A binary column's default: its bytes as the target writes them, or NULL; null when it is something else. */
    private static String binaryDefault(Token token, Source source, Function<byte[], String> binaryLiteral) {
        byte[] bytes = switch (token.type()) {
            case BINARY -> HexFormat.of().parseHex(token.text());
            // MariaDB shows a binary default as a string of its bytes (the characters it cannot show as '?').
            case STRING -> source == Source.POSTGRES ? bytea(token.text())
                    : token.text().getBytes(StandardCharsets.UTF_8);
            default -> null;
        };
        if (bytes != null) {
            return binaryLiteral.apply(bytes);
        }
        return token.type() == TokenType.WORD && "NULL".equalsIgnoreCase(token.text()) ? "NULL" : null;
    }

    /** The bytes of a PostgreSQL bytea string, in its hex or its escape format; null if it is neither. */
    static byte[] bytea(String text) {
        if (text.startsWith("\\x")) {
            try {
                return HexFormat.of().parseHex(text.substring(2));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            } else if (text.startsWith("\\\\", i)) {
                bytes.write('\\');
                i++;
            } else if (i + 3 < text.length() && text.substring(i + 1, i + 4).matches("[0-3][0-7][0-7]")) {
                bytes.write(Integer.parseInt(text.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                return null;
            }
        }
        return bytes.toByteArray();
    }

    /** A check's expression rewritten for the target, with every column name quoted its way; null if not simple. */
    static String portableCheck(String expression, Source source, boolean targetBackslashes,
            UnaryOperator<String> quote) {
        List<Token> tokens = tokens(expression, source);
        if (tokens == null || tokens.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            boolean call = i + 1 < tokens.size() && "(".equals(tokens.get(i + 1).text());
            String text;
            switch (token.type()) {
                case STRING -> text = Sql.literal(token.text(), targetBackslashes);
                case BINARY -> {
                    return null;
                }
                case IDENTIFIER -> text = quote.apply(token.text());
                case WORD -> {
                    String upper = token.text().toUpperCase(Locale.ROOT);
                    if (KEYWORDS.contains(upper)) {
                        if (call && !"IN".equals(upper) && !"NOT".equals(upper) && !"AND".equals(upper)
                                && !"OR".equals(upper)) {
                            return null;
                        }
                        text = upper;
                    } else if (call) {
                        return null;
                    } else {
                        text = quote.apply(token.text());
                    }
                }
                default -> text = token.text();
            }
            if (out.length() > 0 && !"(".equals(lastChar(out)) && !")".equals(text) && !",".equals(text)) {
                out.append(' ');
            }
            out.append(text);
        }
        return out.toString();
    }

    private static String lastChar(StringBuilder text) {
        return text.substring(text.length() - 1);
    }

    private static List<Token> unwrap(List<Token> tokens) {
        List<Token> result = tokens;
        while (result.size() >= 2 && "(".equals(result.get(0).text())
                && ")".equals(result.get(result.size() - 1).text())) {
            result = result.subList(1, result.size() - 1);
        }
        return result;
    }

    private static String join(List<Token> tokens) {
        StringBuilder out = new StringBuilder();
        for (Token token : tokens) {
            out.append(token.text());
        }
        return out.toString();
    }

    /** The expression's tokens without PostgreSQL casts; null when it holds something we do not read. */
    private static List<Token> tokens(String expression, Source source) {
        boolean backslashEscapes = source == Source.MARIADB;
        List<Token> tokens = new ArrayList<>();
        String s = expression;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'') {
                StringBuilder value = new StringBuilder();
                int j = i + 1;
                while (true) {
                    if (j >= s.length()) {
                        return null;
                    }
                    char d = s.charAt(j);
                    if (backslashEscapes && d == '\\' && j + 1 < s.length()) {
                        value.append(unescape(s.charAt(j + 1)));
                        j += 2;
                    } else if (d == '\'' && j + 1 < s.length() && s.charAt(j + 1) == '\'') {
                        value.append('\'');
                        j += 2;
                    } else if (d == '\'') {
                        break;
                    } else {
                        value.append(d);
                        j++;
                    }
                }
                tokens.add(new Token(TokenType.STRING, value.toString()));
                i = j + 1;
            } else if (c == '"' || c == '`') {
                int end = s.indexOf(c, i + 1);
                StringBuilder name = new StringBuilder();
                int j = i + 1;
                while (true) {
                    end = s.indexOf(c, j);
                    if (end < 0) {
                        return null;
                    }
                    name.append(s, j, end);
                    if (end + 1 < s.length() && s.charAt(end + 1) == c) {
                        name.append(c);
                        j = end + 2;
                    } else {
                        break;
                    }
                }
                tokens.add(new Token(TokenType.IDENTIFIER, name.toString()));
                i = end + 1;
            } else if ((c == 'X' || c == 'x') && s.startsWith("'", i + 1) && source != Source.POSTGRES) {
                int end = s.indexOf('\'', i + 2);
                String hex = end < 0 ? "" : s.substring(i + 2, end);
                if (end < 0 || hex.length() % 2 != 0 || !hex.chars().allMatch(h -> Character.digit(h, 16) >= 0)) {
                    return null;
                }
                tokens.add(new Token(TokenType.BINARY, hex));
                i = end + 1;
            } else if (Character.isDigit(c) || c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) {
                int j = i;
                while (j < s.length() && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '.'
                        || s.charAt(j) == 'e' || s.charAt(j) == 'E')) {
                    j++;
                }
                tokens.add(new Token(TokenType.NUMBER, s.substring(i, j)));
                i = j;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_'
                        || s.charAt(j) == '$')) {
                    j++;
                }
                tokens.add(new Token(TokenType.WORD, s.substring(i, j)));
                i = j;
            } else if (s.startsWith("::", i)) {
                i = skipCast(s, i + 2);
                if (i < 0) {
                    return null;
                }
            } else {
                String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
                if (OPERATORS.contains(two)) {
                    tokens.add(new Token(TokenType.OPERATOR, two));
                    i += 2;
                } else if (OPERATORS.contains(String.valueOf(c))) {
                    tokens.add(new Token(TokenType.OPERATOR, String.valueOf(c)));
                    i++;
                } else {
                    return null;
                }
            }
        }
        return tokens;
    }

    /**
     * What MariaDB reads for a backslash and the character after it in a string: {@code \%} and {@code \_}
     * stay as they are (they escape LIKE's wildcards), an unknown escape is the character itself.
     */
    private static String unescape(char c) {
        return switch (c) {
            case '0' -> "\0";
            case 'b' -> "\b";
            case 'n' -> "\n";
            case 'r' -> "\r";
            case 't' -> "\t";
            case 'Z' -> "\u001a";
            case '%', '_' -> "\\" + c;
            default -> String.valueOf(c);
        };
    }

    /** Skips a cast's type name: words, a quoted name, a size in parentheses, array brackets. */
    private static int skipCast(String s, int from) {
        int i = from;
        boolean first = true;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && s.charAt(i) == ' ') {
                i++;
            }
            if (i < s.length() && s.charAt(i) == '"') {
                int end = s.indexOf('"', i + 1);
                if (end < 0) {
                    return -1;
                }
                i = end + 1;
            } else {
                int j = i;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_'
                        || s.charAt(j) == '.')) {
                    j++;
                }
                String word = s.substring(i, j);
                if (word.isEmpty() || !first && !TYPE_WORDS.contains(word.toLowerCase(Locale.ROOT))) {
                    i = start;
                    break;
                }
                i = j;
            }
            first = false;
        }
        if (i < s.length() && s.charAt(i) == '(') {
            int end = s.indexOf(')', i);
            if (end < 0) {
                return -1;
            }
            i = end + 1;
        }
        while (s.startsWith("[]", i)) {
            i += 2;
        }
        return i;
    }
}
