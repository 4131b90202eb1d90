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
    private final EntityManager em;

    CaseNotifier(Outbox outbox, EntityManager em) {
        this.outbox = outbox;
        this.em = em;
    }

    void onChange(@Observes CaseChanged e) {
        List<Recipient> to = new ArrayList<>();
        String type;
        String resident = null;
        switch (e.action()) {
            case REPORT, SELF_REPORT -> {
                type = EventTypes.CASE_REPORTED;
                to.add(Recipient.citySubscribers());
            }
            case FILE -> {
                type = EventTypes.CASE_FILED;
                to.add(Recipient.citySubscribers());
                resident = "已立案，将派遣处置 · was filed and will be dispatched";
            }
            case REJECT -> {
                type = EventTypes.CASE_REJECTED;
                to.add(Recipient.citySubscribers());
                resident = "不予立案 · was not filed";
            }
            case MERGE -> {
                type = EventTypes.CASE_MERGED;
                to.add(Recipient.citySubscribers());
                resident = "与已有案件重复，您将收到原案件的进展 · repeats an existing case; you follow that one now";
            }
            case DISPATCH, DECIDE -> {
                type = EventTypes.CASE_DISPATCHED;
                to.add(Recipient.department(e.departmentCode()));
                resident = "已派遣至处置部门 · was sent to the department that fixes it";
            }
            case RETURN -> {
                type = EventTypes.CASE_RETURNED;
                to.add(Recipient.citySubscribers());
            }
            case REQUEST_EXTENSION -> {
                type = EventTypes.CASE_EXTENSION_REQUESTED;
                to.add(Recipient.citySubscribers());
            }
            case APPROVE_EXTENSION -> {
                type = EventTypes.CASE_EXTENDED;
                to.add(Recipient.department(e.departmentCode()));
            }
            case APPROVE_SUSPENSION -> {
                type = EventTypes.CASE_SUSPENDED;
                to.add(Recipient.department(e.departmentCode()));
                resident = "暂时无法处置，已挂账，到期恢复 · cannot be fixed now and is on hold until its date";
            }
            case REPORT_BACK, ALL_REPORTED -> {
                type = EventTypes.CASE_DISPOSED;
                to.add(Recipient.citySubscribers());
                resident = "已处置，等待现场核查 · was fixed and awaits an on-site check";
            }
            case VERIFY_FAIL -> {
                type = EventTypes.CASE_REWORK;
                to.add(Recipient.department(e.departmentCode()));
            }
            case VERIFY_PASS, SELF_CLOSE -> {
                type = EventTypes.CASE_CLOSED;
                to.add(e.departmentCode() == null ? Recipient.citySubscribers() : Recipient.department(e.departmentCode()));
                resident = "已办结，欢迎评价 · is closed; tell us how it went";
                followers(e.caseId()).forEach(id -> to.add(Recipient.resident(id)));
            }
            case WHISTLE -> {
                type = EventTypes.CASE_WHISTLE;
                participants(e.caseId()).forEach(code -> to.add(Recipient.department(code)));
            }
            case APPROVE_VOID -> {
                type = EventTypes.CASE_VOIDED;
                to.add(Recipient.citySubscribers());
                resident = "已作废 · was voided";
            }
            default -> {
                return;
            }
        }
        boolean reporterHears = resident != null && e.reporterId() != null
                && (e.sourceChannel() == CaseSource.Channel.RESIDENT || e.sourceChannel() == CaseSource.Channel.VOLUNTEER);
        if (reporterHears) {
            to.add(Recipient.resident(e.reporterId()));
        }
        String summary = resident == null ? "案件 " + e.number() + " " + e.action().labelZh()
                : "您关注的问题 " + e.number() + " " + resident;
        outbox.enqueue(new Notification(type, e.number(), summary, payload(e)),
                to.stream().distinct().toArray(Recipient[]::new));
        if (e.to() == CaseState.CLOSED || e.to() == CaseState.REJECTED || e.to() == CaseState.VOIDED) {
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
    private List<Long> followers(long caseId) {
        return ((List<Number>) em.createNativeQuery("SELECT user_id FROM case_follower WHERE case_id = ?1")
                .setParameter(1, caseId).getResultList()).stream().map(Number::longValue).toList();
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
