package io.jenkins.plugins.dbrunbooks.engine.audit;

import java.util.Locale;
import java.util.function.Predicate;

/**
 * The audit trail's filters, as pages and APIs offer them; a blank one matches everything. A job filter also
 * matches the jobs inside a folder of that name.
 *
 * @param environment an environment the event concerns
 * @param job a job's full name, or a folder's
 * @param user who made the change or started the build
 * @param kind {@code run} or {@code change}
 */
public record AuditFilter(String environment, String job, String user, String kind) implements Predicate<AuditEvent> {
    public static final AuditFilter ALL = new AuditFilter(null, null, null, null);

    public AuditFilter {
        environment = blankToNull(environment);
        job = blankToNull(job);
        user = blankToNull(user);
        kind = blankToNull(kind) == null ? null : kind.trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean test(AuditEvent event) {
        if (environment != null && !event.concernsEnvironment(environment)) {
            return false;
        }
        if (job != null) {
            String of = event.job();
            if (of == null || !(of.equals(job) || of.startsWith(job + "/"))) {
                return false;
            }
        }
        if (user != null && !user.equals(event.actor())) {
            return false;
        }
        return kind == null || kind.equals(event.kind().name().toLowerCase(Locale.ROOT));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
