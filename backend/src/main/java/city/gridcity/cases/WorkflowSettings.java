package city.gridcity.cases;

import city.gridcity.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** A city's limits for the phases the catalog does not fix, its case number prefix and its rating window. */
@Entity
@Table(name = "workflow_settings")
public class WorkflowSettings extends TenantOwnedEntity {

    @Column(name = "number_prefix", nullable = false, length = 8)
    public String numberPrefix;

    /** Working minutes from report to filing (立案时限). */
    @Column(name = "filing_minutes", nullable = false)
    public int filingMinutes;

    /** Working minutes from filing to dispatch (派遣时限). */
    @Column(name = "dispatch_minutes", nullable = false)
    public int dispatchMinutes;

    /** Working hours from report-back to on-site verification (核查时限). */
    @Column(name = "verification_hours", nullable = false)
    public int verificationHours;

    /** A reminder goes out when this share of a phase's time has passed. */
    @Column(name = "reminder_share_percent", nullable = false)
    public int reminderSharePercent;

    /** The share of self-handled cases drawn for an audit (抽检). */
    @Column(name = "self_handling_audit_percent", nullable = false)
    public int selfHandlingAuditPercent;

    /** Natural days after a case closes in which its residents may rate it (满意度评价). */
    @Column(name = "rating_window_days", nullable = false)
    public int ratingWindowDays;

    /** Service time (志愿服务时长) a volunteer's triage counts, in minutes; per piece of work. */
    @Column(name = "volunteer_confirm_minutes", nullable = false)
    public int volunteerConfirmMinutes;

    @Column(name = "volunteer_merge_minutes", nullable = false)
    public int volunteerMergeMinutes;

    @Column(name = "volunteer_invalid_minutes", nullable = false)
    public int volunteerInvalidMinutes;

    @Column(name = "volunteer_fix_minutes", nullable = false)
    public int volunteerFixMinutes;

    /**
     * Whether streets and communities close their own loop (二级闭环) for the subclasses the catalog marks with a
     * local level; off, every report goes through the centre.
     */
    @Column(name = "local_loop", nullable = false)
    public boolean localLoop;

    /** Working hours a local loop has from the report before the case escalates to the district/city loop. */
    @Column(name = "local_loop_hours", nullable = false)
    public int localLoopHours = WorkflowConfigService.DEFAULT_LOCAL_LOOP_HOURS;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
