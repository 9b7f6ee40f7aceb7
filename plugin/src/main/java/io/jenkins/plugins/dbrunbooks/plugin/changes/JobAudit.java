package io.jenkins.plugins.dbrunbooks.plugin.changes;

import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.Items;
import hudson.model.Job;
import io.jenkins.plugins.dbrunbooks.engine.audit.change.ConfigChange;
import io.jenkins.plugins.dbrunbooks.engine.audit.change.ConfigChange.Action;
import io.jenkins.plugins.dbrunbooks.engine.audit.change.LineDiff;
import io.jenkins.plugins.dbrunbooks.engine.audit.change.RunbookReferences;
import io.jenkins.plugins.dbrunbooks.engine.audit.change.SecretMasker;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns what happens to jobs into audit events, for the jobs that use the runbook steps, builders or wrappers
 * (by their configuration, or because a run of theirs used a step) and for no other. Each event carries a unified
 * diff of the masked config.xml against the one last recorded. One lock (this class) orders every read and
 * write of a job's record, the Jenkinsfile's included.
 */
final class JobAudit {
    private static final Logger LOGGER = Logger.getLogger(JobAudit.class.getName());

    private JobAudit() {
    }

    /** A job was saved: record the change if it is a runbook job and its configuration differs. */
    static synchronized void saved(Job<?, ?> job, String rawConfig) {
        String config = SecretMasker.maskText(rawConfig);
        RunbookReferences refs = ChangeRecorder.references(config);
        RunbookJobStore store = RunbookJobStore.get();
        Optional<RunbookJob> known = store.find(job.getFullName());
        if (!refs.uses() && known.isEmpty()) {
            return;
        }
        String before = known.map(RunbookJob::config).orElse(null);
        if (config.equals(before)) {
            return;
        }
        RunbookJob now = known.orElseGet(() -> new RunbookJob(job.getFullName(), null, List.of(), null, null))
                .withConfig(config, refs.environments());
        List<String> environments = known.map(k -> k.environmentsWith(refs.environments()))
                .orElse(refs.environments());
        ChangeRecorder.get().record(ConfigChange.job(Action.UPDATED, job.getFullName(), null, environments,
                diff(job.getFullName(), before, config), null));
        store.put(now);
    }

    /** A job appeared, new or copied from {@code source}: record it whole if it is a runbook job. */
    static synchronized void created(Item item, Item source) {
        if (!(item instanceof Job<?, ?> job)) {
            return;
        }
        String config = maskedConfig(job);
        RunbookReferences refs = ChangeRecorder.references(config);
        if (config == null || !refs.uses()) {
            return;
        }
        RunbookJobStore store = RunbookJobStore.get();
        Optional<RunbookJob> known = store.find(job.getFullName());
        if (known.isPresent() && config.equals(known.get().config())) {
            return; // Its first save already recorded this configuration.
        }
        Action action = source == null ? Action.CREATED : Action.COPIED;
        ChangeRecorder.get().record(ConfigChange.job(action, job.getFullName(),
                source == null ? null : source.getFullName(), refs.environments(),
                diff(job.getFullName(), null, config), null));
        store.put(new RunbookJob(job.getFullName(), config, refs.environments(), null, null));
    }

    /** A runbook job was renamed or moved, alone or with the folder it is in. */
    static synchronized void moved(String oldFullName, String newFullName) {
        RunbookJobStore.get().move(oldFullName, newFullName).ifPresent(job -> {
            Action action = parentOf(oldFullName).equals(parentOf(newFullName)) ? Action.RENAMED : Action.MOVED;
            ChangeRecorder.get().record(ConfigChange.job(action, newFullName, oldFullName, job.environments(),
                    null, null));
        });
    }

    /** A job, or a folder with runbook jobs in it, was deleted. */
    static synchronized void deleted(Item item) {
        RunbookJobStore store = RunbookJobStore.get();
        store.find(item.getFullName()).ifPresent(JobAudit::recordDeletion);
        if (item instanceof ItemGroup<?>) {
            store.under(item.getFullName()).forEach(JobAudit::recordDeletion);
        }
    }

    /**
     * A run of {@code job} used a step on these environments: a job whose steps live in a Jenkinsfile from SCM
     * is only known this way, and from now on its configuration changes are recorded too.
     */
    static synchronized void ran(Job<?, ?> job, List<String> environments) {
        RunbookJobStore store = RunbookJobStore.get();
        Optional<RunbookJob> known = store.find(job.getFullName());
        if (known.isPresent() && known.get().environments().containsAll(environments)) {
            return;
        }
        RunbookJob record = known.orElseGet(() -> new RunbookJob(job.getFullName(), maskedConfig(job), List.of(),
                null, null));
        store.put(record.withEnvironments(environments));
    }

    private static void recordDeletion(RunbookJob job) {
        ChangeRecorder.get().record(ConfigChange.job(Action.DELETED, job.fullName(), null, job.environments(),
                job.config() == null ? null : diff(job.fullName(), job.config(), null), null));
        RunbookJobStore.get().remove(job.fullName());
    }

    static String diff(String fullName, String before, String after) {
        return LineDiff.unified("a/" + fullName + "/config.xml", before, "b/" + fullName + "/config.xml", after);
    }

    static String maskedConfig(Item item) {
        try {
            return SecretMasker.maskText(Items.getConfigFile(item).asString());
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Cannot read the configuration of " + item.getFullName(), e);
            return null;
        }
    }

    private static String parentOf(String fullName) {
        int slash = fullName.lastIndexOf('/');
        return slash < 0 ? "" : fullName.substring(0, slash);
    }
}
