package city.gridcity.cases;

import java.util.Arrays;
import java.util.Optional;

/** What can be done to a case; the wire name is what clients send and what events record. */
public enum CaseAction {
    REPORT("report", "上报"),
    SELF_REPORT("self-report", "自处置上报"),
    FILE("file", "立案"),
    REJECT("reject", "不予立案"),
    MERGE("merge", "合并重复"),
    DISPATCH("dispatch", "派遣"),
    ACCEPT("accept", "签收"),
    REPORT_BACK("report-back", "反馈"),
    RETURN("return", "回退"),
    REQUEST_EXTENSION("request-extension", "申请延期"),
    APPROVE_EXTENSION("approve-extension", "批准延期"),
    REFUSE_EXTENSION("refuse-extension", "驳回延期"),
    REQUEST_SUSPENSION("request-suspension", "申请挂账"),
    APPROVE_SUSPENSION("approve-suspension", "批准挂账"),
    REFUSE_SUSPENSION("refuse-suspension", "驳回挂账"),
    RESUME("resume", "恢复处置"),
    VERIFY_PASS("verify-pass", "核查通过"),
    VERIFY_FAIL("verify-fail", "核查不通过（返工）"),
    SELF_CLOSE("self-close", "自处置结案"),
    AUDIT_PASS("audit-pass", "抽检通过"),
    AUDIT_FAIL("audit-fail", "抽检不通过"),
    REQUEST_VOID("request-void", "申请作废"),
    APPROVE_VOID("approve-void", "批准作废"),
    REFUSE_VOID("refuse-void", "驳回作废"),
    WHISTLE("whistle", "吹哨"),
    JOIN("join", "报到"),
    REPORT_PART("report-part", "协同部门反馈"),
    ALL_REPORTED("all-reported", "协同完成"),
    EMERGENCY("emergency", "应急吹哨"),
    CONSULT("consult", "提请会商"),
    DECIDE("decide", "会商决定"),
    ME_TOO("me-too", "我也遇到"),
    RATE("rate", "满意度评价"),
    REQUEST_REOPEN("request-reopen", "申请重办"),
    ACCEPT_REOPEN("accept-reopen", "受理重办"),
    DECLINE_REOPEN("decline-reopen", "不予重办"),
    CONFIRM("confirm", "现场确认"),
    MARK_INVALID("mark-invalid", "建议不予立案"),
    PERSUADE_FIX("persuade-fix", "劝导处置"),
    ESCALATE("escalate", "上报升级"),
    /**
     * 热线比对: the daily matching of hotline complaints with grid findings recorded its outcome on the complaint (the
     * finding of the same problem, if any) and on the finding (the complaint it met). Not a transition: the state stays.
     */
    HOTLINE_MATCH("hotline-match", "热线比对");

    private final String wireName;
    private final String labelZh;

    CaseAction(String wireName, String labelZh) {
        this.wireName = wireName;
        this.labelZh = labelZh;
    }

    public String wireName() {
        return wireName;
    }

    public String labelZh() {
        return labelZh;
    }

    public static Optional<CaseAction> fromWireName(String name) {
        return Arrays.stream(values()).filter(a -> a.wireName.equals(name)).findFirst();
    }
}
