package city.gridcity.cases.facts;

import city.gridcity.cases.CaseSource;
import city.gridcity.cases.CaseState;
import city.gridcity.cases.CityCase;
import city.gridcity.catalog.CatalogClass;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.TenantId;
import org.hibernate.type.SqlTypes;

/**
 * The facts of one case (the read side of cases): written by {@link CaseFactsProjector} in the
 * transaction of every event of the case, recomputed from history by {@link CaseFactsRebuild}.
 * Other features read it through {@link CaseFactsQueries}, never directly. Every column is a
 * function of the case's events, its phase rows and its report-time columns ({@link CaseFactsFold}).
 */
@Entity
@Table(name = "case_facts")
public class CaseFacts extends PanacheEntityBase {

    @Id
    @Column(name = "case_id")
    public Long caseId;

    /** The city's code, filled by Hibernate from the current city. */
    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(nullable = false, length = 32)
    public String number;

    @Column(name = "event_count", nullable = false)
    public int eventCount;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 24)
    public CaseState state;

    @Column(name = "is_open", nullable = false)
    public boolean open;

    @Column(name = "reporter_id")
    public Long reporterId;

    @Column(name = "reporter_role", nullable = false, length = 32)
    public String reporterRole;

    @Column(name = "source_code", nullable = false, length = 32)
    public String sourceCode;

    @Enumerated(EnumType.STRING)
    @Column(name = "source_channel", nullable = false, length = 24)
    public CaseSource.Channel sourceChannel;

    @Column(name = "hotline_ticket", length = 64)
    public String hotlineTicket;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public CatalogClass.Kind kind;

    @Column(name = "class_code", nullable = false, length = 4)
    public String classCode;

    @Column(name = "key_class", nullable = false)
    public boolean keyClass;

    @Column(nullable = false)
    public boolean minor;

    @Column(name = "base_case_weight", nullable = false, precision = 6, scale = 2)
    public BigDecimal baseCaseWeight;

    @Enumerated(EnumType.STRING)
    @Column(name = "problem_type", nullable = false, length = 16)
    public CityCase.ProblemType problemType;

    @Column(name = "condition_code", length = 8)
    public String conditionCode;

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

    @Column(name = "reported_at", nullable = false)
    public Instant reportedAt;

    @Column(name = "filed_at")
    public Instant filedAt;

    @Column(name = "dispatched_at")
    public Instant dispatchedAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "rejected_at")
    public Instant rejectedAt;

    @Column(name = "merged_at")
    public Instant mergedAt;

    @Column(name = "voided_at")
    public Instant voidedAt;

    @Column(name = "filing_attempts", nullable = false)
    public int filingAttempts;

    @Column(name = "filing_deadline")
    public Instant filingDeadline;

    @Column(name = "filing_ended_at")
    public Instant filingEndedAt;

    @Column(name = "filing_on_time")
    public Boolean filingOnTime;

    @Column(name = "filing_overdue_at")
    public Instant filingOverdueAt;

    @Column(name = "dispatch_attempts", nullable = false)
    public int dispatchAttempts;

    @Column(name = "dispatch_deadline")
    public Instant dispatchDeadline;

    @Column(name = "dispatch_ended_at")
    public Instant dispatchEndedAt;

    @Column(name = "dispatch_on_time")
    public Boolean dispatchOnTime;

    @Column(name = "dispatch_overdue_at")
    public Instant dispatchOverdueAt;

    @Column(name = "disposal_attempts", nullable = false)
    public int disposalAttempts;

    @Column(name = "disposal_deadline")
    public Instant disposalDeadline;

    @Column(name = "disposal_ended_at")
    public Instant disposalEndedAt;

    @Column(name = "disposal_on_time")
    public Boolean disposalOnTime;

    @Column(name = "disposal_overdue_at")
    public Instant disposalOverdueAt;

    @Column(name = "verification_attempts", nullable = false)
    public int verificationAttempts;

    @Column(name = "verification_deadline")
    public Instant verificationDeadline;

    @Column(name = "verification_ended_at")
    public Instant verificationEndedAt;

    @Column(name = "verification_on_time")
    public Boolean verificationOnTime;

    @Column(name = "verification_overdue_at")
    public Instant verificationOverdueAt;

    @Column(name = "return_count", nullable = false)
    public int returnCount;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "returned_by", nullable = false)
    public String[] returnedBy = new String[0];

    @Column(name = "rework_count", nullable = false)
    public int reworkCount;

    @Column(name = "extension_count", nullable = false)
    public int extensionCount;

    /** Approved extensions in working or natural hours. */
    @Column(name = "extension_hours", nullable = false)
    public int extensionHours;

    /** Approved extensions in working days. */
    @Column(name = "extension_working_days", nullable = false)
    public int extensionWorkingDays;

    @Column(name = "suspension_count", nullable = false)
    public int suspensionCount;

    /** Natural seconds between each approved suspension and the event that ended it. */
    @Column(name = "suspended_seconds", nullable = false)
    public long suspendedSeconds;

    @Column(name = "suspended_since")
    public Instant suspendedSince;

    @Enumerated(EnumType.STRING)
    @Column(name = "solved_level", length = 16)
    public CityCase.Level solvedLevel;

    @Column(name = "self_handled", nullable = false)
    public boolean selfHandled;

    /** The case began in the local loop (二级闭环) of a community committee or street office ({@link #localUnit}). */
    @Column(name = "local_loop", nullable = false)
    public boolean localLoop;

    @Column(name = "local_unit", length = 64)
    public String localUnit;

    /** Why it left its local loop for the district/city loop; {@code null}: it did not (or was in none). */
    @Enumerated(EnumType.STRING)
    @Column(length = 16)
    public CityCase.Escalation escalation;

    @Column(name = "audit_sampled", nullable = false)
    public boolean auditSampled;

    @Column(name = "audit_result", length = 8)
    public String auditResult;

    @Column(name = "missed_report", nullable = false)
    public boolean missedReport;

    /**
     * A hotline complaint: when the daily matching looked at it ({@code null}: not yet), the grid finding of the same
     * problem it met (none: the grid did not find it), whether that finding was reported before the call (发现在先)
     * and closed before it (未诉先办).
     */
    @Column(name = "hotline_checked_at")
    public Instant hotlineCheckedAt;

    @Column(name = "hotline_finding", length = 32)
    public String hotlineFinding;

    @Column(name = "found_before_complaint", nullable = false)
    public boolean foundBeforeComplaint;

    @Column(name = "solved_before_complaint", nullable = false)
    public boolean solvedBeforeComplaint;

    /** A grid finding: how many hotline complaints the matching paired with it, and the earliest one's call. */
    @Column(name = "complaint_count", nullable = false)
    public int complaintCount;

    @Column(name = "first_complaint_at")
    public Instant firstComplaintAt;

    /** The case came with a history import; it counts like any other. */
    @Column(name = "imported", nullable = false)
    public boolean imported;

    /** The number of the case this one was merged into. */
    @Column(name = "duplicate_of", length = 32)
    public String duplicateOf;

    @Column(name = "responsible_department", length = 64)
    public String responsibleDepartment;

    @Column(name = "routed_department", length = 64)
    public String routedDepartment;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public String[] participants = new String[0];

    /** Residents' ratings of the case (满意度评价), one per resident: how many, and how many gave each answer. */
    @Column(name = "rating_count", nullable = false)
    public int ratingCount;

    @Column(name = "satisfied_count", nullable = false)
    public int satisfiedCount;

    @Column(name = "basically_satisfied_count", nullable = false)
    public int basicallySatisfiedCount;

    @Column(name = "dissatisfied_count", nullable = false)
    public int dissatisfiedCount;

    /** Ratings that said the problem is not solved. */
    @Column(name = "not_solved_count", nullable = false)
    public int notSolvedCount;

    @Column(name = "first_rated_at")
    public Instant firstRatedAt;

    /** Reopen requests (重办申请) raised by "not solved" ratings, and how the acceptor decided them. */
    @Column(name = "reopen_requests", nullable = false)
    public int reopenRequests;

    @Column(name = "reopen_accepted", nullable = false)
    public int reopenAccepted;

    @Column(name = "reopen_declined", nullable = false)
    public int reopenDeclined;

    /** Dispatches made (a dispatch or a consultation's decision naming the department); returns are {@link #returnCount}. */
    @Column(name = "dispatch_count", nullable = false)
    public int dispatchCount;

    /** Dispatch phase attempts that ended, and of those the ones that ended on time. */
    @Column(name = "dispatch_ended_count", nullable = false)
    public int dispatchEndedCount;

    @Column(name = "dispatch_on_time_count", nullable = false)
    public int dispatchOnTimeCount;

    /** Verification phase attempts that ended (a verification done), and of those the ones done on time. */
    @Column(name = "verification_ended_count", nullable = false)
    public int verificationEndedCount;

    @Column(name = "verification_on_time_count", nullable = false)
    public int verificationOnTimeCount;

    /** Verifications that failed (rework), not counting accepted reopen requests. */
    @Column(name = "verify_fail_count", nullable = false)
    public int verifyFailCount;

    /** The last verification (passed or failed) and the user who made it. */
    @Column(name = "last_verified_at")
    public Instant lastVerifiedAt;

    @Column(name = "verifier_id")
    public Long verifierId;

    /** The last approved suspension: its start and, once it ended, its end. */
    @Column(name = "last_suspension_from")
    public Instant lastSuspensionFrom;

    @Column(name = "last_suspension_until")
    public Instant lastSuspensionUntil;
}
