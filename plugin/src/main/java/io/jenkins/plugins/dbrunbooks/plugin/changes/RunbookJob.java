package io.jenkins.plugins.dbrunbooks.plugin.changes;

import java.util.List;
import java.util.TreeSet;

/**
 * What the audit remembers of a job that uses the runbook steps: its configuration and Jenkinsfile as last seen
 * (masked, to diff the next change against) and the environments it names or its runs touched.
 *
 * @param fullName the job's full name
 * @param config its config.xml as last recorded, masked; null if not seen yet
 * @param environments environments named in its configuration or used by its runs, sorted
 * @param jenkinsfileRevision the revision of the Jenkinsfile its runs last used; null if none
 * @param jenkinsfile that Jenkinsfile, masked; null if none
 */
public record RunbookJob(String fullName, String config, List<String> environments, String jenkinsfileRevision,
        String jenkinsfile) {

    public RunbookJob {
        environments = environments == null ? List.of() : List.copyOf(new TreeSet<>(environments));
    }

    RunbookJob withConfig(String newConfig, List<String> named) {
        return new RunbookJob(fullName, newConfig, named, jenkinsfileRevision, jenkinsfile);
    }

    RunbookJob withName(String newName) {
        return new RunbookJob(newName, config, environments, jenkinsfileRevision, jenkinsfile);
    }

    RunbookJob withJenkinsfile(String revision, String text) {
        return new RunbookJob(fullName, config, environments, revision, text);
    }

    RunbookJob withEnvironments(List<String> more) {
        TreeSet<String> all = new TreeSet<>(environments);
        all.addAll(more);
        return new RunbookJob(fullName, config, List.copyOf(all), jenkinsfileRevision, jenkinsfile);
    }

    /** Every environment of this record and of {@code others}, sorted. */
    List<String> environmentsWith(List<String> others) {
        return withEnvironments(others).environments();
    }
}
