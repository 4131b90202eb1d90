package city.gridcity.cases;

import city.gridcity.integration.EventTypes;
import city.gridcity.integration.outbox.Notification;
import city.gridcity.integration.outbox.Outbox;
import city.gridcity.integration.outbox.Recipient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns case events into notifications: departments hear of what they must act on, the resident
 * who reported (and those who said "me too") of what became of it, the hotline platform of the
 * result of its complaint. Observes inside the action's transaction, so the outbox row commits (or
 * rolls back) with the change itself.
 */
@ApplicationScoped
public class CaseNotifier {

    private final Outbox outbox;
    private final CaseFollowers followers;
    private final EntityManager em;

    CaseNotifier(Outbox outbox, CaseFollowers followers, EntityManager em) {
        this.outbox = outbox;
        this.followers = followers;
        this.em = em;
    }

    void onChange(@Observes CaseChanged e) {
        CaseNotices.Notice notice = CaseNotices.of(e.action());
        if (notice.audience() == CaseNotices.Audience.NOBODY) {
            return;
        }
        List<Recipient> to = new ArrayList<>();
        switch (notice.audience()) {
            case CITY -> to.add(Recipient.citySubscribers());
            case DEPARTMENT -> to.add(Recipient.department(e.departmentCode()));
            case DEPARTMENT_OR_CITY -> to.add(e.departmentCode() == null ? Recipient.citySubscribers()
                    : Recipient.department(e.departmentCode()));
            case CALLED_DEPARTMENTS -> participants(e.caseId()).forEach(code -> to.add(Recipient.department(code)));
            case NOBODY -> throw new IllegalStateException("returned above");
        }
        if (notice.followers()) {
            followers.of(e.caseId()).forEach(id -> to.add(Recipient.resident(id)));
        }
        String type = notice.type();
        String resident = notice.residentNews();
        boolean reporterHears = resident != null && e.reporterId() != null
                && (e.sourceChannel() == CaseSource.Channel.RESIDENT || e.sourceChannel() == CaseSource.Channel.VOLUNTEER);
        if (reporterHears) {
            to.add(Recipient.resident(e.reporterId()));
        }
        String summary = resident == null ? "案件 " + e.number() + " " + e.action().labelZh()
                : "您关注的问题 " + e.number() + " " + resident;
        outbox.enqueue(new Notification(type, e.number(), summary, payload(e)),
                to.stream().distinct().toArray(Recipient[]::new));
        // A declined reopen request leaves the result as it was called back.
        boolean ended = e.to() == CaseState.CLOSED && e.from() != CaseState.REOPEN_PENDING
                || e.to() == CaseState.REJECTED || e.to() == CaseState.VOIDED;
        if (ended) {
            // The hotline platform calls its caller back with the result (回访); it subscribes to hotline.result.
            // A complaint merged into this case hears when this case ends, not when it was merged.
            List<String> tickets = new ArrayList<>(mergedTickets(e.caseId()));
            if (e.hotlineTicket() != null) {
                tickets.add(0, e.hotlineTicket());
            }
            for (String ticket : tickets) {
                Map<String, Object> result = payload(e);
                result.put("ticket", ticket);
                result.put("result", e.to().name());
                outbox.enqueue(new Notification(EventTypes.HOTLINE_RESULT, e.number(), "热线工单 " + ticket + " "
                        + e.to().labelZh(), result), Recipient.citySubscribers());
            }
        }
    }

    void onDeadline(@Observes CaseDeadline d) {
        String type = d.kind() == CaseDeadline.Kind.OVERDUE ? EventTypes.CASE_OVERDUE : EventTypes.CASE_REMINDER;
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("caseNumber", d.number());
        payload.put("phase", d.phase().name());
        payload.put("deadline", d.deadline().toString());
        outbox.enqueue(new Notification(type, d.number(), "案件 " + d.number() + (d.kind() == CaseDeadline.Kind.OVERDUE
                ? " 已超期" : " 即将到期"), payload), d.phase() == CaseState.Phase.DISPOSAL && d.departmentCode() != null
                ? Recipient.department(d.departmentCode()) : Recipient.citySubscribers());
    }

    private static Map<String, Object> payload(CaseChanged e) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("caseNumber", e.number());
        p.put("action", e.action().wireName());
        p.put("from", e.from() == null ? null : e.from().name());
        p.put("to", e.to().name());
        p.put("department", e.departmentCode());
        p.put("at", e.at().toString());
        return p;
    }

    @SuppressWarnings("unchecked")
    private List<String> mergedTickets(long caseId) {
        return em.createNativeQuery("SELECT hotline_ticket FROM city_case WHERE duplicate_of = ?1 AND hotline_ticket IS NOT NULL "
                + "ORDER BY id").setParameter(1, caseId).getResultList();
    }

    @SuppressWarnings("unchecked")
    private List<String> participants(long caseId) {
        return em.createNativeQuery("SELECT department_code FROM case_participant WHERE case_id = ?1 ORDER BY id")
                .setParameter(1, caseId).getResultList();
    }
}
