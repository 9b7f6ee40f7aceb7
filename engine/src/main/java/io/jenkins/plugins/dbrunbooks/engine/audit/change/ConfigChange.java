package io.jenkins.plugins.dbrunbooks.engine.audit.change;

import java.io.Serializable;
import java.util.List;

/**
 * What one change to a runbook's configuration was: the global configuration field by field, or a job's
 * configuration (or its Jenkinsfile) as a unified diff. Every value and line in it is masked.
 *
 * @param action what happened
 * @param job the job's full name after the change; null for the global configuration
 * @param previousName the job's full name before a rename or move; null otherwise
 * @param environments the environments the changed configuration names, sorted
 * @param fields the changed fields of the global configuration; empty for a job
 * @param diff a unified diff of the job's configuration or Jenkinsfile; null for the global configuration
 * @param revision the Jenkinsfile revision a run first used; null otherwise
 */
public record ConfigChange(
        Action action,
        String job,
        String previousName,
        List<String> environments,
        List<FieldChange> fields,
        String diff,
        String revision) implements Serializable {

    public enum Action {
        CONFIGURED("runbooks-configured"),
        CREATED("job-created"),
        COPIED("job-copied"),
        UPDATED("job-updated"),
        RENAMED("job-renamed"),
        MOVED("job-moved"),
        DELETED("job-deleted"),
        JENKINSFILE("jenkinsfile-changed");

        private final String operation;

        Action(String operation) {
            this.operation = operation;
        }

        public String operation() {
            return operation;
        }
    }

    public ConfigChange {
        environments = environments == null ? List.of() : List.copyOf(environments);
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    /** The global configuration's change, field by field. */
    public static ConfigChange global(List<String> environments, List<FieldChange> fields) {
        return new ConfigChange(Action.CONFIGURED, null, null, environments, fields, null, null);
    }

    public static ConfigChange job(Action action, String job, String previousName, List<String> environments,
            String diff, String revision) {
        return new ConfigChange(action, job, previousName, environments, List.of(), diff, revision);
    }

    public String operation() {
        return action.operation();
    }

    /** One line for tables and logs. */
    public String summary() {
        return switch (action) {
            case CONFIGURED -> fields.size() + (fields.size() == 1 ? " field changed" : " fields changed");
            case RENAMED -> "renamed from " + previousName;
            case MOVED -> "moved from " + previousName;
            case COPIED -> "copied from " + previousName;
            case JENKINSFILE -> "Jenkinsfile revision " + revision + " first used";
            case CREATED -> "created";
            case DELETED -> "deleted";
            case UPDATED -> "configuration changed";
        };
    }
}
