package io.jenkins.plugins.dbrunbooks.engine.method.jdbc;

import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.List;

/**
 * An array value as a JSON array, for an engine without arrays: numbers and booleans as JSON's own, NULL as null,
 * an array within as an array, bytes as PostgreSQL writes them ({@code "\\x00ff"}), and any other value (text,
 * dates, times, uuids, a number that is not finite) as a string of its text.
 */
final class JsonArrays {
    private JsonArrays() {
    }

    static String text(List<?> array) {
        StringBuilder json = new StringBuilder();
        append(json, array);
        return json.toString();
    }

    private static void append(StringBuilder json, Object value) {
        if (value == null) {
            json.append("null");
        } else if (value instanceof List<?> list) {
            json.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    json.append(',');
                }
                append(json, list.get(i));
            }
            json.append(']');
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Byte || value instanceof java.math.BigInteger) {
            json.append(value);
        } else if (value instanceof BigDecimal decimal) {
            json.append(decimal.toPlainString());
        } else if ((value instanceof Double || value instanceof Float)
                && Double.isFinite(((Number) value).doubleValue())) {
            json.append(value);
        } else if (value instanceof byte[] bytes) {
            string(json, "\\x" + HexFormat.of().formatHex(bytes));
        } else {
            string(json, value.toString());
        }
    }

    private static void string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
