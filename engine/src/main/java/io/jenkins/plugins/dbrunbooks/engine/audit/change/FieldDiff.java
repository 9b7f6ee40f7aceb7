package io.jenkins.plugins.dbrunbooks.engine.audit.change;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Compares two flattened configurations, path by path, masking each value it reports. */
public final class FieldDiff {
    private FieldDiff() {
    }

    /**
     * The fields that differ: changed and added ones in the order of {@code after}, then removed ones in the order
     * of {@code before}. Values go through {@link SecretMasker#maskField}.
     */
    public static List<FieldChange> between(Map<String, String> before, Map<String, String> after) {
        List<FieldChange> changes = new ArrayList<>();
        for (Map.Entry<String, String> field : after.entrySet()) {
            String old = before.get(field.getKey());
            boolean existed = before.containsKey(field.getKey());
            if (!existed || !Objects.equals(old, field.getValue())) {
                changes.add(masked(field.getKey(), old, field.getValue()));
            }
        }
        for (Map.Entry<String, String> field : before.entrySet()) {
            if (!after.containsKey(field.getKey())) {
                changes.add(masked(field.getKey(), field.getValue(), null));
            }
        }
        return changes;
    }

    private static FieldChange masked(String field, String before, String after) {
        return new FieldChange(field, SecretMasker.maskField(field, before), SecretMasker.maskField(field, after));
    }

    /** A builder of flattened configurations that keeps the order fields are added in. */
    public static final class Fields {
        private final Map<String, String> values = new LinkedHashMap<>();

        public Fields put(String path, Object value) {
            values.put(path, value == null ? null : String.valueOf(value));
            return this;
        }

        public Map<String, String> toMap() {
            return new LinkedHashMap<>(values);
        }
    }
}
