package city.gridcity.cases;

/** Where a case stands in the closed loop. Stored by name. */
public enum CaseState {
    REPORTED("待受理", "Reported", Phase.FILING),
    SELF_HANDLING("自处置中", "Self-handling", null),
    FILED("待派遣", "Filed", Phase.DISPATCH),
    RETURNED("已回退", "Returned", Phase.DISPATCH),
    IN_CONSULTATION("会商中", "In consultation", Phase.DISPATCH),
    DISPATCHED("待签收", "Dispatched", Phase.DISPOSAL),
    IN_DISPOSAL("处置中", "In disposal", Phase.DISPOSAL),
    EXTENSION_PENDING("延期待审", "Extension requested", Phase.DISPOSAL),
    SUSPENSION_PENDING("挂账待审", "Suspension requested", Phase.DISPOSAL),
    SUSPENDED("已挂账", "Suspended", Phase.DISPOSAL),
    COORDINATING("吹哨协同中", "Coordinating", Phase.DISPOSAL),
    REPORTED_BACK("待核查", "Reported back", Phase.VERIFICATION),
    VOID_PENDING("作废待审", "Void requested", null),
    CLOSED("已结案", "Closed", null),
    /** A resident rated the closed case "not solved": open again until the acceptor decides, with no clock. */
    REOPEN_PENDING("重办待审", "Reopen requested", null),
    REJECTED("不予立案", "Rejected", null),
    MERGED("重复合并", "Merged as duplicate", null),
    VOIDED("已作废", "Voided", null);

    /** The time-limited phases of the loop; assessment reads on-time or overdue per phase. */
    public enum Phase {
        FILING, DISPATCH, DISPOSAL, VERIFICATION
    }

    private final String labelZh;
    private final String labelEn;
    private final Phase phase;

    CaseState(String labelZh, String labelEn, Phase phase) {
        this.labelZh = labelZh;
        this.labelEn = labelEn;
        this.phase = phase;
    }

    public String labelZh() {
        return labelZh;
    }

    public String labelEn() {
        return labelEn;
    }

    /**
     * The phase whose clock runs in this state; {@code null} when none runs (terminal states, a void
     * request, which keeps the clock of the state it was asked from, and a reopen request).
     */
    public Phase phase() {
        return phase;
    }

    /** Closed, rejected, merged and voided cases are history: no queue, no clock, no duplicate search. */
    public boolean open() {
        return this != CLOSED && this != REJECTED && this != MERGED && this != VOIDED;
    }
}
