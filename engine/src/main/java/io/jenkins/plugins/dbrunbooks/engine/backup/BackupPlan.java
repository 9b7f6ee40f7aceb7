package io.jenkins.plugins.dbrunbooks.engine.backup;

import io.jenkins.plugins.dbrunbooks.engine.config.MethodChoice;
import io.jenkins.plugins.dbrunbooks.engine.error.ErrorKind;
import io.jenkins.plugins.dbrunbooks.engine.error.RunbookException;
import io.jenkins.plugins.dbrunbooks.engine.method.Coverage;
import io.jenkins.plugins.dbrunbooks.engine.method.DatabaseMethod;
import io.jenkins.plugins.dbrunbooks.engine.operation.RunbookContext;
import io.jenkins.plugins.dbrunbooks.engine.operation.ResolvedDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The method a backup uses and what it will leave out, settled before any file is created: a backup that could
 * not be restored whole is refused here, naming every object, unless the database accepts partial backups.
 * {@code auto} takes the first method, natives first, that runs here and keeps everything exactly; failing that,
 * one that carries every object; and says why. A method that refuses the database outright (a MariaDB view over a
 * dropped column stops mariadb-dump) is passed over for the next; where every method refuses, the first refusal
 * stands, with its own advice.
 */
record BackupPlan(ResolvedDatabase target, Coverage coverage) {

    static BackupPlan of(RunbookContext context, ResolvedDatabase target) {
        BackupPlan plan = target.database().method() == MethodChoice.AUTO ? auto(context, target)
                : new BackupPlan(target, target.method().coverage(target.methodContext()));
        return plan.accepted();
    }

    List<String> warnings() {
        return coverage.warnings();
    }

    private static BackupPlan auto(RunbookContext context, ResolvedDatabase target) {
        List<String> passedOver = new ArrayList<>();
        List<BackupPlan> candidates = new ArrayList<>();
        RunbookException firstRefusal = null;
        for (DatabaseMethod method : context.methods().methods()) {
            if (!method.serves(target.database().jdbcUrl())) {
                continue;
            }
            Optional<String> unavailable = method.unavailableReason(target.methodContext());
            if (unavailable.isPresent()) {
                passedOver.add(method.name() + ": " + unavailable.get());
                continue;
            }
            Coverage coverage;
            try {
                coverage = method.coverage(target.methodContext());
            } catch (RunbookException e) {
                if (e.kind() != ErrorKind.NOT_CARRIED) {
                    throw e;
                }
                firstRefusal = firstRefusal == null ? e : firstRefusal;
                passedOver.add(method.name() + ": " + e.getMessage());
                continue;
            }
            BackupPlan candidate = new BackupPlan(with(target, method), coverage);
            if (candidate.coverage.exact()) {
                return candidate.chosen(context, passedOver, "it carries every object exactly");
            }
            candidates.add(candidate);
            passedOver.add(method.name() + ": " + (candidate.coverage.carriesEverything()
                    ? String.join("; ", candidate.coverage.warnings())
                    : "it cannot carry " + String.join(", ", candidate.coverage.notCarried())));
        }
        Optional<BackupPlan> whole = candidates.stream().filter(c -> c.coverage.carriesEverything()).findFirst();
        if (whole.isPresent()) {
            return whole.get().chosen(context, passedOver, "it carries every object");
        }
        if (!candidates.isEmpty() && target.database().allowPartial()) {
            return candidates.get(0).chosen(context, passedOver, "the database accepts partial backups");
        }
        if (candidates.isEmpty() && firstRefusal != null) {
            throw firstRefusal;
        }
        throw new RunbookException(ErrorKind.NOT_CARRIED, "No method can back up '" + name(target)
                + "' whole here (" + String.join("; ", passedOver) + "); nothing was written",
                "Install the database's client tools for method native, or set allowPartial: true on the database"
                        + " to store a backup that names what it leaves out.");
    }

    private BackupPlan chosen(RunbookContext context, List<String> passedOver, String why) {
        context.listener().message("Method auto chose " + target.method().name() + " for '" + name(target) + "': "
                + why + (passedOver.isEmpty() ? "" : " (passed over " + String.join("; ", passedOver) + ")"));
        return this;
    }

    private BackupPlan accepted() {
        if (coverage.carriesEverything()) {
            return this;
        }
        String objects = String.join(", ", coverage.notCarried());
        if (!target.database().allowPartial()) {
            throw new RunbookException(ErrorKind.NOT_CARRIED, "Method " + target.method().name() + " cannot carry "
                    + coverage.notCarried().size() + " object(s) of '" + name(target) + "': " + objects
                    + "; nothing was written",
                    "Use method native, or set allowPartial: true on the database to store a partial backup that"
                            + " names what it leaves out.");
        }
        return this;
    }

    /** The objects a backup left out that this plan did not accept: created after the plan was made. */
    List<String> unexpected(List<String> leftOut) {
        return leftOut.stream().filter(o -> !coverage.notCarried().contains(o)).toList();
    }

    private static ResolvedDatabase with(ResolvedDatabase target, DatabaseMethod method) {
        return new ResolvedDatabase(target.environment(), target.database(), method, target.store(),
                target.methodContext());
    }

    private static String name(ResolvedDatabase target) {
        return target.environment().name() + "/" + target.database().name();
    }
}
