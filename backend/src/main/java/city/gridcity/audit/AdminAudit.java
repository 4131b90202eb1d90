package city.gridcity.audit;

import city.gridcity.tenancy.TenantContext;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * The city's configuration audit (修改记录): features record each changed field in the transaction of the change,
 * so an entry exists exactly when the change does. Who acted is the signed-in person the edge named
 * ({@link TenantContext#actor()}), "system" for jobs and provisioning.
 */
@ApplicationScoped
public class AdminAudit {

    /** The parts of the configuration that record here; the page names them. */
    public enum Area {
        DEPARTMENTS, USERS, CALENDAR, WORKFLOW, SUPERVISION, WEBHOOKS, GRID, PLATFORM, PACK
    }

    static final int MAX_VALUE = 2000;

    private final TenantContext context;
    private final Clock clock;

    AdminAudit(TenantContext context, Clock clock) {
        this.context = context;
        this.clock = clock;
    }

    /** Records a field's change; a value that did not change records nothing. Joins the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void changed(Area area, String subject, String field, Object before, Object after) {
        record(context.actor().orElse("system"), area, subject, field, before, after);
    }

    /**
     * Records a platform operator's action on the current city ({@link Area#PLATFORM}): written into the city's own
     * log, with the city selected, so row-level security holds and the city's administrator sees what the platform
     * did to their city. The operator is named {@code platform:<username>}, never mistaken for a city account.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void byOperator(String subject, String field, Object before, Object after) {
        record(context.actor().map(a -> OPERATOR_PREFIX + a).orElse("system"), Area.PLATFORM, subject, field, before, after);
    }

    /** How an operator is named in a city's log. */
    public static final String OPERATOR_PREFIX = "platform:";

    private void record(String by, Area area, String subject, String field, Object before, Object after) {
        String old = text(before);
        String now = text(after);
        if (Objects.equals(old, now)) {
            return;
        }
        AdminAuditEntry e = new AdminAuditEntry();
        e.at = clock.instant();
        e.byUser = by.length() > 64 ? by.substring(0, 64) : by;
        e.area = area.name();
        e.subject = subject.length() > 100 ? subject.substring(0, 100) : subject;
        e.field = field;
        e.oldValue = old;
        e.newValue = now;
        e.persist();
    }

    /** An entry as readers see it. */
    public record Entry(java.time.Instant at, String by, Area area, String subject, String field, String oldValue,
                        String newValue) {
    }

    /** The newest entries first, of one area or all. */
    public record EntryPage(List<Entry> items, long total) {
    }

    @Transactional
    public EntryPage page(Area area, int page, int size) {
        var query = area == null ? AdminAuditEntry.<AdminAuditEntry>findAll(Sort.descending("at", "id"))
                : AdminAuditEntry.<AdminAuditEntry>find("area", Sort.descending("at", "id"), area.name());
        return new EntryPage(query.page(Page.of(page, size)).list().stream().map(e -> new Entry(e.at, e.byUser,
                Area.valueOf(e.area), e.subject, e.field, e.oldValue, e.newValue)).toList(), query.count());
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String s = value instanceof String[] a ? String.join(" ", a) : value.toString();
        return s.length() > MAX_VALUE ? s.substring(0, MAX_VALUE) + "…" : s;
    }
}
