package io.jenkins.plugins.dbrunbooks.plugin.audit;

import hudson.model.Run;
import io.jenkins.plugins.dbrunbooks.engine.audit.AuditEvent;
import io.jenkins.plugins.dbrunbooks.plugin.Messages;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * What a build did with Database Runbooks: a summary on the build page, a page of its own listing every
 * operation, and the same in the REST API ({@code .../database-runbooks/api/json}).
 */
@ExportedBean
public class RunbookAction implements RunAction2 {
    private final List<AuditRecord> records = new ArrayList<>();
    private transient Run<?, ?> run;

    /** The action of {@code run}, added on first use. */
    public static synchronized RunbookAction of(Run<?, ?> run) {
        RunbookAction action = run.getAction(RunbookAction.class);
        if (action == null) {
            action = new RunbookAction();
            run.addAction(action);
        }
        return action;
    }

    public synchronized void addAll(List<AuditEvent> events) throws IOException {
        for (AuditEvent event : events) {
            records.add(new AuditRecord(event));
        }
        if (run != null) {
            run.save();
        }
    }

    @Exported
    public synchronized List<AuditRecord> getRecords() {
        return Collections.unmodifiableList(new ArrayList<>(records));
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public String getIconFileName() {
        return "symbol-server-outline plugin-ionicons-api";
    }

    @Override
    public String getDisplayName() {
        return Messages.RunbookAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return "database-runbooks";
    }
}
