package city.gridcity.cases;

import city.gridcity.catalog.CatalogClass;
import city.gridcity.catalog.FilingCondition;
import city.gridcity.tenancy.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A case (案件): one problem found in the city, from report to close. It keeps what it was held to
 * when filed (the catalog rule, filing condition and limit) and where it was located then (layout
 * version and the five grid codes), so later catalog edits and redraws never change its history.
 */
@Entity
@Table(name = "city_case")
public class CityCase extends TenantOwned {

    /** Drawn from the table's sequence 50 at a time (V15), so intake can write its rows as batches. */
    @Id
    @SequenceGenerator(name = "city_case_ids", sequenceName = "city_case_id_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "city_case_ids")
    public Long id;

    public enum ProblemType {
        /** 普通问题 */
        ORDINARY,
        /** 超出街道能力，吹哨报到 */
        COORDINATION,
        /** 权责争议，会商 */
        CONSULTATION,
        /** 应急预警：自然时计时 */
        EMERGENCY
    }

    public enum Priority {
        NORMAL, URGENT
    }

    /**
     * A volunteer's triage of a report (志愿者核实): confirmed on site, so the acceptor takes it first; or
     * suggested invalid, a recommendation the acceptor decides on.
     */
    public enum Triage {
        CONFIRMED, INVALID_SUGGESTED
    }

    /** Why a case left its local loop (二级闭环) for the district/city loop. */
    public enum Escalation {
        /** The local unit returned it: not its own to solve. */
        RETURNED,
        /** Its local limit passed before it closed. */
        OVERDUE,
        /** The local unit sent it up by itself. */
        BY_UNIT
    }

    /** The level at which a case was solved (五级闭环). */
    public enum Level {
        GRID, COMMUNITY, STREET, DISTRICT, CITY
    }

    @Column(nullable = false, length = 32)
    public String number;

    @Column(name = "source_code", nullable = false, length = 32)
    public String sourceCode;

    @Enumerated(EnumType.STRING)
    @Column(name = "source_channel", nullable = false, length = 24)
    public CaseSource.Channel sourceChannel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public CatalogClass.Kind kind;

    @Column(name = "class_code", nullable = false, length = 4)
    public String classCode;

    @Column(name = "class_name", nullable = false, length = 100)
    public String className;

    @Column(name = "rule_id", nullable = false)
    public Long ruleId;

    @Column(name = "condition_code", length = 8)
    public String conditionCode;

    @Column(name = "limit_amount")
    public Integer limitAmount;

    @Enumerated(EnumType.STRING)
    @Column(name = "limit_unit", length = 16)
    public FilingCondition.Unit limitUnit;

    @Column(name = "key_class", nullable = false)
    public boolean keyClass;

    @Column(nullable = false)
    public boolean minor;

    @Column(name = "base_case_weight", nullable = false)
    public BigDecimal baseCaseWeight;

    @Enumerated(EnumType.STRING)
    @Column(name = "problem_type", nullable = false, length = 16)
    public ProblemType problemType;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    public Priority priority;

    @Column(nullable = false)
    public double lon;

    @Column(nullable = false)
    public double lat;

    @Column(length = 200)
    public String address;

    @Column(name = "layout_version", nullable = false)
    public int layoutVersion;

    @Column(name = "unit_code", nullable = false, length = 17)
    public String unitCode;

    @Column(name = "management_code", nullable = false, length = 14)
    public String managementCode;

    @Column(name = "community_code", nullable = false, length = 12)
    public String communityCode;

    @Column(name = "street_code", nullable = false, length = 9)
    public String streetCode;

    @Column(name = "district_code", nullable = false, length = 6)
    public String districtCode;

    @Column(nullable = false, length = 2000)
    public String description;

    @Column(name = "reporter_id")
    public Long reporterId;

    @Column(name = "reporter_name", nullable = false, length = 100)
    public String reporterName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 24)
    public CaseState state;

    /** Mirrors {@code state.open()} for the partial indexes on open cases. */
    @Column(name = "is_open", nullable = false)
    public boolean open;

    /** The state a void request was made from, to go back to when it is refused. */
    @Enumerated(EnumType.STRING)
    @Column(name = "resume_state", length = 24)
    public CaseState resumeState;

    @Column(name = "department_code", length = 64)
    public String departmentCode;

    /** What the routing rule chose at dispatch; differs from {@link #departmentCode} after an override. */
    @Column(name = "routed_department", length = 64)
    public String routedDepartment;

    @Column(name = "duplicate_of")
    public Long duplicateOf;

    @Column(name = "me_too_count", nullable = false)
    public int meTooCount;

    /** A city supervisor's report with no district report of the same problem: 漏报, counted against the district. */
    @Column(name = "missed_report", nullable = false)
    public boolean missedReport;

    @Column(name = "missed_district_code", length = 6)
    public String missedDistrictCode;

    /** Brought from the city's older system by a history import: its events are the old system's, no one was told. */
    @Column(name = "imported", nullable = false)
    public boolean imported;

    @Enumerated(EnumType.STRING)
    @Column(length = 16)
    public CaseState.Phase phase;

    @Column(name = "phase_deadline")
    public Instant phaseDeadline;

    @Column(name = "reminder_at")
    public Instant reminderAt;

    @Column(nullable = false)
    public boolean overdue;

    @Column(name = "suspended_until")
    public LocalDate suspendedUntil;

    /** An extension or suspension asked for and not yet decided: what was asked, by whom, why. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "pending_request")
    public String pendingRequest;

    @Column(name = "rework_count", nullable = false)
    public int reworkCount;

    @Enumerated(EnumType.STRING)
    @Column(name = "solved_level", length = 16)
    public Level solvedLevel;

    @Column(name = "self_handled", nullable = false)
    public boolean selfHandled;

    @Column(name = "audit_sampled", nullable = false)
    public boolean auditSampled;

    @Column(name = "audit_result", length = 8)
    public String auditResult;

    /** A volunteer's word on the report before the acceptor decides; {@code null}: none yet. */
    @Enumerated(EnumType.STRING)
    @Column(length = 20)
    public Triage triage;
    @Column(name = "triaged_by")
    public Long triagedBy;
    /** The community committee or street office whose loop the case began in; kept after it escalates. */
    @Column(name = "local_unit_code", length = 64)
    public String localUnitCode;

    /** When the local loop's time runs out (working time from the report); the deadline job escalates then. */
    @Column(name = "local_deadline")
    public Instant localDeadline;

    /** The case is in its local loop now: the local unit files, dispatches and verifies it beside the centre. */
    @Column(name = "local_loop", nullable = false)
    public boolean localLoop;

    /** Why it left the local loop; {@code null} while it is in it or never was. */
    @Enumerated(EnumType.STRING)
    @Column(length = 16)
    public Escalation escalation;

    @Column(name = "hotline_ticket", length = 64)
    public String hotlineTicket;

    @Column(name = "reported_at", nullable = false)
    public Instant reportedAt;

    @Column(name = "filed_at")
    public Instant filedAt;

    @Column(name = "dispatched_at")
    public Instant dispatchedAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    @Column(nullable = false)
    public long version;

    /** Moves the case to a state of the loop; the transition table decided it may. */
    public void moveTo(CaseState next) {
        state = next;
        open = next.open();
    }

    /** 立案: held to the filing condition chosen, which fixes the disposal limit; an emergency is urgent. */
    public void file(FilingCondition condition, ProblemType type, Priority chosenPriority, Instant at) {
        conditionCode = condition.code();
        limitAmount = condition.limit().amount();
        limitUnit = condition.limit().unit();
        filedAt = at;
        if (type == ProblemType.EMERGENCY) {
            declareEmergency();
        } else if (chosenPriority != null) {
            priority = chosenPriority;
        }
    }

    /**
     * 合并: this report repeats {@code original}. A city supervisor's report that repeats a district
     * report was no missed report after all.
     */
    public void mergeInto(CityCase original) {
        duplicateOf = original.id;
        if (original.sourceChannel == CaseSource.Channel.DISTRICT_SUPERVISOR
                && sourceChannel == CaseSource.Channel.CITY_SUPERVISOR) {
            missedReport = false;
            missedDistrictCode = null;
        }
    }

    /** Another resident follows the case ("me too", or their report merged into it). */
    public void gainFollower() {
        meTooCount++;
    }

    /** 派遣: to the department chosen; {@code routed} is what the routing rule named. */
    public void dispatchTo(String department, String routed, Instant at) {
        routedDepartment = routed;
        departmentCode = department;
        dispatchedAt = at;
    }

    /** 会商决定: the consultation names the department. */
    public void decideFor(String department, Instant at) {
        departmentCode = department;
        dispatchedAt = at;
    }

    /** 回退: the department said "not ours" and leaves the case. */
    public void returnFromDepartment() {
        departmentCode = null;
    }

    /** An extension or suspension asked for, waiting for the dispatcher (what, by whom, why, as JSON). */
    public void awaitDecision(String request) {
        pendingRequest = request;
    }

    public void decisionTaken() {
        pendingRequest = null;
    }

    /** 吹哨报到: departments are called in, one of them leading (the one the case is with, or the one named). */
    public void callIn(String lead, Instant at) {
        departmentCode = lead;
        problemType = ProblemType.COORDINATION;
        if (dispatchedAt == null) {
            dispatchedAt = at;
        }
    }

    /** 会商: responsibility is disputed. */
    public void referToConsultation() {
        problemType = ProblemType.CONSULTATION;
    }

    /** 应急: urgent, and its phases count natural time. */
    public void declareEmergency() {
        problemType = ProblemType.EMERGENCY;
        priority = Priority.URGENT;
    }

    /** 返工: verification failed; the department works on it again. */
    public void rework() {
        reworkCount++;
    }

    /** 结案, at the level the problem was solved. */
    public void close(Level level, Instant at) {
        closedAt = at;
        solvedLevel = level;
    }

    /** Whether the self-handling audit looks at this case. */
    public void sampleForAudit(boolean drawn) {
        auditSampled = drawn;
    }

    public void passAudit() {
        auditResult = "PASS";
    }

    /** Not fixed after all: it goes round the loop like any case and no longer counts as solved in the grid. */
    public void failAudit() {
        auditResult = "FAIL";
        selfHandled = false;
        closedAt = null;
        solvedLevel = null;
    }

    /**
     * 重办: a resident's "not solved" was accepted: the case is no longer closed and is worked again, as
     * rework of the department that disposed of it; a problem fixed on the spot goes to {@code department}.
     */
    public void reopen(String department) {
        reworkCount++;
        closedAt = null;
        solvedLevel = null;
        if (departmentCode == null) {
            departmentCode = department;
            selfHandled = false;
        }
    }

    /** 现场确认 or 建议不予立案 by a volunteer: the latest word counts, with who said it. */
    public void triagedAs(Triage verdict, long volunteerId) {
        triage = verdict;
        triagedBy = volunteerId;
    }

    /** 劝导处置: a minor problem persuaded away or fixed on the spot by a volunteer closes at community level. */
    public void fixedOnTheSpot(long volunteerId, Instant at) {
        selfHandled = true;
        triagedBy = volunteerId;
        close(Level.COMMUNITY, at);
    }

    /** 二级闭环: the case starts in the loop of {@code unit}, which has until {@code deadline}. */
    public void startLocalLoop(String unit, Instant deadline) {
        localUnitCode = unit;
        localDeadline = deadline;
        localLoop = true;
    }

    /** Whether the actor's department is the local unit of a case in its local loop now. */
    public boolean inLocalLoopOf(String departmentCode) {
        return localLoop && departmentCode != null && departmentCode.equals(localUnitCode);
    }

    /** 上报升级: the case leaves its local loop for the district/city loop; it is solved at district level at least. */
    public void escalate(Escalation why) {
        localLoop = false;
        escalation = why;
    }

    /** 作废申请: remembers where the case was, to go back there if the request is refused. */
    public void holdForVoid(CaseState from) {
        resumeState = from;
    }

    public void releaseVoidHold() {
        resumeState = null;
    }
}
