package city.gridcity.integration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events a city can be notified of: the one list that both the outbox (on enqueue) and webhook
 * subscriptions (their filters) are checked against, so a misspelt type fails loudly instead of
 * silently never matching. A feature that sends a new kind of event adds it here.
 */
public final class EventTypes {

    public static final String CASE_REPORTED = "case.reported";
    public static final String CASE_FILED = "case.filed";
    public static final String CASE_REJECTED = "case.rejected";
    public static final String CASE_DISPATCHED = "case.dispatched";
    public static final String CASE_RETURNED = "case.returned";
    public static final String CASE_EXTENSION_REQUESTED = "case.extension-requested";
    public static final String CASE_EXTENDED = "case.extended";
    public static final String CASE_EXTENSION_REFUSED = "case.extension-refused";
    public static final String CASE_SUSPENSION_REQUESTED = "case.suspension-requested";
    public static final String CASE_SUSPENSION_REFUSED = "case.suspension-refused";
    public static final String CASE_RESUMED = "case.resumed";
    public static final String CASE_AUDIT_FAILED = "case.audit-failed";
    public static final String CASE_VOID_REQUESTED = "case.void-requested";
    public static final String CASE_EMERGENCY = "case.emergency";
    public static final String CASE_CONSULTATION = "case.consultation";
    public static final String CASE_DISPOSED = "case.disposed";
    public static final String CASE_REWORK = "case.rework";
    public static final String CASE_VERIFIED = "case.verified";
    public static final String CASE_CLOSED = "case.closed";
    public static final String CASE_SUSPENDED = "case.suspended";
    public static final String CASE_MERGED = "case.merged";
    public static final String CASE_OVERDUE = "case.overdue";
    public static final String CASE_REMINDER = "case.reminder";
    public static final String CASE_WHISTLE = "case.whistle";
    public static final String CASE_VOIDED = "case.voided";
    public static final String CASE_REOPEN_REQUESTED = "case.reopen-requested";
    public static final String CASE_REOPEN_DECLINED = "case.reopen-declined";
    /** A case left its street's or community's own loop for the district/city loop (二级闭环 上报升级). */
    public static final String CASE_ESCALATED = "case.escalated";
    /** The result of a hotline complaint, for the hotline platform's call-back. */
    public static final String HOTLINE_RESULT = "hotline.result";

    /** Every event type with its Chinese name, in workflow order. */
    public static final Map<String, String> KNOWN = known();

    /** Matches every event type. */
    public static final String ALL = "*";

    private EventTypes() {
    }

    private static Map<String, String> known() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(CASE_REPORTED, "上报");
        m.put(CASE_FILED, "立案");
        m.put(CASE_REJECTED, "不予立案");
        m.put(CASE_DISPATCHED, "派遣");
        m.put(CASE_RETURNED, "回退");
        m.put(CASE_EXTENSION_REQUESTED, "延期申请");
        m.put(CASE_EXTENDED, "延期");
        m.put(CASE_EXTENSION_REFUSED, "延期驳回");
        m.put(CASE_DISPOSED, "处置反馈");
        m.put(CASE_REWORK, "返工");
        m.put(CASE_VERIFIED, "核查");
        m.put(CASE_CLOSED, "结案");
        m.put(CASE_SUSPENSION_REQUESTED, "挂账申请");
        m.put(CASE_SUSPENDED, "挂账");
        m.put(CASE_SUSPENSION_REFUSED, "挂账驳回");
        m.put(CASE_RESUMED, "恢复处置");
        m.put(CASE_MERGED, "合并重复");
        m.put(CASE_OVERDUE, "超期");
        m.put(CASE_REMINDER, "临期提醒");
        m.put(CASE_WHISTLE, "吹哨报到");
        m.put(CASE_AUDIT_FAILED, "自处置抽检不通过");
        m.put(CASE_VOID_REQUESTED, "作废申请");
        m.put(CASE_VOIDED, "作废");
        m.put(CASE_EMERGENCY, "应急吹哨");
        m.put(CASE_CONSULTATION, "会商");
        m.put(CASE_REOPEN_REQUESTED, "重办申请");
        m.put(CASE_REOPEN_DECLINED, "不予重办");
        m.put(CASE_ESCALATED, "上报升级");
        m.put(HOTLINE_RESULT, "热线办理结果");
        return java.util.Collections.unmodifiableMap(m);
    }

    public static boolean isKnown(String type) {
        return type != null && KNOWN.containsKey(type);
    }

    /** Whether a subscription may filter by it: a known type, a known family's wildcard ({@code case.*}), or {@code *}. */
    public static boolean isFilter(String filter) {
        if (filter == null) {
            return false;
        }
        if (ALL.equals(filter) || isKnown(filter)) {
            return true;
        }
        return filter.endsWith(".*") && families().contains(filter.substring(0, filter.length() - 2));
    }

    /** Whether a subscription filter lets an event type through. */
    public static boolean matches(String filter, String type) {
        if (ALL.equals(filter)) {
            return true;
        }
        if (filter.endsWith(".*")) {
            return type.startsWith(filter.substring(0, filter.length() - 1));
        }
        return filter.equals(type);
    }

    /** The families ({@code case}) of the known types. */
    public static List<String> families() {
        return KNOWN.keySet().stream().map(t -> t.substring(0, t.indexOf('.'))).distinct().toList();
    }
}
