package city.gridcity.cases;

import city.gridcity.integration.EventTypes;

/**
 * Who hears of each action: the notification decision for every action of the loop, in one
 * exhaustive switch, so a new action does not compile until someone decides (and "nobody" is said,
 * with the reason, where it is meant).
 */
public final class CaseNotices {

    /** Who receives the notification. */
    public enum Audience {
        /** Nobody: the reason is in {@link Notice#why}. */
        NOBODY,
        /** The city's webhook subscribers (the centre's own systems). */
        CITY,
        /** The department the case is with. */
        DEPARTMENT,
        /** The department the case is with, or the city when it is with none. */
        DEPARTMENT_OR_CITY,
        /** The departments called in by a whistle. */
        CALLED_DEPARTMENTS
    }

    /**
     * A decision: the event type, who hears, what a reporting resident is told ({@code null}: they are
     * not told), whether the followers hear too, and why nobody hears when nobody does.
     */
    public record Notice(String type, Audience audience, String residentNews, boolean followers, String why) {

        static Notice to(String type, Audience audience) {
            return new Notice(type, audience, null, false, null);
        }

        static Notice nobody(String why) {
            return new Notice(null, Audience.NOBODY, null, false, why);
        }

        Notice telling(String news) {
            return new Notice(type, audience, news, followers, why);
        }

        Notice andFollowers() {
            return new Notice(type, audience, residentNews, true, why);
        }
    }

    private CaseNotices() {
    }

    public static Notice of(CaseAction action) {
        return switch (action) {
            case REPORT, SELF_REPORT -> Notice.to(EventTypes.CASE_REPORTED, Audience.CITY);
            case FILE -> Notice.to(EventTypes.CASE_FILED, Audience.CITY)
                    .telling("已立案，将派遣处置 · was filed and will be dispatched");
            case REJECT -> Notice.to(EventTypes.CASE_REJECTED, Audience.CITY).telling("不予立案 · was not filed");
            case MERGE -> Notice.to(EventTypes.CASE_MERGED, Audience.CITY)
                    .telling("与已有案件重复，您将收到原案件的进展 · repeats an existing case; you follow that one now");
            case DISPATCH, DECIDE -> Notice.to(EventTypes.CASE_DISPATCHED, Audience.DEPARTMENT)
                    .telling("已派遣至处置部门 · was sent to the department that fixes it");
            case ACCEPT -> Notice.nobody("the department's own receipt; the centre sees it in the history and queues");
            case REPORT_BACK, ALL_REPORTED -> Notice.to(EventTypes.CASE_DISPOSED, Audience.CITY)
                    .telling("已处置，等待现场核查 · was fixed and awaits an on-site check");
            case RETURN -> Notice.to(EventTypes.CASE_RETURNED, Audience.CITY);
            case REQUEST_EXTENSION -> Notice.to(EventTypes.CASE_EXTENSION_REQUESTED, Audience.CITY);
            case APPROVE_EXTENSION -> Notice.to(EventTypes.CASE_EXTENDED, Audience.DEPARTMENT);
            case REFUSE_EXTENSION -> Notice.to(EventTypes.CASE_EXTENSION_REFUSED, Audience.DEPARTMENT);
            case REQUEST_SUSPENSION -> Notice.to(EventTypes.CASE_SUSPENSION_REQUESTED, Audience.CITY);
            case APPROVE_SUSPENSION -> Notice.to(EventTypes.CASE_SUSPENDED, Audience.DEPARTMENT)
                    .telling("暂时无法处置，已挂账，到期恢复 · cannot be fixed now and is on hold until its date");
            case REFUSE_SUSPENSION -> Notice.to(EventTypes.CASE_SUSPENSION_REFUSED, Audience.DEPARTMENT);
            case RESUME -> Notice.to(EventTypes.CASE_RESUMED, Audience.DEPARTMENT);
            case VERIFY_PASS, SELF_CLOSE -> Notice.to(EventTypes.CASE_CLOSED, Audience.DEPARTMENT_OR_CITY)
                    .telling("已办结，欢迎评价 · is closed; tell us how it went").andFollowers();
            case VERIFY_FAIL -> Notice.to(EventTypes.CASE_REWORK, Audience.DEPARTMENT);
            case AUDIT_PASS -> Notice.nobody("confirms a closure that everyone concerned was told of already");
            case AUDIT_FAIL -> Notice.to(EventTypes.CASE_AUDIT_FAILED, Audience.CITY);
            case REQUEST_VOID -> Notice.to(EventTypes.CASE_VOID_REQUESTED, Audience.CITY);
            case APPROVE_VOID -> Notice.to(EventTypes.CASE_VOIDED, Audience.CITY).telling("已作废 · was voided");
            case REFUSE_VOID -> Notice.nobody("the case goes on where it was; those working it were never told it stopped");
            case WHISTLE -> Notice.to(EventTypes.CASE_WHISTLE, Audience.CALLED_DEPARTMENTS);
            case JOIN -> Notice.nobody("the lead department sees on the case who has joined");
            case REPORT_PART -> Notice.nobody("the coordination is notified as reported back when the last department reports");
            case EMERGENCY -> Notice.to(EventTypes.CASE_EMERGENCY, Audience.DEPARTMENT_OR_CITY);
            case CONSULT -> Notice.to(EventTypes.CASE_CONSULTATION, Audience.CITY);
            case ME_TOO -> Notice.nobody("a resident follows the case; nobody needs to act on it");
            case HOTLINE_MATCH -> Notice.nobody("the hotline matching's outcome is a case fact (发现率, 未诉先办率); "
                    + "nobody needs to act on it");
            case RATE -> Notice.nobody("a rating is a case fact (satisfaction rates, points); a 'not solved' with a "
                    + "comment raises a reopen request, and that is notified");
            case REQUEST_REOPEN -> Notice.to(EventTypes.CASE_REOPEN_REQUESTED, Audience.CITY);
            case ACCEPT_REOPEN -> Notice.to(EventTypes.CASE_REWORK, Audience.DEPARTMENT)
                    .telling("的重办申请已受理，将重新处置 · is reopened at a resident's request and worked again")
                    .andFollowers();
            case CONFIRM -> Notice.nobody("the acceptor sees the confirmed report first in the queue; the reporter hears "
                    + "when it is filed");
            case MARK_INVALID -> Notice.nobody("a recommendation to the acceptor, shown on the report; the reporter hears "
                    + "what the acceptor decides");
            case PERSUADE_FIX -> Notice.to(EventTypes.CASE_CLOSED, Audience.CITY)
                    .telling("已由社区志愿者现场劝导处置，欢迎评价 · was dealt with on the spot by a community volunteer; "
                            + "tell us how it went").andFollowers();
            case ESCALATE -> Notice.to(EventTypes.CASE_ESCALATED, Audience.CITY);
            case DECLINE_REOPEN -> Notice.to(EventTypes.CASE_REOPEN_DECLINED, Audience.CITY)
                    .telling("的重办申请未予受理，原因见案件进展 · will not be reopened; the reason is in its history")
                    .andFollowers();
        };
    }
}
