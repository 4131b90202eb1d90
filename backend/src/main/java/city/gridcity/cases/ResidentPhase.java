package city.gridcity.cases;

/**
 * Where a case stands in residents' words (已受理, 处理中, 已办结 ...): the portal shows this, never the
 * centre's seventeen states. The labels are the portal bundle's {@code rstate.<NAME>}, what happens next
 * {@code rnext.<NAME>}.
 */
public enum ResidentPhase {
    /** 已提交: waiting for the acceptor's review. */
    SUBMITTED,
    /** 已受理: filed, on its way to the department. */
    ACCEPTED,
    /** 处理中: a department is on it. */
    IN_HAND,
    /** 暂缓处理: cannot be solved now (挂账). */
    ON_HOLD,
    /** 待核实: the department says it is done; a supervisor checks on site. */
    CHECKING,
    /** 已办结 */
    SOLVED,
    /** 重办审核中: a resident said it is not solved; the acceptor decides whether it is reworked. */
    REOPEN_REQUESTED,
    /** 未受理: it did not meet the filing standard. */
    NOT_ACCEPTED,
    /** 已合并: the same problem was reported before; this report joined it. */
    JOINED,
    /** 已撤销 */
    WITHDRAWN;

    /** Every state in residents' words: the switch has no default, so a new state cannot be forgotten. */
    public static ResidentPhase of(CaseState state) {
        return switch (state) {
            case REPORTED -> SUBMITTED;
            case FILED, RETURNED, IN_CONSULTATION -> ACCEPTED;
            case SELF_HANDLING, DISPATCHED, IN_DISPOSAL, EXTENSION_PENDING, SUSPENSION_PENDING, COORDINATING,
                 VOID_PENDING -> IN_HAND;
            case SUSPENDED -> ON_HOLD;
            case REPORTED_BACK -> CHECKING;
            case CLOSED -> SOLVED;
            case REOPEN_PENDING -> REOPEN_REQUESTED;
            case REJECTED -> NOT_ACCEPTED;
            case MERGED -> JOINED;
            case VOIDED -> WITHDRAWN;
        };
    }

    /** Over: nothing more will happen to the case. */
    public boolean finished() {
        return this == SOLVED || this == NOT_ACCEPTED || this == JOINED || this == WITHDRAWN;
    }
}
